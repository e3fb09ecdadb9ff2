"""A phone's live inbox: the `notifications` subscription over graphql-transport-ws, each notice
kept with the moment it arrived. After a dropped connection it reconnects with `after` (the last
id it got) and drops repeats by id, as the app does; a socket refused for its token (4403) makes
the phone sign in again first."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportError
from gql.transport.websockets import WebsocketsTransport
from websockets.exceptions import ConnectionClosed

from mobile_client_stub.documents import operations
from mobile_client_stub.errors import ApiError, TransportFailure

if TYPE_CHECKING:
    from mobile_client_stub.phone import Phone

Notice = dict[str, Any]
NoticeObserver = Callable[[Notice, float], None]  # the notice, perf_counter() at arrival
RECONNECT_SECONDS = (0.5, 10.0)  # first and longest wait before reconnecting
REFUSED_TOKEN = 4403


class LiveInbox:
    def __init__(self, phone: Phone, observe: NoticeObserver | None = None) -> None:
        self._phone = phone
        self.observe = observe
        self.received: list[tuple[Notice, float]] = []
        self.connections = 0
        self.ready = asyncio.Event()  # set once the first connection is acknowledged
        self._changed = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"live-{self._phone.person_id}")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def wait_for(self, match: Callable[[Notice], bool], seconds: float) -> Notice | None:
        """The first notice received that matches, waiting up to `seconds` for it."""

        def found() -> Notice | None:
            return next((notice for notice, _ in self.received if match(notice)), None)

        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), seconds)
        return found()

    def arrival_of(self, notice_id: str) -> float:
        return next(arrived for notice, arrived in self.received if notice["id"] == notice_id)

    async def _run(self) -> None:
        first, longest = RECONNECT_SECONDS
        wait = first
        while True:
            connections = self.connections
            try:
                await self._listen()
            except (TransportError, OSError, TimeoutError) as failure:
                if refused_for_its_token(failure):
                    if self._phone.credentials is None:
                        return  # no badge code to sign in again with: the token stays refused
                    with contextlib.suppress(ApiError, TransportFailure):
                        await self._phone.sign_in()  # if this fails too, the next round retries
            if self.connections > connections:  # it was connected: a new drop, a short wait
                wait = first
            await asyncio.sleep(wait)
            wait = min(wait * 2, longest)

    async def _listen(self) -> None:
        ws_url = self._phone.base_url.replace("http", "ws", 1) + "/graphql"
        transport = WebsocketsTransport(
            url=ws_url,
            init_payload={"authorization": f"Bearer {self._phone.token}"},
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        )
        last = self.received[-1][0]["id"] if self.received else None
        request = GraphQLRequest(
            operations()["LiveNotifications"],
            variable_values={"after": last},
            operation_name="LiveNotifications",
        )
        async with Client(transport=transport) as session:
            self.connections += 1
            self.ready.set()
            async for data in session.subscribe(request):
                await self._deliver(data["notifications"], time.perf_counter())

    async def _deliver(self, notice: Notice, arrived: float) -> None:
        if any(seen["id"] == notice["id"] for seen, _ in self.received[-50:]):
            return  # a repeat from the catch-up after a reconnect
        self.received.append((notice, arrived))
        if self.observe is not None:
            self.observe(notice, arrived)
        async with self._changed:
            self._changed.notify_all()


def refused_for_its_token(failure: BaseException) -> bool:
    """Whether the server closed the socket with 4403 (the token in connection_init refused).
    gql reports that close as TransportConnectionFailed; the websockets ConnectionClosed that
    carries the close frame's code is somewhere down its chain of causes."""
    seen: set[int] = set()
    cause: BaseException | None = failure
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ConnectionClosed) and cause.rcvd is not None:
            return cause.rcvd.code == REFUSED_TOKEN
        cause = cause.__cause__ or cause.__context__
    return False
