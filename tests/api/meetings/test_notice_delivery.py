"""Meeting notices reach the phones: the dispatcher pushes them with their collapse key and a
time-to-live up to the meeting, the reminder worker reminds each person who did not mute it, and
the app's own workers write expiries down and push them."""

from __future__ import annotations

import random
from datetime import timedelta

from server.config import Settings
from server.db.client import Database
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.recording import RecordingGateway
from server.notifications.reminders import ReminderWorker
from tests.api.test_matchmaking import eventually
from tests.support.clock import ManualClock
from tests.support.live import serve_app
from tests.support.meetings import FIRST_SLOT, RESPOND, RULES, Expo, at, open_meeting_grid
from tests.support.world import World

REGISTER = """mutation($token: String!) {
  registerDevice(token: $token, platform: ANDROID, appVersion: "1.0") { platform } }"""
MUTE = """mutation($kinds: [NotificationKind!]) {
  updateNotificationPreferences(input: {mutedKinds: $kinds}) { mutedKinds } }"""


async def _drain(db: Database, settings: Settings, clock: ManualClock) -> RecordingGateway:
    gateway = RecordingGateway()
    dispatcher = Dispatcher(db, gateway, settings, clock, random.Random(3))
    while await dispatcher.run_once():
        pass
    return gateway


async def test_an_accepted_meeting_is_pushed_then_reminded_on_the_phones(
    expo: Expo, db: Database, settings: Settings, clock: ManualClock
) -> None:
    for name in ("ana", "cara"):
        await expo.data(name, REGISTER, token=f"{name}-phone")
    await expo.data("cara", MUTE, kinds=["MEETING_REMINDER"])
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)

    pushed = await _drain(db, settings, clock)

    until_start = FIRST_SLOT - clock()
    assert [
        (m.token, m.title, m.data["kind"], m.data["meetingId"], m.collapse_key, m.ttl)
        for m in pushed.sent
    ] == [
        ("cara-phone", "Ana Alvarez asks to meet", "MEETING_REQUEST", meeting["id"],
         f"meeting-{meeting['id']}", until_start),
        ("ana-phone", "Cara Chen accepted", "MEETING_ACCEPTED", meeting["id"],
         f"meeting-{meeting['id']}", until_start),
    ]  # fmt: skip
    assert all(message.high_priority for message in pushed.sent)

    clock.now = FIRST_SLOT - timedelta(minutes=15)
    reminders = ReminderWorker(db, clock, lease_seconds=60)
    while await reminders.run_once():
        pass
    reminded = await _drain(db, settings, clock)
    assert [(m.token, m.title, m.body, m.ttl) for m in reminded.sent] == [
        ("ana-phone", "Meeting at 10:00", "With Cara Chen at Table 1.", timedelta(minutes=15)),
    ]  # cara muted reminders: her inbox has one, her phone stays quiet
    inbox = await expo.data("cara", "{ notifications { kind title } }")
    assert inbox["notifications"][0] == {"kind": "MEETING_REMINDER", "title": "Meeting at 10:00"}


async def test_the_apps_workers_expire_an_unanswered_request_and_push_it_to_the_requester(
    settings: Settings, clock: ManualClock, world: World, db: Database
) -> None:
    await open_meeting_grid(db)
    gateway = RecordingGateway()
    working = settings.model_copy(update={"run_workers": True, "worker_poll_seconds": 0.05})
    async with serve_app(working, clock, push_gateway=gateway) as app, app.client() as api:
        expo = Expo(api, world)
        await expo.data("olga", RULES, input={"requestTtlHours": 1})
        await expo.data("ana", REGISTER, token="ana-phone")
        await expo.booked("ana", "cara", at(13, 17))
        clock.advance(hours=1)

        async def pushed() -> list[str]:
            return [m.title for m in gateway.sent if m.token == "ana-phone"]

        assert await eventually(pushed) == ["Request expired"]
