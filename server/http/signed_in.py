"""Who sent a plain HTTP request: a bearer token (as on /graphql) or the console's session
cookie; and application errors as HTTP answers in the GraphQL error shape."""

from __future__ import annotations

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

from server.auth.identity import Identity
from server.errors import AppError
from server.schema.context import Services

SESSION_COOKIE = "expo_session"
STATUS = {
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "BAD_USER_INPUT": 400,
    "CONFLICT": 409,
    "RATE_LIMITED": 429,
}


async def identify(request: HTTPConnection) -> Identity:
    services: Services = request.state.services
    authorization = request.headers.get("authorization")
    cookie = request.cookies.get(SESSION_COOKIE)
    if authorization is None and cookie:
        authorization = f"Bearer {cookie}"
    return await services.authenticator.identify(authorization)


def error_response(error: AppError) -> JSONResponse:
    body = {
        "errors": [
            {"message": error.message, "extensions": {"code": error.code, **error.extensions}}
        ]
    }
    return JSONResponse(body, status_code=STATUS.get(error.code, 500))
