"""Work runs: one document per long piece of work (a schedule run, an import) with its phase,
counts and heartbeat. One run of a kind at a time; a run whose heartbeat stopped for a lease
was cut short (its process ended) and no longer blocks the next."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import WORK_RUNS
from server.errors import Conflict, NotFound
from server.services.people.records import new_id

RUNNING, DONE, FAILED = "RUNNING", "DONE", "FAILED"
DEFAULT_LEASE_SECONDS = 20.0  # RUN_LEASE_SECONDS: a run not heard of for this long was cut short
INTERRUPTED = "The run stopped before it finished: the process running it ended."


class WorkKind(StrEnum):
    SCHEDULE = "SCHEDULE"
    PEOPLE_IMPORT = "PEOPLE_IMPORT"
    EVENT_IMPORT = "EVENT_IMPORT"


def heartbeat_seconds(lease_seconds: float) -> float:
    """How often a running run says it is alive: a few beats fit in its lease."""
    return lease_seconds / 4


def is_stale(run: Document, now: datetime) -> bool:
    """A run records its own lease, so every process judges it the same way."""
    lease = timedelta(seconds=run.get("lease_seconds", DEFAULT_LEASE_SECONDS))
    return bool(run["status"] == RUNNING and run["heartbeat_at"] < now - lease)


def shown_status(run: Document, now: datetime) -> str:
    return FAILED if is_stale(run, now) else str(run["status"])


def shown_error(run: Document, now: datetime) -> str | None:
    return INTERRUPTED if is_stale(run, now) else run.get("error")


async def open_run(
    db: Database,
    kind: WorkKind,
    now: datetime,
    started_by: str | None = None,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
) -> Document:
    """Record a new run of `kind`; CONFLICT while another one of that kind is running. The
    `running` field is unique per kind (a partial index), so two starts cannot both win."""
    runs = db[WORK_RUNS.name]
    running = await runs.find_one({"kind": kind.value, "running": True})
    if running is not None and is_stale(running, now):
        await runs.update_one(
            {"_id": running["_id"], "heartbeat_at": running["heartbeat_at"]},
            {"$set": {"status": FAILED, "error": INTERRUPTED}, "$unset": {"running": ""}},
        )
    run: dict[str, Any] = {
        "_id": new_id(),
        "kind": kind.value,
        "status": RUNNING,
        "running": True,
        "phase": "starting",
        "done": 0,
        "total": None,
        "started_by": started_by,
        "started_at": now,
        "heartbeat_at": now,
        "lease_seconds": lease_seconds,
        "finished_at": None,
        "summary": None,
        "error": None,
    }
    try:
        await runs.insert_one(run)
    except DuplicateKeyError:
        raise Conflict(
            "This kind of work is already running; wait for it to finish.", kind=kind.value
        ) from None
    return run


async def record(db: Database, run_id: str, now: datetime, **fields: Any) -> None:
    await db[WORK_RUNS.name].update_one(
        {"_id": run_id, "status": RUNNING}, {"$set": {**fields, "heartbeat_at": now}}
    )


async def close_run(
    db: Database, run_id: str, now: datetime, error: str | None, **fields: Any
) -> None:
    ended = {"status": FAILED if error else DONE, "error": error, "finished_at": now}
    await db[WORK_RUNS.name].update_one(
        {"_id": run_id, "status": RUNNING},
        {"$set": {**fields, **ended, "heartbeat_at": now}, "$unset": {"running": ""}},
    )


async def get_work_run(db: Database, run_id: str) -> Document:
    run = await db[WORK_RUNS.name].find_one({"_id": run_id})
    if run is None:
        raise NotFound("No such run.")
    return run


async def recent_runs(db: Database, kind: WorkKind | None, limit: int) -> list[Document]:
    match = {"kind": kind.value} if kind is not None else {}
    cursor = db[WORK_RUNS.name].find(match, sort=[("started_at", DESCENDING)], limit=limit)
    return await cursor.to_list()
