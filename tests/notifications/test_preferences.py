"""Preferences at dispatch: muted kinds are not pushed, quiet hours hold pushes back unless the
notice is urgent. The inbox gets every notice either way."""

from __future__ import annotations

from datetime import UTC, datetime

from server.config import Settings
from server.db.client import Database
from server.db.collections import NOTIFICATIONS, PUSH_JOBS
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.recording import RecordingGateway
from server.notifications.outbox import notify
from server.notifications.quiet_hours import QuietHours
from server.services.devices.preferences import PreferenceChanges, update_preferences
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.push import add_device, person
from tests.support.world import World

ANA, CARA = "ana@acme.example", "cara@bolt.example"
NIGHT = QuietHours(22 * 60, 7 * 60)  # in the event's zone, America/Los_Angeles (UTC-7)


async def drain(dispatcher: Dispatcher) -> None:
    while await dispatcher.run_once():
        pass


async def test_muted_kinds_reach_the_inbox_but_not_the_phone(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    await add_device(db, world.ids[ANA], "ana-phone", clock())
    await update_preferences(
        db, await person(db, world.ids[ANA]),
        PreferenceChanges(muted_kinds=[NotificationKind.NEW_SUGGESTIONS]),
    )  # fmt: skip
    for kind in (NotificationKind.NEW_SUGGESTIONS, NotificationKind.MEETING_REQUEST):
        await notify(db, None, [world.ids[ANA]], kind=kind, title=kind.value, body="b", now=clock())

    await drain(Dispatcher(db, recording, settings, clock))

    assert [m.title for m in recording.sent] == ["MEETING_REQUEST"]
    assert await db[NOTIFICATIONS.name].count_documents({"person_id": world.ids[ANA]}) == 2


async def test_quiet_hours_hold_pushes_until_morning_but_not_urgent_ones(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    clock.now = datetime(2027, 4, 13, 6, 0, tzinfo=UTC)  # 23:00 on the 12th in Henderson, NV
    await add_device(db, world.ids[ANA], "ana-phone", clock())
    await add_device(db, world.ids[CARA], "cara-phone", clock())
    await update_preferences(
        db, await person(db, world.ids[ANA]), PreferenceChanges(quiet_hours=NIGHT)
    )
    await notify(
        db, None, [world.ids[ANA], world.ids[CARA]], kind=NotificationKind.ANNOUNCEMENT,
        title="Tomorrow's keynote moved to Hall B", body="b", now=clock(),
    )  # fmt: skip
    await notify(
        db, None, [world.ids[ANA]], kind=NotificationKind.ANNOUNCEMENT,
        title="Fire alarm test at 23:30", body="b", urgent=True, now=clock(),
    )  # fmt: skip
    dispatcher = Dispatcher(db, recording, settings, clock)

    await drain(dispatcher)
    assert sorted((m.token, m.title) for m in recording.sent) == [
        ("ana-phone", "Fire alarm test at 23:30"),
        ("cara-phone", "Tomorrow's keynote moved to Hall B"),
    ]
    waiting = await db[PUSH_JOBS.name].find({}).to_list()
    assert [(job["recipients"][0]["p"], job["due_at"]) for job in waiting] == [
        (world.ids[ANA], datetime(2027, 4, 13, 14, 0, tzinfo=UTC))  # 07:00 local
    ]

    clock.now = datetime(2027, 4, 13, 14, 0, tzinfo=UTC)
    await drain(dispatcher)
    assert [m.token for m in recording.sent][-1] == "ana-phone"
    assert len(recording.sent) == 3
