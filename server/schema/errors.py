"""Errors on the wire: `extensions.code` on every error; anything unexpected masked and logged."""

from __future__ import annotations

import logging
import uuid

from graphql.error import GraphQLError
from graphql.language import IntValueNode

from server.errors import AppError

log = logging.getLogger("server.errors")

INTERNAL_MESSAGE = "Something went wrong on our side. Quote the error id if you report it."


def _with_code(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


def _unreadable_integer(error: GraphQLError) -> bool:
    """graphql-core's check of an Int literal failed in Python's int(): thousands of digits."""
    nodes = error.nodes or []
    return isinstance(error.original_error, ValueError) and any(
        isinstance(node, IntValueNode) for node in nodes
    )


def coded(error: GraphQLError) -> GraphQLError:
    """Known errors keep their message and gain their code; request errors (syntax, validation,
    limits) are BAD_USER_INPUT; anything else becomes INTERNAL with a logged correlation id."""
    if error.extensions and "code" in error.extensions:
        return error
    original = error.original_error
    if isinstance(original, AppError):
        return _with_code(error, original.message, {"code": original.code, **original.extensions})
    if original is None or isinstance(original, GraphQLError):
        return _with_code(error, error.message, {"code": "BAD_USER_INPUT"})
    if _unreadable_integer(error):
        message = "An integer in the query has too many digits."
        return _with_code(error, message, {"code": "BAD_USER_INPUT"})
    correlation_id = uuid.uuid4().hex
    log.error("internal error %s at %s", correlation_id, error.path, exc_info=original)
    return _with_code(
        error, INTERNAL_MESSAGE, {"code": "INTERNAL", "correlationId": correlation_id}
    )
