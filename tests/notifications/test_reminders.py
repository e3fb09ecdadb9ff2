"""Meeting reminders: exactly once per person with several workers, moved or withdrawn with the
meeting. Plain calls stand in for the meetings code, which makes the same calls."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from server.db.client import Database
from server.db.collections import NOTIFICATIONS, PUSH_JOBS, REMINDERS
from server.notifications.outbox import notify
from server.notifications.reminders import ReminderWorker, schedule_reminder, withdraw_reminders
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.world import World

ANA, CARA = "ana@acme.example", "cara@bolt.example"


async def remind_both(db: Database, world: World, starts_at: datetime, now: datetime) -> None:
    for email, other in ((ANA, "Cara Chen"), (CARA, "Ana Alvarez")):
        await schedule_reminder(
            db, None, meeting_id="m1", person_id=world.ids[email], starts_at=starts_at,
            title="Meeting in 15 minutes", body=f"With {other} at Table 4", now=now,
        )  # fmt: skip


async def reminders_sent(db: Database) -> list[tuple[str, str]]:
    docs = await db[NOTIFICATIONS.name].find({"kind": "MEETING_REMINDER"}).to_list()
    return sorted((doc["person_id"], doc["body"]) for doc in docs)


async def run_workers(db: Database, clock: ManualClock, count: int) -> None:
    workers = [ReminderWorker(db, clock, lease_seconds=60) for _ in range(count)]

    async def drain(worker: ReminderWorker) -> None:
        while await worker.run_once():
            pass

    await asyncio.gather(*(drain(worker) for worker in workers))


async def test_each_person_is_reminded_once_before_the_meeting_by_several_workers(
    db: Database, world: World, clock: ManualClock
) -> None:
    starts_at = clock() + timedelta(hours=2)
    await remind_both(db, world, starts_at, clock())

    await run_workers(db, clock, 4)
    assert await reminders_sent(db) == []

    clock.advance(hours=1, minutes=45)
    for _ in range(3):
        await run_workers(db, clock, 4)
    assert await reminders_sent(db) == sorted(
        [
            (world.ids[ANA], "With Cara Chen at Table 4"),
            (world.ids[CARA], "With Ana Alvarez at Table 4"),
        ]
    )
    job = await db[PUSH_JOBS.name].find_one({"recipients.p": world.ids[ANA]})
    assert job is not None
    assert (job["collapse_key"], job["expires_at"]) == ("meeting-m1", starts_at)


async def test_a_reschedule_moves_the_reminder_and_a_cancel_withdraws_it(
    db: Database, world: World, clock: ManualClock
) -> None:
    await remind_both(db, world, clock() + timedelta(hours=2), clock())
    later = clock() + timedelta(hours=5)
    await remind_both(db, world, later, clock())  # rescheduled

    clock.advance(hours=1, minutes=50)
    await run_workers(db, clock, 2)
    assert await reminders_sent(db) == []

    await withdraw_reminders(db, None, meeting_id="m1")  # cancelled
    clock.advance(hours=4)
    await run_workers(db, clock, 2)
    assert await reminders_sent(db) == []
    assert await db[REMINDERS.name].count_documents({}) == 0


async def test_a_sent_reminder_is_not_repeated_unless_the_meeting_moves(
    db: Database, world: World, clock: ManualClock
) -> None:
    starts_at = clock() + timedelta(minutes=30)
    await remind_both(db, world, starts_at, clock())
    clock.advance(minutes=20)
    await run_workers(db, clock, 2)
    await remind_both(db, world, starts_at, clock())  # the meetings code saves it again: no-op
    await run_workers(db, clock, 2)
    assert len(await reminders_sent(db)) == 2

    await remind_both(db, world, starts_at + timedelta(hours=1), clock())  # moved an hour
    clock.advance(hours=1)
    await run_workers(db, clock, 2)
    assert len(await reminders_sent(db)) == 4


async def test_a_meeting_too_close_is_reminded_at_once_and_one_started_not_at_all(
    db: Database, world: World, clock: ManualClock
) -> None:
    await schedule_reminder(
        db, None, meeting_id="soon", person_id=world.ids[ANA],
        starts_at=clock() + timedelta(minutes=5), title="Meeting in 5 minutes", body="b",
        now=clock(),
    )  # fmt: skip
    await schedule_reminder(
        db, None, meeting_id="begun", person_id=world.ids[ANA], starts_at=clock(),
        title="t", body="b", now=clock(),
    )  # fmt: skip
    await run_workers(db, clock, 1)
    docs = await db[NOTIFICATIONS.name].find({}, {"meeting_id": 1}).to_list()
    assert [doc["meeting_id"] for doc in docs] == ["soon"]


async def test_withdrawing_drops_a_reminder_push_still_waiting(
    db: Database, world: World, clock: ManualClock
) -> None:
    await notify(
        db, None, [world.ids[ANA]], kind=NotificationKind.MEETING_REMINDER, title="t", body="b",
        meeting_id="m1", now=clock(),
    )  # fmt: skip
    await notify(
        db, None, [world.ids[ANA]], kind=NotificationKind.MEETING_ACCEPTED, title="t", body="b",
        meeting_id="m1", now=clock(),
    )  # fmt: skip
    await withdraw_reminders(db, None, meeting_id="m1")
    kinds = [doc["kind"] for doc in await db[PUSH_JOBS.name].find({}).to_list()]
    assert kinds == ["MEETING_ACCEPTED"]
