"""Following a run while it works: the caller counts in memory (a plain callback suits a
progress bar too), a heartbeat writes the counts every few seconds, and the end is recorded
whether the work finished, failed or was cancelled."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from pymongo.errors import PyMongoError

from server.db.client import Database
from server.errors import AppError
from server.services.progress.runs import (
    DEFAULT_LEASE_SECONDS,
    WorkKind,
    close_run,
    heartbeat_seconds,
    open_run,
    record,
)

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
FAILED_MESSAGE = "The run failed; the server log has the details."
CLOSE_SECONDS = 5.0


@dataclass
class Progress:
    run_id: str
    phase: str = "starting"
    done: int = 0
    total: int | None = None
    summary: str | None = None  # one line saying what the run did, set before it ends

    def advance(self, count: int = 1) -> None:
        self.done += count

    def fields(self) -> dict[str, object]:
        return {"phase": self.phase, "done": self.done, "total": self.total}


@contextlib.asynccontextmanager
async def heartbeat(beat: Callable[[], Awaitable[object]], seconds: float) -> AsyncIterator[None]:
    """Call `beat` every `seconds` while the body runs (a failed beat is logged, not fatal)."""

    async def loop() -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await beat()
            except PyMongoError as error:
                log.warning("could not record a run's heartbeat: %s", error)

    task = asyncio.create_task(loop(), name="run-heartbeat")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.asynccontextmanager
async def tracked(
    db: Database,
    kind: WorkKind,
    clock: Clock,
    started_by: str | None = None,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
) -> AsyncIterator[Progress]:
    """A run of `kind` recorded from start to end; CONFLICT while another one is running."""
    run = await open_run(db, kind, clock(), started_by, lease_seconds)
    progress = Progress(run["_id"])

    async def beat() -> None:
        await record(db, progress.run_id, clock(), **progress.fields())

    try:
        async with heartbeat(beat, heartbeat_seconds(lease_seconds)):
            yield progress
    except BaseException as error:
        message = error.message if isinstance(error, AppError) else FAILED_MESSAGE
        await _close_quietly(db, progress, clock, error=message)
        raise
    progress.phase = "done"
    await close_run(db, run["_id"], clock(), None, summary=progress.summary, **progress.fields())


async def _close_quietly(db: Database, progress: Progress, clock: Clock, error: str) -> None:
    """On the way out of a failure the database may be gone too: the lease then tells."""
    try:
        close = close_run(db, progress.run_id, clock(), error, **progress.fields())
        await asyncio.wait_for(close, CLOSE_SECONDS)
    except (PyMongoError, TimeoutError):
        log.warning("could not record the end of run %s", progress.run_id)
