"""The schema's extensions: request limits and the parser and validation caches.

The limit rules are built once, here, so that Strawberry's ValidationCache (keyed by the rules
as well as the document) hits for a document it has seen; built per request, it never would.
"""

from __future__ import annotations

from collections.abc import Callable

from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from server.config import Settings
from server.schema.variables_text import TextVariables

PARSER_CACHE_SIZE = 1024
VALIDATION_CACHE_SIZE = 1024


def schema_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories: each request gets fresh extensions, sharing the caches and the rule classes."""
    limit_rules = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=PARSER_CACHE_SIZE),
        lambda: AddValidationRules(limit_rules),
        lambda: ValidationCache(maxsize=VALIDATION_CACHE_SIZE),
        TextVariables,
    ]
    if settings.is_production:
        extensions.insert(0, DisableIntrospection)
    return extensions
