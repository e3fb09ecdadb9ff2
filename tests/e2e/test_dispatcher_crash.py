"""A real `python -m server worker` killed with SIGKILL in the middle of a large announcement,
then started again: every phone gets it, only what was in flight at the kill (taken by FCM, not
yet settled) is sent twice, at most one batch, and every job is settled."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from server.config import Settings
from server.db.client import Database
from server.db.collections import ANNOUNCEMENTS, NOTIFICATIONS, PUSH_DEAD_LETTERS, PUSH_JOBS
from server.notifications.gateways.base import MAX_BATCH
from server.services.announcements.sending import AnnouncementDraft, create_announcement
from tests.support.crowd import add_crowd
from tests.support.fake_fcm import FakeFcm
from tests.support.push import fcm_environment, fcm_settings

CROWD = 3000
WAIT = 180.0  # generous bounds on waiting on a shared machine, not timing assertions
ORGANIZER = {"_id": "organizer"}


async def start_worker(settings: Settings, data_dir: Path) -> asyncio.subprocess.Process:
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update(fcm_environment(settings))
    env.update({"PUSH_LEASE_SECONDS": "3", "WORKER_POLL_SECONDS": "0.1", "LOG_LEVEL": "WARNING",
                "DATA_DIR": str(data_dir)})  # fmt: skip
    log = data_dir / f"worker-{os.urandom(4).hex()}.log"
    with log.open("wb") as output:  # a file, not a pipe: nobody has to keep reading it
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server", "worker", env=env, stdout=output, stderr=output
        )
    await until(lambda: _printed(log, b"worker ready"))
    return process


async def _printed(log: Path, text: bytes) -> bool:
    return text in await asyncio.to_thread(log.read_bytes)


async def until(condition: Callable[[], Awaitable[bool]]) -> None:
    async def poll() -> None:
        while True:
            if await condition():
                return
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), WAIT)


@pytest.mark.slow
async def test_a_killed_dispatcher_loses_nothing_and_repeats_at_most_one_batch(
    db: Database, settings: Settings, fake_fcm: FakeFcm, tmp_path: Path
) -> None:
    fcm = fcm_settings(settings, fake_fcm)
    now = datetime.now(UTC)  # the worker process runs on the real clock
    await add_crowd(db, CROWD, now)
    announcement = await create_announcement(
        db, ORGANIZER, AnnouncementDraft(title="Hall B", body="The keynote moved to Hall B."),
        now, lease_seconds=3,
    )  # fmt: skip
    assert await db[PUSH_JOBS.name].count_documents({}) == CROWD // 500

    async def accepted(count: int) -> bool:
        return fake_fcm.accepted >= count

    async def no_connections() -> bool:
        return fake_fcm.open_connections == 0

    async def all_settled() -> bool:
        return await db[PUSH_JOBS.name].count_documents({}) == 0

    async def pushes_recorded() -> int:  # settled as sent, in the jobs' transactions
        doc = await db[ANNOUNCEMENTS.name].find_one({"_id": announcement["_id"]})
        return int((doc or {})["stats"]["pushed"])

    # the first job's batch is answered; the second's messages reach FCM but their answers never
    # come back, so the worker is killed with that batch in flight: taken by FCM, not settled
    fake_fcm.silent_after = MAX_BATCH
    workers = [await start_worker(fcm, tmp_path)]
    try:
        await until(lambda: accepted(MAX_BATCH + 1))
        workers[0].send_signal(signal.SIGKILL)
        await workers[0].wait()
        await until(no_connections)  # whatever the killed worker sent has been read
        accepted_when_killed = fake_fcm.accepted
        recorded_when_killed = await pushes_recorded()
        fake_fcm.silent_after = None
        workers.append(await start_worker(fcm, tmp_path))
        await until(all_settled)
        workers[1].send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(workers[1].wait(), WAIT) == 0
    finally:
        for worker in workers:
            if worker.returncode is None:
                worker.kill()
                await worker.wait()

    stats = (await db[ANNOUNCEMENTS.name].find_one({"_id": announcement["_id"]}) or {})["stats"]
    in_flight = accepted_when_killed - recorded_when_killed
    print(
        f"\nkilled with {accepted_when_killed} pushes taken by FCM, {recorded_when_killed} "
        f"settled; sent twice after the restart: {fake_fcm.duplicates()}"
    )
    assert recorded_when_killed == MAX_BATCH  # the first job, settled
    assert 0 < in_flight <= MAX_BATCH  # part of the second job's batch: taken, not settled
    assert len(fake_fcm.delivered_pairs()) == CROWD  # every phone, its own message id
    # the documented bound: only what was in flight is sent again, at most one batch
    assert fake_fcm.duplicates() == in_flight
    assert await db[NOTIFICATIONS.name].count_documents({}) == CROWD
    assert await db[PUSH_DEAD_LETTERS.name].count_documents({}) == 0
    assert (stats["targeted"], stats["pushed"], stats["failed"]) == (CROWD, CROWD, 0)
