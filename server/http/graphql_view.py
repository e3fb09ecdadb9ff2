"""The GraphQL endpoint: builds the typed context and authenticates WebSocket connections.

Requests Strawberry refuses before any GraphQL runs (malformed JSON, a body that is not an
object, a wrong method or content type) answer with a JSON GraphQL error and a code
(`server/http/request_errors.py`); responses use `application/graphql-response+json` when
the client accepts it.
"""

from __future__ import annotations

from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.base import BaseRequestProtocol
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from server.auth.identity import ANONYMOUS, TOKEN_INVALID, Identity
from server.http import request_errors
from server.http.media_types import GRAPHQL_RESPONSE, accepts_graphql_response
from server.schema.context import Context, Services
from server.schema.loaders import Loaders
from server.services.common.validation import is_text


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
            identity = Identity(problem=TOKEN_INVALID)  # a JSON string no UTF-8 can hold
            if is_text(authorization):
                identity = await context.services.authenticator.identify(authorization)
            if identity.person is None:
                raise ConnectionRejectionError(
                    {"message": identity.problem, "code": "UNAUTHENTICATED"}
                )
            context.identity = identity
        return await super().on_ws_connect(context)

    async def run(  # type: ignore[override]
        self,
        request: Request | WebSocket,
        context: Context | UnsetType = UNSET,
        root_value: UnsetType | None = UNSET,
    ) -> Response | WebSocket:
        try:
            return await super().run(request, context, root_value)  # type: ignore[arg-type]
        except HTTPException as error:
            return request_errors.response(error.status_code, error.reason)

    def decode_json(self, data: str | bytes) -> object:
        value = request_errors.decode_json(data)
        if isinstance(data, bytes) and not isinstance(value, dict | list):
            # bodies arrive as bytes; query parameters and WebSocket messages as text
            raise HTTPException(400, request_errors.NOT_AN_OBJECT)
        return value

    def parse_json(self, data: str | bytes) -> Any:
        return request_errors.parse_json(self.decode_json, data)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> Any:
        request_errors.check_content_type(request)
        return await super().parse_http_body(request)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """Not for a GET that carries a persisted query's hash instead of the query."""
        return "extensions" not in request.query_params and super().should_render_graphql_ide(
            request
        )

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        if accepts_graphql_response(request.headers.get("accept", "")):
            sub_response.media_type = GRAPHQL_RESPONSE
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        processed = await super().process_result(request, result)
        if request_errors.is_request_error(result):
            del processed["data"]  # the spec: no `data` when the operation never ran
        return processed

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE and isinstance(response_data, dict):
            response.headers["content-type"] = GRAPHQL_RESPONSE
            if "data" not in response_data and not sub_response.status_code:
                response.status_code = request_errors.status_without_data(response_data)
        return response
