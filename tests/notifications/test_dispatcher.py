"""The dispatcher: leases, batches, per-token settlement, retries and the dead letters."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

from server.config import Settings
from server.db.client import Database
from server.db.collections import DEVICES, PUSH_DEAD_LETTERS, PUSH_FAILURES, PUSH_JOBS
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.base import Outcome, PushResult
from server.notifications.gateways.recording import RecordingGateway
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind, Platform
from tests.support.clock import ManualClock
from tests.support.push import add_device
from tests.support.world import World

ANA, BEN, CARA = "ana@acme.example", "ben@acme.example", "cara@bolt.example"
RETRY = PushResult(Outcome.RETRY, "UNAVAILABLE")


async def drain(dispatcher: Dispatcher) -> int:
    jobs = 0
    while await dispatcher.run_once():
        jobs += 1
    return jobs


def dispatcher_for(
    db: Database, gateway: RecordingGateway, settings: Settings, clock: ManualClock
) -> Dispatcher:
    return Dispatcher(db, gateway, settings, clock, random.Random(7))


async def test_each_device_gets_the_notice_once_with_its_message_id(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    await add_device(db, world.ids[ANA], "ana-phone", clock())
    await add_device(db, world.ids[ANA], "ana-tablet", clock(), Platform.IOS)
    await add_device(db, world.ids[CARA], "cara-phone", clock())
    ids = await notify(
        db, None, [world.ids[ANA], world.ids[CARA], world.ids[BEN]],
        kind=NotificationKind.MEETING_ACCEPTED, title="Accepted", body="See you at Table 4",
        meeting_id="m1", ttl=timedelta(minutes=30), now=clock(),
    )  # fmt: skip

    assert await drain(dispatcher_for(db, recording, settings, clock)) == 1

    sent = [
        (m.token, m.data["messageId"], m.collapse_key, m.ttl, m.high_priority)
        for m in recording.sent
    ]
    assert sent == [
        ("ana-phone", ids[0], "meeting-m1", timedelta(minutes=30), True),
        ("ana-tablet", ids[0], "meeting-m1", timedelta(minutes=30), True),
        ("cara-phone", ids[1], "meeting-m1", timedelta(minutes=30), True),
    ]
    assert await db[PUSH_JOBS.name].count_documents({}) == 0  # settled jobs go


async def test_large_jobs_go_in_batches_of_at_most_500(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    people = [world.ids[ANA], world.ids[CARA]]
    await db[DEVICES.name].insert_many([
        {"_id": f"tok-{n:04d}", "person_id": people[n % 2], "platform": "ANDROID",
         "last_seen_at": clock(), "prefs": {"muted": [], "quiet": None}}
        for n in range(1100)
    ])  # fmt: skip
    await notify(
        db, None, people, kind=NotificationKind.NEW_SUGGESTIONS, title="t", body="b", now=clock()
    )

    await drain(dispatcher_for(db, recording, settings, clock))

    assert (recording.batches, len(set(recording.tokens()))) == ([500, 500, 100], 1100)


async def test_retries_back_off_then_settle_only_what_is_left(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    await add_device(db, world.ids[ANA], "ana-phone", clock())
    await add_device(db, world.ids[CARA], "cara-phone", clock())
    recording.script("cara-phone", RETRY, RETRY)
    await notify(
        db, None, [world.ids[ANA], world.ids[CARA]], kind=NotificationKind.MEETING_REQUEST,
        title="t", body="b", now=clock(),
    )  # fmt: skip
    dispatcher = dispatcher_for(db, recording, settings, clock)

    await drain(dispatcher)
    job = await db[PUSH_JOBS.name].find_one({})
    assert job is not None
    first_wait = job["due_at"] - clock()
    assert (job["attempts"], job["settled"], job["lease"]) == (1, ["ana-phone"], None)
    assert timedelta(seconds=2.5) <= first_wait <= timedelta(seconds=5)  # base 5 s, jittered

    clock.advance(seconds=5)
    await drain(dispatcher)
    job = await db[PUSH_JOBS.name].find_one({})
    assert job is not None
    assert job["attempts"] == 2
    assert timedelta(seconds=5) <= job["due_at"] - clock() <= timedelta(seconds=10)

    clock.advance(seconds=10)
    await drain(dispatcher)
    assert recording.tokens() == ["ana-phone", "cara-phone"]
    assert await db[PUSH_JOBS.name].count_documents({}) == 0


async def test_a_job_out_of_tries_goes_to_the_dead_letters(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    settings = settings.model_copy(update={"push_max_attempts": 3})
    await add_device(db, world.ids[CARA], "cara-phone", clock())
    recording.script("cara-phone", RETRY, RETRY, RETRY, RETRY)
    await notify(
        db,
        None,
        [world.ids[CARA]],
        kind=NotificationKind.MEETING_REQUEST,
        title="t",
        body="b",
        now=clock(),
    )
    dispatcher = dispatcher_for(db, recording, settings, clock)

    for _ in range(3):
        await drain(dispatcher)
        clock.advance(hours=1)

    letter = await db[PUSH_DEAD_LETTERS.name].find_one({})
    failure = await db[PUSH_FAILURES.name].find_one({})
    assert letter is not None
    assert failure is not None
    assert (letter["attempts"], letter["unsent"]) == (
        3, [{"person_id": world.ids[CARA], "token_tail": "ra-phone", "error": "UNAVAILABLE"}]
    )  # fmt: skip
    assert (failure["person_id"], failure["code"]) == (world.ids[CARA], "UNAVAILABLE")
    assert await db[PUSH_JOBS.name].count_documents({}) == 0
    assert recording.sent == []


async def test_two_dispatchers_share_the_work_and_send_nothing_twice(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    await add_device(db, world.ids[ANA], "ana-phone", clock())
    for n in range(12):
        await notify(
            db, None, [world.ids[ANA]], kind=NotificationKind.NEW_SUGGESTIONS,
            title=f"notice {n}", body="b", now=clock(),
        )  # fmt: skip
    first, second = (dispatcher_for(db, recording, settings, clock) for _ in range(2))

    handled = await asyncio.gather(drain(first), drain(second))

    assert sum(handled) == 12
    assert sorted(m.title for m in recording.sent) == sorted(f"notice {n}" for n in range(12))


async def test_a_dead_dispatchers_job_is_taken_up_when_its_lease_runs_out(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    await add_device(db, world.ids[ANA], "ana-phone", clock())
    await notify(
        db,
        None,
        [world.ids[ANA]],
        kind=NotificationKind.NEW_SUGGESTIONS,
        title="t",
        body="b",
        now=clock(),
    )
    # a dispatcher claims the job and dies before sending: its lease stands for a while
    await db[PUSH_JOBS.name].update_one(
        {}, {"$set": {"lease": "dead-worker", "due_at": clock() + timedelta(seconds=60)}}
    )
    dispatcher = dispatcher_for(db, recording, settings, clock)

    assert await dispatcher.run_once() is False
    clock.advance(seconds=61)
    assert await dispatcher.run_once() is True
    assert recording.tokens() == ["ana-phone"]


async def test_a_time_bound_notice_past_its_time_is_not_sent(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    await add_device(db, world.ids[ANA], "ana-phone", clock())
    await notify(
        db, None, [world.ids[ANA]], kind=NotificationKind.MEETING_REMINDER, title="t", body="b",
        ttl=timedelta(minutes=10), now=clock(),
    )  # fmt: skip
    clock.advance(minutes=11)

    await drain(dispatcher_for(db, recording, settings, clock))

    assert (recording.sent, await db[PUSH_JOBS.name].count_documents({})) == ([], 0)


QUOTA = PushResult(Outcome.QUOTA, "QUOTA_EXCEEDED", 120.0)


async def test_a_429_stops_the_jobs_next_batches_until_the_pause_ends(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    await db[DEVICES.name].insert_many([
        {"_id": f"tok-{n:04d}", "person_id": world.ids[ANA], "platform": "ANDROID",
         "last_seen_at": clock(), "prefs": {"muted": [], "quiet": None}}
        for n in range(1100)
    ])  # fmt: skip
    recording.script("tok-0007", QUOTA)
    await notify(
        db, None, [world.ids[ANA]], kind=NotificationKind.NEW_SUGGESTIONS, title="t", body="b",
        now=clock(),
    )  # fmt: skip
    dispatcher = dispatcher_for(db, recording, settings, clock)

    assert await drain(dispatcher) == 1
    job = await db[PUSH_JOBS.name].find_one({})
    assert job is not None
    assert (recording.batches, len(job["settled"]), job["attempts"], job["due_at"]) == (
        [500], 499, 0, clock() + timedelta(seconds=120)
    )  # fmt: skip

    clock.advance(seconds=120)
    await drain(dispatcher)

    assert (recording.batches, len(set(recording.tokens()))) == ([500, 500, 101], 1100)
    assert await db[PUSH_JOBS.name].count_documents({}) == 0


async def test_waiting_out_the_quota_is_not_a_failed_try(
    db: Database, world: World, clock: ManualClock, settings: Settings, recording: RecordingGateway
) -> None:
    settings = settings.model_copy(update={"push_max_attempts": 2})
    await add_device(db, world.ids[CARA], "cara-phone", clock())
    recording.script("cara-phone", QUOTA, QUOTA, QUOTA, RETRY)
    await notify(
        db, None, [world.ids[CARA]], kind=NotificationKind.MEETING_REQUEST, title="t", body="b",
        now=clock(),
    )  # fmt: skip
    dispatcher = dispatcher_for(db, recording, settings, clock)

    attempts = []
    for _ in range(4):
        await drain(dispatcher)
        job = await db[PUSH_JOBS.name].find_one({})
        attempts.append(job["attempts"] if job else None)
        clock.advance(hours=1)
    await drain(dispatcher)

    assert attempts == [0, 0, 0, 1]  # three quota waits, then one failure
    assert recording.tokens() == ["cara-phone"]
    assert await db[PUSH_DEAD_LETTERS.name].count_documents({}) == 0
    assert await db[PUSH_JOBS.name].count_documents({}) == 0
