"""Whole-event matchmaking runs: every person's list computed and stored, with progress."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

from pymongo import DESCENDING, ReturnDocument

from server.db.client import Database, Document
from server.db.collections import MATCHMAKING_RUNS
from server.errors import Conflict, NotFound
from server.matchmaking.suggestions.engine import SuggestionRun, suggest_all
from server.matchmaking.suggestions.index import build_index
from server.services.matchmaking.inputs import EngineInputs, load_inputs
from server.services.matchmaking.notices import store_and_tell
from server.services.matchmaking.settings import MatchmakingSettings, get_settings
from server.services.matchmaking.suggestions import CHUNK, recount_exposure
from server.services.people.records import new_id
from server.services.progress.runs import DEFAULT_LEASE_SECONDS, heartbeat_seconds, is_stale
from server.services.progress.tracking import heartbeat

log = logging.getLogger(__name__)

RUNNING, DONE, FAILED = "RUNNING", "DONE", "FAILED"
Clock = Callable[[], datetime]


def shown_status(run: Document, now: datetime) -> str:
    """A run not heard of for its lease was interrupted (and no longer blocks the next)."""
    return FAILED if is_stale(run, now) else str(run["status"])


async def start_run(
    db: Database, now: datetime, lease_seconds: float = DEFAULT_LEASE_SECONDS
) -> Document:
    """Record a new run; refused while another one is still running."""
    latest = await latest_run(db)
    if latest is not None and shown_status(latest, now) == RUNNING:
        raise Conflict(
            "Matchmaking is already running; wait for it to finish.", runId=latest["_id"]
        )
    run = {"_id": new_id(), "status": RUNNING, "phase": "loading", "started_at": now,
           "heartbeat_at": now, "lease_seconds": lease_seconds, "finished_at": None,
           "people_total": 0, "people_done": 0, "people_told": 0, "exposure": None,
           "error": None}  # fmt: skip
    await db[MATCHMAKING_RUNS.name].insert_one(run)
    return run


async def _update(db: Database, run_id: str, now: datetime, **fields: Any) -> Document | None:
    return await db[MATCHMAKING_RUNS.name].find_one_and_update(
        {"_id": run_id}, {"$set": {**fields, "heartbeat_at": now}},
        return_document=ReturnDocument.AFTER,
    )  # fmt: skip


def _compute(inputs: EngineInputs, settings: MatchmakingSettings) -> SuggestionRun:
    index = build_index(inputs.profiles, inputs.catalog, settings.weights)
    return suggest_all(index, inputs.exclusions, settings.list_size, settings.exposure_cap)


async def execute_run(
    db: Database, run_id: str, clock: Clock, progress: Callable[[int, int], None] | None = None
) -> Document | None:
    """Compute and store every list; the run document shows the phase and people done, and
    how many were told that their list gained someone (`people_told`). A heartbeat keeps the
    run alive while the engine computes, so that only a dead run's lease runs out."""
    run = await db[MATCHMAKING_RUNS.name].find_one({"_id": run_id}) or {}
    every = heartbeat_seconds(run.get("lease_seconds", DEFAULT_LEASE_SECONDS))
    try:
        async with heartbeat(lambda: _update(db, run_id, clock()), every):
            return await _compute_and_store(db, run_id, clock, progress)
    except Exception:
        log.exception("matchmaking run %s failed", run_id)
        return await _update(db, run_id, clock(), status=FAILED, finished_at=clock(),
                             error="The run failed; the server log has the details.")  # fmt: skip


async def _compute_and_store(
    db: Database, run_id: str, clock: Clock, progress: Callable[[int, int], None] | None
) -> Document | None:
    settings = await get_settings(db)
    inputs = await load_inputs(db)
    total = len(inputs.profiles)
    await _update(db, run_id, clock(), phase="scoring", people_total=total)
    result = await asyncio.to_thread(_compute, inputs, settings)
    await _update(db, run_id, clock(), phase="storing")
    viewers, told = list(result.lists), 0
    for start in range(0, len(viewers), CHUNK):
        chunk = {viewer: result.lists[viewer] for viewer in viewers[start : start + CHUNK]}
        told += await store_and_tell(db, chunk, clock())
        done = start + len(chunk)
        await _update(db, run_id, clock(), people_done=done, people_told=told)
        if progress is not None:
            progress(done, total)
    await recount_exposure(db, result.lists)
    exposure = asdict(result.exposure)
    return await _update(db, run_id, clock(), status=DONE, phase="done", exposure=exposure,
                         finished_at=clock())  # fmt: skip


async def latest_run(db: Database) -> Document | None:
    return await db[MATCHMAKING_RUNS.name].find_one({}, sort=[("started_at", DESCENDING)])


async def get_run(db: Database, run_id: str | None) -> Document:
    run = (
        await latest_run(db)
        if run_id is None
        else await db[MATCHMAKING_RUNS.name].find_one({"_id": run_id})
    )
    if run is None:
        raise NotFound("No such matchmaking run." if run_id else "Matchmaking has not run yet.")
    return run
