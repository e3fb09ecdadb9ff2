"""Long work that organizers follow through the API: schedule runs and imports, while they run
and after; a run cut short stops blocking the next once its lease runs out."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from server.db.client import Database
from server.errors import BadUserInput, Conflict
from server.services.progress.runs import INTERRUPTED, WorkKind, open_run
from server.services.progress.tracking import tracked
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.meetings import Expo, open_meeting_grid
from tests.support.world import World

RUN = """query($id: ID!) { workRun(id: $id) {
  id kind status phase done total summary error startedAt finishedAt } }"""
RUNS = "query($kind: WorkKind) { workRuns(kind: $kind) { id kind status } }"
SCHEDULE = "mutation { autoSchedule { runId meetingsCreated } }"
INTEREST = "mutation($id: ID!) { expressInterest(personId: $id) { mutual } }"
WAIT = 60.0  # a generous bound on a shared machine, not a timing assertion


@pytest.fixture
async def expo(api: GraphQLClient, world: World, db: Database) -> Expo:
    await open_meeting_grid(db)
    return Expo(api, world)


async def test_a_schedule_run_is_recorded_for_organizers_only(expo: Expo) -> None:
    await expo.data("ana", INTEREST, id=expo.id("cara"))
    await expo.data("cara", INTEREST, id=expo.id("ana"))
    report = (await expo.data("olga", SCHEDULE))["autoSchedule"]
    assert report["meetingsCreated"] == 1
    run = (await expo.data("olga", RUN, id=report["runId"]))["workRun"]
    assert run["startedAt"] == run["finishedAt"] == "2027-04-12T16:00:00+00:00"
    assert {key: value for key, value in run.items() if not key.endswith("At")} == {
        "id": report["runId"],
        "kind": "SCHEDULE",
        "status": "DONE",
        "phase": "done",
        "done": 1,
        "total": None,
        "summary": "1 meetings booked from 1 pairs; total weight 1.000, bound 1.000 "
        "(gap 0.0%, greedy + local search); 0 left out for want of a table",
        "error": None,
    }
    listed = await expo.data("olga", RUNS, kind="SCHEDULE")
    assert listed == {"workRuns": [{"id": report["runId"], "kind": "SCHEDULE", "status": "DONE"}]}
    assert await expo.data("olga", RUNS, kind="PEOPLE_IMPORT") == {"workRuns": []}
    denied = await expo.run("ana", RUN, id=report["runId"])
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def _shown(expo: Expo, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = (await expo.data("olga", RUN, id=run_id))["workRun"]
    return run


async def test_a_run_shows_its_progress_while_it_runs(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    async with tracked(db, WorkKind.PEOPLE_IMPORT, clock, lease_seconds=1) as progress:
        progress.phase, progress.total = "importing", 10
        progress.advance(3)

        async def until_shown() -> dict[str, Any]:
            while True:
                run = await _shown(expo, progress.run_id)
                if run["done"] == 3:
                    return run
                await asyncio.sleep(0.05)

        running = await asyncio.wait_for(until_shown(), WAIT)  # the next heartbeat wrote it
        progress.advance(7)
        progress.summary = "10 created, 0 updated, 0 rows with errors"
    assert (running["status"], running["phase"], running["total"]) == ("RUNNING", "importing", 10)
    done = await _shown(expo, progress.run_id)
    assert (done["status"], done["phase"], done["done"], done["summary"], done["error"]) == (
        "DONE", "done", 10, "10 created, 0 updated, 0 rows with errors", None
    )  # fmt: skip


async def test_a_failed_run_says_why(expo: Expo, db: Database, clock: ManualClock) -> None:
    with pytest.raises(BadUserInput):
        async with tracked(db, WorkKind.EVENT_IMPORT, clock) as progress:
            raise BadUserInput("people.csv line 4: the email is missing.")
    failed = await _shown(expo, progress.run_id)
    assert (failed["status"], failed["error"]) == (
        "FAILED", "people.csv line 4: the email is missing."
    )  # fmt: skip


async def test_a_run_cut_short_blocks_the_next_only_for_its_lease(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    killed = await open_run(db, WorkKind.SCHEDULE, clock(), lease_seconds=20)  # never closed
    with pytest.raises(Conflict):
        await open_run(db, WorkKind.SCHEDULE, clock())
    refused = await expo.run("olga", SCHEDULE)
    assert refused["errors"][0]["extensions"] == {"code": "CONFLICT", "kind": "SCHEDULE"}
    assert (await _shown(expo, killed["_id"]))["status"] == "RUNNING"
    await open_run(db, WorkKind.PEOPLE_IMPORT, clock())  # another kind is not blocked
    clock.advance(seconds=21)
    assert (await _shown(expo, killed["_id"]))["status"] == "FAILED"
    assert (await _shown(expo, killed["_id"]))["error"] == INTERRUPTED
    report = (await expo.data("olga", SCHEDULE))["autoSchedule"]
    assert (await _shown(expo, report["runId"]))["status"] == "DONE"
    assert (await _shown(expo, killed["_id"]))["status"] == "FAILED"
