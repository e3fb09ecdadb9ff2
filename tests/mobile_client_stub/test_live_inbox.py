"""The phone's live inbox against the real app: its own notices, each kept once with its arrival;
after a dropped connection with an expired token, a new sign-in and the notices again."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from mobile_client_stub.journeys.notices import register_phone
from mobile_client_stub.phone import Credentials, Phone
from server.db.client import Database
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind
from tests.mobile_client_stub.cuttable_link import CuttableLink
from tests.support.clock import ManualClock
from tests.support.live import LiveApp
from tests.support.world import World

WAIT = 10.0  # a generous bound on waiting, not a timing assertion


async def until(condition: Callable[[], bool]) -> None:
    async def poll() -> None:
        while True:
            if condition():
                return
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), WAIT)


async def listening(app: LiveApp) -> None:
    await until(lambda: app.services.notifications.live.subscriber_count == 1)


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


async def test_a_socket_refused_for_an_expired_token_signs_the_phone_in_again(
    live_app: LiveApp, world: World, db: Database, clock: ManualClock
) -> None:
    calls: list[tuple[str, str | None]] = []
    observe = lambda operation, seconds, code: calls.append((operation, code))  # noqa: E731
    async with (
        CuttableLink(live_app.base_url) as link,
        Phone(link.url, Credentials("ana@acme.example", "ANA-CODE"), observe=observe) as phone,
    ):
        await phone.sign_in()
        first_token = phone.token
        inbox = phone.go_live()
        await listening(live_app)
        clock.advance(hours=24 * 7 + 1)  # past TOKEN_TTL_HOURS while the phone sits idle
        link.cut()  # the phone loses its network; it reconnects with the expired token: 4403
        await until(lambda: inbox.connections == 2)
        await listening(live_app)
        await notify(
            db, None, [world.ids["ana@acme.example"]], kind=NotificationKind.MEETING_REQUEST,
            title="after the new sign-in", body="Cara asks to meet", now=clock(),
        )  # fmt: skip
        notice = await inbox.wait_for(lambda notice: True, WAIT)
    assert calls == [("SignIn", None), ("SignIn", None)]
    assert phone.token != first_token
    assert notice is not None
    assert notice["title"] == "after the new sign-in"
