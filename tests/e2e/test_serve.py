"""`python -m server serve` as `make run` starts it: embedded database, demo seeded once; and
the uvicorn settings it serves with."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from websockets.exceptions import ConnectionClosedError

from server.app import create_app
from server.cli.serve import uvicorn_config
from server.config import Settings
from server.db.client import Database
from server.db.collections import SIGNIN_ATTEMPTS
from server.db.embedded import free_loopback_port, running_embedded_uri
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient, ws_init
from tests.support.served import serving

SIGN_IN = 'mutation { signIn(email: "attendee@demo.example", code: "DEMO-ATTENDEE") { token } }'
UPDATE = 'mutation { updateProfile(input: {headline: "Edited before a restart"}) { headline } }'


def _graphql(base_url: str, query: str, token: str | None = None) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{base_url}/graphql", json={"query": query}, headers=headers, timeout=30)
    result: dict[str, object] = response.json()
    return result


def test_serve_seeds_the_demo_once_and_keeps_edits_across_restarts(tmp_path: Path) -> None:
    port = free_loopback_port()
    with serving(tmp_path, port) as served:
        base_url, printed = served.url, served.printed
        assert f"  GraphQL API and GraphiQL: {base_url}/graphql" in printed
        assert any("attendee@demo.example" in line and "DEMO-ATTENDEE" in line for line in printed)
        token = _graphql(base_url, SIGN_IN)["data"]["signIn"]["token"]  # type: ignore[index]
        assert _graphql(base_url, UPDATE, token) == {
            "data": {"updateProfile": {"headline": "Edited before a restart"}}
        }
        event = _graphql(base_url, "{ event { name } }")
        suggestions = _graphql(base_url, "{ suggestions { reasons { detail } } }", token)
        assert len(suggestions["data"]["suggestions"]) == 10  # type: ignore[index]
    assert running_embedded_uri(tmp_path) is None  # the database stopped with the app

    with serving(tmp_path, port) as served:
        base_url = served.url
        me = _graphql(base_url, "{ me { headline } }", token)
        assert me == {"data": {"me": {"headline": "Edited before a restart"}}}
        assert _graphql(base_url, "{ event { name } }") == event


@pytest.mark.parametrize("command", ["serve", "seed", "worker"])
def test_commands_explain_a_database_that_cannot_start(tmp_path: Path, command: str) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update({"DATA_DIR": str(blocked / "data"), "PORT": str(free_loopback_port())})
    done = subprocess.run(
        [sys.executable, "-m", "server", command], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    storage = (blocked / "data" / "db").resolve()
    assert (done.returncode, done.stderr) == (
        1,
        f"Cannot start the embedded database: cannot create the data directory {storage}: "
        "Not a directory\n",
    )


@asynccontextmanager
async def _served_as_serve_does(
    settings: Settings, clock: ManualClock
) -> AsyncIterator[GraphQLClient]:
    """The app in this process, with the uvicorn configuration `serve` uses; a client of it."""
    local = settings.model_copy(update={"port": free_loopback_port(), "log_level": "WARNING"})
    server = uvicorn.Server(uvicorn_config(create_app(local, clock=clock), local))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            assert not task.done(), "the server stopped before it started"
            await asyncio.sleep(0.01)
        base_url = f"http://127.0.0.1:{local.port}"
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            yield GraphQLClient(http=http, ws_url=f"ws://127.0.0.1:{local.port}/graphql")
    finally:
        server.should_exit = True
        await task


async def test_websocket_message_over_the_body_limit_closes_the_socket_with_1009(
    settings: Settings, clock: ManualClock, db: Database
) -> None:
    small = settings.model_copy(update={"max_body_bytes": 2048})
    async with _served_as_serve_does(small, clock) as api, api.websocket() as ws:
        assert await ws_init(ws) == {"type": "connection_ack"}
        query = "{ event { name } }" + " " * 2048
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        with pytest.raises(ConnectionClosedError) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1009


SIGN_IN_FAILURE = 'mutation { signIn(email: "a@b.example", code: "WRONG") { token } }'


@pytest.mark.parametrize(
    ("allowed", "counted_as"),
    [("127.0.0.1,::1", "203.0.113.7"), ("10.9.8.7", "127.0.0.1")],
)
async def test_forwarded_client_address_is_believed_only_from_forwarded_allow_ips(
    settings: Settings, clock: ManualClock, db: Database, allowed: str, counted_as: str
) -> None:
    proxied = settings.model_copy(update={"forwarded_allow_ips": allowed})
    async with _served_as_serve_does(proxied, clock) as api:
        await api.http.post(
            "/graphql", json={"query": SIGN_IN_FAILURE}, headers={"X-Forwarded-For": "203.0.113.7"}
        )
    counters = await db[SIGNIN_ATTEMPTS.name].find({"_id": {"$regex": "^address:"}}).to_list()
    assert [doc["_id"].split("@")[0] for doc in counters] == [f"address:{counted_as}"]
