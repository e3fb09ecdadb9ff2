"""What went wrong, as the app sees it: one exception per `extensions.code`, and one for a
network that failed before the server answered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class ApiError(Exception):
    """A GraphQL error the server sent; `message` is written for the person holding the phone."""

    code: ClassVar[str] = "UNKNOWN"

    def __init__(self, operation: str, message: str, extensions: Mapping[str, Any]) -> None:
        super().__init__(f"{operation}: {self.code}: {message}")
        self.operation = operation
        self.message = message
        self.extensions = dict(extensions)

    @property
    def reason(self) -> str | None:
        """The machine-readable reason some codes carry, such as CONFLICT's ALREADY_REQUESTED."""
        reason = self.extensions.get("reason")
        return reason if isinstance(reason, str) else None


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class Forbidden(ApiError):
    code = "FORBIDDEN"


class NotFound(ApiError):
    code = "NOT_FOUND"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"

    @property
    def field(self) -> str | None:
        field = self.extensions.get("field")
        return field if isinstance(field, str) else None


class Conflict(ApiError):
    code = "CONFLICT"


class RateLimited(ApiError):
    code = "RATE_LIMITED"

    @property
    def retry_after_seconds(self) -> float:
        return float(self.extensions.get("retryAfterSeconds", 1))


class Internal(ApiError):
    code = "INTERNAL"

    @property
    def correlation_id(self) -> str | None:
        correlation_id = self.extensions.get("correlationId")
        return correlation_id if isinstance(correlation_id, str) else None


class TransportFailure(Exception):
    """No GraphQL answer at all: `TIMEOUT` when none came in time; `TRANSPORT` for a refused
    connection, a closed socket, a body that is not GraphQL."""

    def __init__(self, message: str, code: str = "TRANSPORT") -> None:
        super().__init__(message)
        self.code = code


_BY_CODE: dict[str, type[ApiError]] = {
    cls.code: cls
    for cls in (Unauthenticated, Forbidden, NotFound, BadUserInput, Conflict, RateLimited, Internal)
}


def error_from(operation: str, error: Mapping[str, Any]) -> ApiError:
    """The exception for one entry of a response's `errors`."""
    extensions: Mapping[str, Any] = error.get("extensions") or {}
    cls = _BY_CODE.get(str(extensions.get("code")), ApiError)
    return cls(operation, str(error.get("message", "")), extensions)
