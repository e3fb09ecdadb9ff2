"""`python -m server serve` as a child process, as `make run` starts it, on the test's database
(so that several app processes share one database), its log in a file."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from server.config import Settings
from server.db.embedded import free_loopback_port
from tests.support.graphql import GraphQLClient
from tests.support.served import server_env

WAIT_SECONDS = 120.0  # generous bounds on a shared machine, not timing assertions


@dataclass(frozen=True)
class ServedApp:
    url: str
    log: Path

    @asynccontextmanager
    async def client(self) -> AsyncIterator[GraphQLClient]:
        async with httpx.AsyncClient(base_url=self.url, timeout=WAIT_SECONDS) as http:
            yield GraphQLClient(http=http, ws_url=self.url.replace("http", "ws", 1) + "/graphql")


def _environment(
    settings: Settings, data_dir: Path, port: int, overrides: dict[str, str]
) -> dict[str, str]:
    """The test's database and token secret; no demo, no background workers unless
    `overrides` say otherwise."""
    assert settings.mongodb_uri is not None
    env = server_env(data_dir, port)
    env.update({
        "MONGODB_URI": settings.mongodb_uri.get_secret_value(),
        "DATABASE_NAME": settings.database_name,
        "TOKEN_SECRET": settings.token_secret.get_secret_value(),
        "SEED_DEMO": "false", "RUN_WORKERS": "false", **overrides,
    })  # fmt: skip
    return env


async def _until_answering(app: ServedApp, process: asyncio.subprocess.Process) -> None:
    async with httpx.AsyncClient(base_url=app.url, timeout=5) as http:
        while process.returncode is None:
            try:
                response = await http.post("/graphql", json={"query": "{ __typename }"})
                if response.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"the server stopped before it answered: {app.log.read_text()[-2000:]}")


@asynccontextmanager
async def served_app(settings: Settings, log: Path, **overrides: str) -> AsyncIterator[ServedApp]:
    """A running server writing its output to `log` (`overrides`: more of its environment);
    stopped with Ctrl+C at the end, which must exit with code 0."""
    port = free_loopback_port()
    app = ServedApp(f"http://127.0.0.1:{port}", log)
    env = _environment(settings, log.parent, port, overrides)
    with log.open("wb") as output:  # a file, not a pipe: nobody has to keep reading it
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server", "serve", env=env, stdout=output, stderr=output
        )
    try:
        await asyncio.wait_for(_until_answering(app, process), WAIT_SECONDS)
        yield app
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)  # Ctrl+C
        try:
            exit_code = await asyncio.wait_for(process.wait(), WAIT_SECONDS)
        finally:
            if process.returncode is None:  # never leave a server behind
                process.kill()
                await process.wait()
    assert exit_code == 0, app.log.read_text()[-2000:]
