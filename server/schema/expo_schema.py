"""The schema class: every error leaves with a code, and subscriptions never run over HTTP."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any

from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry import Schema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.schema.schema import StreamResult
from strawberry.types import ExecutionContext as StrawberryExecutionContext
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from server.schema.errors import coded


def _closes_socket(error: GraphQLError) -> bool:
    """Errors for which graphql-transport-ws closes the socket (4400) instead of answering."""
    return isinstance(error, GraphQLSyntaxError) or (
        type(error.original_error).__name__ == "CannotGetOperationTypeError"
    )


async def _coded_stream(results: StreamResult) -> AsyncGenerator[Any, None]:
    async with aclosing(results):
        async for result in results:
            if isinstance(result, ExecutionResult) and result.errors:
                result.errors = [
                    error if _closes_socket(error) else coded(error) for error in result.errors
                ]
            yield result


class SubscriptionOverHttp(InvalidOperationTypeError):
    """Strawberry answers this with HTTP 400 and `as_http_error_reason` as the message."""

    def __init__(self) -> None:
        super().__init__(OperationType.SUBSCRIPTION)

    def as_http_error_reason(self, method: str) -> str:
        return (
            "Subscriptions run over the WebSocket at /graphql (graphql-transport-ws), "
            f"not over HTTP {method}."
        )


class ExpoSchema(Schema):
    """Every error leaves with an `extensions.code`; unexpected ones are masked and logged.

    This wraps `execute` rather than using a masking extension: errors raised while parsing
    (syntax, the token limit) leave Strawberry's operation hooks before extensions see them.
    """

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Operations over HTTP come this way: queries and mutations, never subscriptions."""
        allowed = set(kwargs.get("allowed_operation_types") or OperationType)
        kwargs["allowed_operation_types"] = allowed - {OperationType.SUBSCRIPTION}
        try:
            result = await super().execute(*args, **kwargs)
        except InvalidOperationTypeError as error:
            if error.operation_type is OperationType.SUBSCRIPTION:
                raise SubscriptionOverHttp from error
            raise
        if result.errors:
            result.errors = [coded(error) for error in result.errors]
        return result

    async def stream(self, *args: Any, **kwargs: Any) -> StreamResult:
        """Operations over WebSocket (subscriptions, and queries sent there) come this way."""
        return _coded_stream(await super().stream(*args, **kwargs))

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: StrawberryExecutionContext | None = None,
    ) -> None:
        """Errors are logged once, by `coded`, with their correlation id."""
