"""GraphQL over WebSocket (graphql-transport-ws), signed in through connection_init."""

from __future__ import annotations

import pytest
from websockets.exceptions import ConnectionClosed

from tests.support.graphql import GraphQLClient, ws_execute, ws_init
from tests.support.world import World


async def test_connection_init_authorization_identifies_the_person(
    api: GraphQLClient, world: World
) -> None:
    token = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
    async with api.websocket() as ws:
        assert (await ws_init(ws, {"Authorization": f"Bearer {token}"}))["type"] == "connection_ack"
        frame = await ws_execute(ws, "{ me { name email } }")
    assert frame["payload"] == {"data": {"me": {"name": "Cara Chen", "email": "cara@bolt.example"}}}


async def test_anonymous_socket_reads_public_data(api: GraphQLClient, world: World) -> None:
    async with api.websocket() as ws:
        await ws_init(ws)
        frame = await ws_execute(ws, "{ me { name } event { name } }")
    assert frame["payload"] == {"data": {"me": None, "event": {"name": "Test HTM Expo"}}}


async def test_bad_token_on_connection_init_closes_the_socket(
    api: GraphQLClient, world: World
) -> None:
    async with api.websocket() as ws:
        await ws.send('{"type": "connection_init", "payload": {"authorization": "Bearer nope"}}')
        with pytest.raises(ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
