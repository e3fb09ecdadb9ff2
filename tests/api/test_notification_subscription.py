"""The `notifications` subscription over graphql-transport-ws: one's own, live, across app
processes, and caught up after a reconnect without gaps."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pymongo.monitoring import (
    CommandFailedEvent,
    CommandListener,
    CommandStartedEvent,
    CommandSucceededEvent,
)
from websockets.asyncio.client import ClientConnection

from server.config import Settings
from server.db.client import Database
from server.db.collections import EVENTS, LOCATIONS
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind
from tests.support.app_process import served_app
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient, ws_init
from tests.support.live import LiveApp, serve_app
from tests.support.meetings import REQUEST
from tests.support.world import World

ANA, CARA, OLGA = "ana@acme.example", "cara@bolt.example", "olga@expo.example"
SUBSCRIBE = "subscription($after: ID) { notifications(after: $after) { id title kind } }"
WAIT = 10.0  # a generous bound on waiting, not a timing assertion
PROCESS_WAIT = 120.0  # starting and stopping a server process on a busy machine


async def subscribe(ws: ClientConnection, after: str | None = None, op_id: str = "s") -> None:
    payload = {"query": SUBSCRIBE, "variables": {"after": after}}
    await ws.send(json.dumps({"id": op_id, "type": "subscribe", "payload": payload}))


async def listening(app: LiveApp, count: int = 1) -> None:
    """Wait until the app's live fan-out serves exactly `count` subscriptions."""

    async def poll() -> None:
        while True:
            if app.services.notifications.live.subscriber_count == count:
                return
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), WAIT)


async def next_frame(ws: ClientConnection) -> dict[str, Any]:
    while True:
        frame: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        if frame["type"] in {"next", "error", "complete"}:
            return frame


async def next_notice(ws: ClientConnection) -> dict[str, Any]:
    frame = await next_frame(ws)
    assert frame["type"] == "next", frame
    notice: dict[str, Any] = frame["payload"]["data"]["notifications"]
    return notice


async def signed_in_socket(api: GraphQLClient, world: World, email: str) -> Any:
    token = await api.sign_in(email, world.code(email))
    ws = await api.websocket()
    assert (await ws_init(ws, {"authorization": f"Bearer {token}"}))["type"] == "connection_ack"
    return ws


async def say(db: Database, world: World, clock: ManualClock, email: str, title: str) -> str:
    ids = await notify(
        db, None, [world.ids[email]], kind=NotificationKind.MEETING_REQUEST, title=title,
        body="b", now=clock(),
    )  # fmt: skip
    return ids[0]


async def test_a_subscriber_gets_their_own_new_notifications_and_nobody_elses(
    live_app: LiveApp, api: GraphQLClient, db: Database, world: World, clock: ManualClock
) -> None:
    async with await signed_in_socket(api, world, ANA) as ws:
        await subscribe(ws)
        await listening(live_app)
        await say(db, world, clock, CARA, "for Cara")
        ana_id = await say(db, world, clock, ANA, "for Ana")

        notice = await next_notice(ws)
    await listening(live_app, count=0)  # a closed socket leaves nothing behind

    assert notice == {"id": ana_id, "title": "for Ana", "kind": "MEETING_REQUEST"}


async def test_subscribing_needs_sign_in_and_says_so_with_a_code(
    api: GraphQLClient, world: World
) -> None:
    async with api.websocket() as ws:
        await ws_init(ws)
        await subscribe(ws)
        frame = await next_frame(ws)
    assert frame["type"] == "next"
    assert frame["payload"]["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_an_unknown_after_id_is_not_found(api: GraphQLClient, world: World) -> None:
    async with await signed_in_socket(api, world, ANA) as ws:
        await subscribe(ws, after="not-a-notification")
        frame = await next_frame(ws)
    assert frame["payload"]["errors"][0]["extensions"] == {"code": "NOT_FOUND"}


async def test_a_client_that_reconnects_catches_up_without_gaps(
    live_app: LiveApp, api: GraphQLClient, db: Database, world: World, clock: ManualClock
) -> None:
    async with await signed_in_socket(api, world, ANA) as ws:
        await subscribe(ws)
        await listening(live_app)
        first = await say(db, world, clock, ANA, "before the tunnel")
        last_seen = (await next_notice(ws))["id"]
    assert last_seen == first
    clock.advance(minutes=5)
    missed = [await say(db, world, clock, ANA, f"in the tunnel {n}") for n in range(3)]

    async with await signed_in_socket(api, world, ANA) as ws:
        await subscribe(ws, after=last_seen)
        caught_up = [(await next_notice(ws))["id"] for _ in missed]
        clock.advance(minutes=1)
        live = await say(db, world, clock, ANA, "after the tunnel")
        fresh = await next_notice(ws)

    assert caught_up == missed
    assert fresh["id"] == live


async def live_on(ws: ClientConnection, db: Database, world: World, email: str) -> None:
    """Wait until the subscription on `ws` is served live: notices written straight into the
    database, one every half second, until one arrives (the process's stream is then open);
    then one more, read past the warm-ups that arrived late, so the socket is left empty."""
    clock = ManualClock(datetime.now(UTC))

    async def poll() -> None:
        while True:
            await say(db, world, clock, email, "warming up")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(next_notice(ws), 0.5)
                return

    await asyncio.wait_for(poll(), PROCESS_WAIT)
    last = await say(db, world, clock, email, "live")
    while (await next_notice(ws))["id"] != last:
        pass


async def timed_notice(
    ws: ClientConnection, send: Awaitable[object]
) -> tuple[dict[str, Any], float]:
    """The next notice after `send`, and the seconds from sending the mutation to receiving it."""
    started = time.perf_counter()
    await send
    notice = await next_notice(ws)
    return notice, time.perf_counter() - started


async def test_a_notice_written_through_one_process_reaches_a_subscriber_on_another(
    settings: Settings, db: Database, world: World, tmp_path: Path
) -> None:
    # the child processes run on the real clock: meeting hours from the next hour but one
    starts_at = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=2)
    hours = {"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2)}
    await db[EVENTS.name].update_one({}, {"$set": {"meeting_hours": [hours], "slot_minutes": 20}})
    await db[LOCATIONS.name].insert_one({"_id": "T01", "name": "Table 1", "kind": "TABLE"})
    async with (
        served_app(settings, tmp_path / "first.log", RUN_WORKERS="true",
                   WORKER_POLL_SECONDS="0.1") as writer,
        served_app(settings, tmp_path / "second.log") as reader,
        writer.client() as first, reader.client() as second,
        await signed_in_socket(second, world, CARA) as ws,
    ):  # fmt: skip
        await subscribe(ws)
        await live_on(ws, db, world, CARA)
        ana = await first.sign_in(ANA, world.code(ANA))
        olga = await first.sign_in(OLGA, world.code(OLGA))
        request = {"inviteeId": world.ids[CARA], "startsAt": starts_at.isoformat()}
        meeting, meeting_seconds = await timed_notice(
            ws, first.data(REQUEST, {"input": request}, token=ana)
        )
        send = 'mutation { sendAnnouncement(input: {title: "Hall B", body: "Moved"}) { id } }'
        announcement, announcement_seconds = await timed_notice(ws, first.data(send, token=olga))

    print(
        f"\nacross two server processes, mutation to live notice: meeting request "
        f"{meeting_seconds * 1000:.0f} ms (written in the mutation's transaction), announcement "
        f"{announcement_seconds * 1000:.0f} ms (inbox written by a dispatcher polling every 0.1 s)"
    )
    assert (meeting["title"], meeting["kind"]) == ("Ana Alvarez asks to meet", "MEETING_REQUEST")
    assert (announcement["title"], announcement["kind"]) == ("Hall B", "ANNOUNCEMENT")


class ChangeStreamCounter(CommandListener):
    """Counts the change streams opened on the test's database (`aggregate` with $changeStream)."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.opened: list[str] = []  # the collection of each

    def started(self, event: CommandStartedEvent) -> None:
        pipeline = event.command.get("pipeline") or [{}]
        if (event.database_name, event.command_name) == (self.database, "aggregate") and (
            "$changeStream" in pipeline[0]
        ):
            self.opened.append(event.command["aggregate"])

    def succeeded(self, event: CommandSucceededEvent) -> None:
        pass

    def failed(self, event: CommandFailedEvent) -> None:
        pass


async def test_one_change_stream_serves_every_subscription_of_a_process(
    settings: Settings, db: Database, world: World, clock: ManualClock
) -> None:
    streams = ChangeStreamCounter(settings.database_name)
    people = (ANA, CARA, ANA)  # three sockets, two of them one person's (a phone and a tablet)
    async with (
        serve_app(settings, clock, [streams]) as app, app.client() as api,
        contextlib.AsyncExitStack() as sockets,
    ):  # fmt: skip
        connected = [
            await sockets.enter_async_context(await signed_in_socket(api, world, email))
            for email in people
        ]
        for ws in connected:
            await subscribe(ws)
        await listening(app, count=3)
        ids = {email: await say(db, world, clock, email, f"for {email}") for email in (ANA, CARA)}
        received = [(await next_notice(ws))["id"] for ws in connected]

    assert received == [ids[email] for email in people]
    assert streams.opened == ["notifications"]


async def test_errors_of_operations_over_the_socket_carry_codes(
    api: GraphQLClient, world: World
) -> None:
    async with await signed_in_socket(api, world, ANA) as ws:
        await ws.send(json.dumps({"id": "q", "type": "subscribe", "payload": {
            "query": "{ notifications(first: 0) { id } }"}}))  # fmt: skip
        frame = await next_frame(ws)
    assert frame["payload"]["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "first",
    }
