"""A small GraphQL client over real HTTP and WebSocket (graphql-transport-ws)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect


@dataclass
class GraphQLClient:
    http: httpx.AsyncClient
    ws_url: str

    async def execute(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        result: dict[str, Any] = response.json()
        return result

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """The data of a query that must succeed."""
        result = await self.execute(query, variables, token)
        assert "errors" not in result, result
        data: dict[str, Any] = result["data"]
        return data

    async def sign_in(self, email: str, code: str) -> str:
        data = await self.data(
            "mutation($e: String!, $c: String!) { signIn(email: $e, code: $c) { token } }",
            {"e": email, "c": code},
        )
        token: str = data["signIn"]["token"]
        return token

    def websocket(self, **options: Any) -> Any:
        return connect(self.ws_url, subprotocols=["graphql-transport-ws"], **options)


async def ws_init(ws: ClientConnection, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    await ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
    reply: dict[str, Any] = json.loads(await ws.recv())
    return reply


async def ws_execute(
    ws: ClientConnection, query: str, variables: dict[str, Any] | None = None, op_id: str = "1"
) -> dict[str, Any]:
    """Run one operation over the socket; returns its first `next` payload (or error frame)."""
    message = {
        "id": op_id,
        "type": "subscribe",
        "payload": {"query": query, "variables": variables or {}},
    }
    await ws.send(json.dumps(message))
    while True:
        frame: dict[str, Any] = json.loads(await ws.recv())
        if frame.get("id") == op_id and frame["type"] in {"next", "error"}:
            return frame
