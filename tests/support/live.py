"""Serving the real app with uvicorn on a free loopback port, inside the test's event loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import httpx
import uvicorn
from pymongo.monitoring import CommandListener

from server.app import create_app
from server.config import Settings
from server.db.embedded import free_loopback_port
from server.notifications.gateways.base import PushGateway
from server.schema.context import Services
from tests.support.graphql import GraphQLClient


@dataclass
class LiveApp:
    services: Services
    base_url: str

    @asynccontextmanager
    async def client(self) -> AsyncIterator[GraphQLClient]:
        # a crowd of requests waits its turn for the pool's 100 connections: on a busy machine
        # that takes longer than one request may, so the pool gets its own, longer bound
        timeout = httpx.Timeout(60, pool=300)
        async with httpx.AsyncClient(base_url=self.base_url, timeout=timeout) as http:
            ws_url = self.base_url.replace("http", "ws", 1) + "/graphql"
            yield GraphQLClient(http=http, ws_url=ws_url)


@asynccontextmanager
async def serve_app(
    settings: Settings,
    clock: Callable[[], datetime],
    command_listeners: Sequence[CommandListener] = (),
    push_gateway: PushGateway | None = None,
) -> AsyncIterator[LiveApp]:
    ready: list[Services] = []
    app = create_app(
        settings, clock=clock, on_ready=ready.append, command_listeners=command_listeners,
        push_gateway=push_gateway,
    )  # fmt: skip
    port = free_loopback_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
        ws_max_size=settings.max_body_bytes,
    )  # fmt: skip
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("the server stopped before it started")
            await asyncio.sleep(0.01)
        yield LiveApp(services=ready[0], base_url=f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        await task
