"""Limits on one operation: the limiters' rules built once (the validation cache hits)."""

from __future__ import annotations

from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from server.config import Settings
from server.schema.extensions import PARSER_CACHE_SIZE, VALIDATION_CACHE_SIZE
from tests.support.graphql import GraphQLClient


async def test_a_document_seen_before_is_neither_parsed_nor_validated_again(
    api: GraphQLClient, settings: Settings
) -> None:
    # Strawberry's caches are shared by every schema of the process: read them as differences
    query = "{ event { name } exhibitors(first: 2) { edges { node { name } } } }"
    first = await api.execute(query)
    validated = _get_validate_cache(VALIDATION_CACHE_SIZE).cache_info()
    parsed = _get_parse_cache(PARSER_CACHE_SIZE).cache_info()
    again = await api.execute(query)
    validated_again = _get_validate_cache(VALIDATION_CACHE_SIZE).cache_info()
    parsed_again = _get_parse_cache(PARSER_CACHE_SIZE).cache_info()
    assert again == first
    assert (validated_again.hits - validated.hits, validated_again.misses - validated.misses) == (
        1,
        0,
    )
    assert (parsed_again.hits - parsed.hits, parsed_again.misses - parsed.misses) == (1, 0)


async def test_the_limits_still_refuse_a_document_the_cache_holds(
    api: GraphQLClient, settings: Settings
) -> None:
    aliases = "{ " + " ".join(f"a{n}: __typename" for n in range(settings.max_aliases + 1)) + " }"
    refusals = [await api.execute(aliases) for _ in range(2)]
    assert refusals[0] == refusals[1]
    assert refusals[0]["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
