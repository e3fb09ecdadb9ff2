"""`python -m server match`: whole-event suggestions from the command line, with progress."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
from pymongo import MongoClient

from server.db.client import Database
from server.db.collections import MATCHMAKING_RUNS, PEOPLE, SUGGESTIONS
from server.services.matchmaking.runs import DONE, FAILED, shown_status
from tests.support.crowd import add_crowd
from tests.support.world import World

LEASE = 20  # seconds: the killed run's lease, long enough for the second start to fall in it
WAIT = 120.0  # generous bounds on a shared machine, not timing assertions


def test_match_stores_everyones_lists_and_reports_exposure(
    mongo_uri: str, database_name: str, world: World
) -> None:
    env = {**os.environ, "MONGODB_URI": mongo_uri, "DATABASE_NAME": database_name}
    done = subprocess.run(
        [sys.executable, "-m", "server", "match"], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("suggestions stored for 7 people; exposure cap 30:")
    assert "storing lists" in done.stderr  # the progress bar
    with MongoClient(mongo_uri) as client:
        ana = client[database_name][SUGGESTIONS.name].find_one(
            {"_id": world.ids["ana@acme.example"]}
        )
    assert ana is not None
    assert [item["person_id"] for item in ana["items"]] == [world.ids["cara@bolt.example"]]


async def _match(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "server", "match", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _until(condition: Callable[[], Awaitable[bool]]) -> None:
    async def poll() -> None:
        while True:
            if await condition():
                return
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), WAIT)


@pytest.mark.slow
async def test_a_killed_match_blocks_the_next_only_for_its_lease(
    mongo_uri: str, database_name: str, world: World, db: Database
) -> None:
    await add_crowd(db, 1000, datetime.now(UTC))
    await db[PEOPLE.name].update_many({}, {"$set": {"listed": True}})
    env = {**os.environ, "MONGODB_URI": mongo_uri, "DATABASE_NAME": database_name,
           "RUN_LEASE_SECONDS": str(LEASE)}  # fmt: skip
    runs = db[MATCHMAKING_RUNS.name]

    async def storing() -> bool:
        return await runs.count_documents({"people_done": {"$gt": 0}}) == 1

    first = await _match(env)
    await _until(storing)  # mid-way: some lists stored, most not
    first.send_signal(signal.SIGKILL)
    await first.wait()
    killed = await runs.find_one({})
    assert killed is not None
    assert (killed["status"], killed["phase"]) == ("RUNNING", "storing")

    second = await _match(env)  # within the lease: refused, and told why
    _, stderr = await asyncio.wait_for(second.communicate(), WAIT)
    assert (second.returncode, stderr.decode().splitlines()[-1]) == (
        1, "Cannot run matchmaking: Matchmaking is already running; wait for it to finish."
    )  # fmt: skip

    async def lapsed() -> bool:
        return shown_status(killed, datetime.now(UTC)) == FAILED

    await _until(lapsed)  # the lease ran out: no one has to clean up by hand
    third = await _match(env)
    stdout, stderr = await asyncio.wait_for(third.communicate(), WAIT)
    assert third.returncode == 0, stderr.decode()[-2000:]
    assert stdout.decode().startswith("suggestions stored for 1007 people;")
    assert await runs.count_documents({"status": DONE}) == 1
