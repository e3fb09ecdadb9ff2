"""The phone's live inbox against the real app: its own notices, each kept once with its arrival."""

from __future__ import annotations

import asyncio

from mobile_client_stub.journeys.notices import register_phone
from mobile_client_stub.phone import Credentials, Phone
from server.db.client import Database
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.live import LiveApp
from tests.support.world import World

WAIT = 10.0  # a generous bound on waiting, not a timing assertion


async def listening(app: LiveApp) -> None:
    async def poll() -> None:
        while True:
            if app.services.notifications.live.subscriber_count == 1:
                return
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), WAIT)


async def test_live_inbox_gets_the_phones_own_notices_as_they_are_created(
    live_app: LiveApp, world: World, db: Database, clock: ManualClock
) -> None:
    async with Phone(live_app.base_url, Credentials("ana@acme.example", "ANA-CODE")) as phone:
        await phone.sign_in()
        device = await register_phone(phone)
        assert phone.inbox is not None
        await listening(live_app)
        for email, title in (("cara@bolt.example", "for Cara"), ("ana@acme.example", "for Ana")):
            await notify(
                db, None, [world.ids[email]], kind=NotificationKind.MEETING_REQUEST, title=title,
                body="Cara asks to meet", now=clock(),
            )  # fmt: skip
        notice = await phone.inbox.wait_for(lambda notice: True, WAIT)
        await asyncio.sleep(0.2)  # room for a wrong second notice to show up
    assert device["token"].startswith("stub-fid-")
    assert notice is not None
    assert (notice["kind"], notice["title"], notice["meetingId"]) == (
        "MEETING_REQUEST", "for Ana", None,
    )  # fmt: skip
    assert [received["title"] for received, _ in phone.inbox.received] == ["for Ana"]
    assert phone.inbox.connections == 1
