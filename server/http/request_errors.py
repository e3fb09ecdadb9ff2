"""Requests refused before any GraphQL runs, answered as GraphQL errors with a code, and the
status of a response that carries no `data` (a request error) under graphql-response+json."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.responses import JSONResponse
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from server.http.media_types import JSON

NOT_AN_OBJECT = "A GraphQL request is a JSON object with a `query`."
_CODES = {404: "NOT_FOUND"}
_STATUS_OF_CODE = {"INTERNAL": 500, "TIMEOUT": 503}


def response(status_code: int, message: str) -> JSONResponse:
    code = _CODES.get(status_code, "BAD_USER_INPUT")
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status_code
    )


def decode_json(data: str | bytes) -> object:
    """`json.loads`, with every way a text can fail to be JSON raised as a JSONDecodeError."""
    try:
        return json.loads(data)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", "", 0) from None
    except UnicodeDecodeError:
        raise json.JSONDecodeError("not UTF-8", "", 0) from None
    except ValueError:  # an integer of more digits than Python converts
        raise json.JSONDecodeError("a number too long", "", 0) from None


def parse_json(decode: Callable[[str | bytes], object], data: str | bytes) -> Any:
    try:
        return decode(data)
    except json.JSONDecodeError as error:
        raise HTTPException(400, f"The request is not valid JSON: {error.msg}.") from None


def check_content_type(request: AsyncHTTPRequestAdapter) -> None:
    """POST bodies are JSON (415 otherwise)."""
    media_type = (request.content_type or "").split(";")[0].strip().lower()
    if request.method == "POST" and media_type != JSON:
        raise HTTPException(415, "Send the request as application/json.")


def is_request_error(result: ExecutionResult) -> bool:
    """Refused before execution (syntax, validation, variables, limits): no error has a path."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


def status_without_data(response_data: GraphQLHTTPResponse) -> int:
    statuses = [
        _STATUS_OF_CODE.get(error.get("extensions", {}).get("code"), 400)
        for error in response_data.get("errors") or []
        if isinstance(error, dict)
    ]
    return max(statuses, default=400)
