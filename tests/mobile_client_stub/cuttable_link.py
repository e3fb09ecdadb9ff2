"""A loopback TCP relay between a phone and the app whose open connections a test can cut, as a
phone loses its network in the hall; connections made after the cut pass again."""

from __future__ import annotations

import asyncio
import contextlib
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit


class CuttableLink:
    def __init__(self, target_url: str) -> None:
        target = urlsplit(target_url)
        assert target.port is not None
        self._target = (target.hostname or "127.0.0.1", target.port)
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    async def __aenter__(self) -> Self:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.cut()
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    @property
    def url(self) -> str:
        assert self._server is not None, "use the link as an async context manager"
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def cut(self) -> None:
        """Drops every open connection at once (a reset, no goodbye to either side)."""
        for writer in self._open:
            writer.transport.abort()
        self._open.clear()

    async def _relay(self, phone_in: asyncio.StreamReader, phone_out: asyncio.StreamWriter) -> None:
        app_in, app_out = await asyncio.open_connection(*self._target)
        self._open |= {phone_out, app_out}
        await asyncio.gather(_pipe(phone_in, app_out), _pipe(app_in, phone_out))
        self._open -= {phone_out, app_out}


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, OSError):
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()
    sink.close()
