"""The GraphQL endpoint: builds the typed context and authenticates WebSocket connections."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UnsetType

from server.auth.identity import ANONYMOUS, Identity
from server.schema.context import Context, Services
from server.schema.loaders import Loaders


def _authorization(params: dict[str, Any] | None) -> str | None:
    """The `authorization` key of a connection_init payload, matched case-insensitively."""
    for key, value in (params or {}).items():
        if key.lower() == "authorization" and isinstance(value, str):
            return value
    return None


class ExpoGraphQL(GraphQL[Context, None]):
    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        services: Services = request.state.services
        identity: Identity = ANONYMOUS
        if isinstance(request, Request):
            identity = await services.authenticator.identify(request.headers.get("authorization"))
        return Context(
            request=request,
            response=response,
            services=services,
            identity=identity,
            loaders=Loaders(services.db),
            client_address=request.client.host if request.client else "unknown",
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        authorization = _authorization(context.connection_params)
        if authorization is not None:
            identity = await context.services.authenticator.identify(authorization)
            if identity.person is None:
                raise ConnectionRejectionError(
                    {"message": identity.problem, "code": "UNAUTHENTICATED"}
                )
            context.identity = identity
        return await super().on_ws_connect(context)
