"""The `notifications` subscription over graphql-transport-ws: one's own, live, across app
processes, and caught up after a reconnect without gaps."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.asyncio.client import ClientConnection

from server.config import Settings
from server.db.client import Database
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient, ws_init
from tests.support.live import LiveApp, serve_app
from tests.support.world import World

ANA, CARA, OLGA = "ana@acme.example", "cara@bolt.example", "olga@expo.example"
SUBSCRIBE = "subscription($after: ID) { notifications(after: $after) { id title kind } }"
WAIT = 10.0  # a generous bound on waiting, not a timing assertion


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


async def test_a_notice_written_through_one_process_reaches_a_subscriber_on_another(
    settings: Settings, clock: ManualClock, world: World
) -> None:
    writer = settings.model_copy(update={"run_workers": True, "worker_poll_seconds": 0.1})
    async with (
        serve_app(writer, clock) as first, first.client() as first_api,
        serve_app(settings, clock) as second, second.client() as second_api,
        await signed_in_socket(second_api, world, ANA) as ws,
    ):  # fmt: skip
        await subscribe(ws)
        await listening(second)
        olga = await first_api.sign_in(OLGA, world.code(OLGA))
        send = 'mutation { sendAnnouncement(input: {title: "Hall B", body: "Moved"}) { id } }'
        await first_api.data(send, token=olga)

        notice = await next_notice(ws)

    assert (notice["title"], notice["kind"]) == ("Hall B", "ANNOUNCEMENT")


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
