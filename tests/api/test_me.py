"""`me`: null for a caller who sends no token; UNAUTHENTICATED, with the reason, for a token
that is refused, so an app learns that its session ended instead of reading an anonymous null."""

from __future__ import annotations

from server.config import Settings
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.world import World

ME = "{ me { name } }"


def _refused(message: str) -> dict[str, object]:
    error = {
        "message": message,
        "locations": [{"line": 1, "column": 3}],
        "path": ["me"],
        "extensions": {"code": "UNAUTHENTICATED"},
    }
    return {"data": {"me": None}, "errors": [error]}


async def test_me_without_a_token_is_null(api: GraphQLClient, world: World) -> None:
    assert await api.execute(ME) == {"data": {"me": None}}


async def test_me_with_a_valid_token_is_the_person(api: GraphQLClient, world: World) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    assert await api.execute(ME, token=token) == {"data": {"me": {"name": "Ana Alvarez"}}}


async def test_me_with_a_tampered_token_is_unauthenticated(
    api: GraphQLClient, world: World
) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    result = await api.execute(ME, token=token[:-3] + "abc")
    assert result == _refused("Your sign-in is no longer valid. Sign in again.")


async def test_me_with_an_expired_token_is_unauthenticated(
    api: GraphQLClient, world: World, clock: ManualClock, settings: Settings
) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    clock.advance(hours=settings.token_ttl_hours, seconds=1)
    result = await api.execute(ME, token=token)
    assert result == _refused("Your session has expired. Sign in again.")
