"""An auto-scheduling run: eligible pairs, the engine's timetable, booked in one step."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from server.db.client import Database, Document
from server.errors import BadUserInput
from server.matchmaking import solve_timetable
from server.services.event.records import get_event
from server.services.meetings.grid import grid_of
from server.services.meetings.rules import rules_of
from server.services.progress.runs import WorkKind
from server.services.progress.tracking import Progress, tracked
from server.services.scheduling.booking import book_timetable
from server.services.scheduling.instance import Window, build_problem
from server.services.scheduling.pairs import candidate_pairs, pair_of
from server.vocabulary import MeetingSource, ScheduleMode

MAX_TIME_LIMIT = 300.0


@dataclass(frozen=True)
class ScheduleOptions:
    mode: ScheduleMode = ScheduleMode.MUTUAL_INTEREST
    window: Window = field(default_factory=Window)
    max_meetings_per_person: int = 4
    time_limit_seconds: float = 10.0


@dataclass(frozen=True)
class ScheduleReport:
    meetings: list[Document]
    pairs_considered: int
    total_weight: float  # of the meetings booked
    upper_bound: float  # the engine's proven bound on the best total weight
    method: str
    optimal: bool
    skipped: int

    @property
    def gap(self) -> float:
        """Share of the bound the booked timetable may still be missing."""
        return 1.0 - self.total_weight / self.upper_bound if self.upper_bound > 0 else 0.0

    @property
    def summary(self) -> str:
        return (
            f"{len(self.meetings)} meetings booked from {self.pairs_considered} pairs; "
            f"total weight {self.total_weight:.3f}, bound {self.upper_bound:.3f} "
            f"(gap {self.gap:.1%}, {self.method}); {self.skipped} left out for want of a table"
        )


def _checked(options: ScheduleOptions) -> None:
    if not 1 <= options.max_meetings_per_person <= 100:
        raise BadUserInput(
            "maxMeetingsPerPerson must be between 1 and 100.", "maxMeetingsPerPerson"
        )
    if not 0 < options.time_limit_seconds <= MAX_TIME_LIMIT:
        raise BadUserInput("timeLimitSeconds must be between 0 and 300.", "timeLimitSeconds")


async def auto_schedule(
    db: Database, organizer: Document | None, options: ScheduleOptions, now: datetime, *,
    reminder_minutes: int, progress: Progress | None = None,
) -> ScheduleReport:  # fmt: skip
    """`organizer` None: run from the command line. Reminders go `reminder_minutes` before."""
    progress = progress or Progress(run_id="")
    _checked(options)
    event = await get_event(db)
    grid, rules = grid_of(event), rules_of(event)
    progress.phase = "finding pairs"
    pairs = await candidate_pairs(db, options.mode, rules)
    problem = await build_problem(
        db, grid, rules, options.window, pairs, options.max_meetings_per_person, now
    )
    progress.phase = "solving"
    result = await asyncio.to_thread(
        solve_timetable, problem.instance, options.time_limit_seconds
    )  # CPU-bound: the event loop keeps serving meanwhile
    source = MeetingSource(options.mode.value)
    organizer_id = organizer["_id"] if organizer else None
    progress.phase = "booking"
    booked = await book_timetable(
        db, problem, result.meetings, source, organizer_id, now, reminder_minutes
    )
    weight = sum(pairs[pair_of(meeting["participants"])] for meeting in booked.meetings)
    progress.done = len(booked.meetings)
    return ScheduleReport(
        meetings=booked.meetings, pairs_considered=len(pairs), total_weight=weight,
        upper_bound=result.upper_bound, method=result.method, optimal=result.optimal,
        skipped=booked.skipped,
    )  # fmt: skip


async def tracked_schedule(
    db: Database,
    organizer: Document | None,
    options: ScheduleOptions,
    clock: Callable[[], datetime],
    *,
    reminder_minutes: int,
    lease_seconds: float,
) -> tuple[str, ScheduleReport]:
    """An auto-scheduling run that organizers can follow (`workRun`) while it runs: its id and
    report. CONFLICT while another schedule run is running."""
    _checked(options)  # a mistyped option is refused before any run is recorded
    started_by = organizer["_id"] if organizer else None
    async with tracked(db, WorkKind.SCHEDULE, clock, started_by, lease_seconds) as progress:
        report = await auto_schedule(
            db, organizer, options, clock(), reminder_minutes=reminder_minutes, progress=progress
        )
        progress.summary = report.summary
    return progress.run_id, report
