"""GraphQL types of interest in meeting someone, and of an auto-scheduling run."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.common import ScheduleMode
from server.schema.meetings.types import Meeting
from server.services.scheduling.run import ScheduleReport

if TYPE_CHECKING:
    from server.schema.people.types import Person


@strawberry.type(description="Someone you said you want to meet.")
class MeetingInterest:
    person: Annotated[Person, strawberry.lazy("server.schema.people.types")]
    mutual: bool = strawberry.field(
        description="They want to meet you too: the pair is eligible for auto-scheduling."
    )

    @classmethod
    def of(cls, person: Document, mutual: bool) -> MeetingInterest:
        from server.schema.people.types import Person

        return cls(person=Person.from_doc(person), mutual=mutual)


@strawberry.input
class AutoScheduleInput:
    mode: ScheduleMode = ScheduleMode.MUTUAL_INTEREST
    starts_at: datetime | None = strawberry.field(
        default=None, description="Use only grid slots from this time on."
    )
    ends_at: datetime | None = strawberry.field(
        default=None, description="Use only grid slots ending by this time."
    )
    max_meetings_per_person: int = 4
    time_limit_seconds: float = 10.0


@strawberry.type(description="What an auto-scheduling run booked, and how close it came.")
class AutoScheduleReport:
    run_id: strawberry.ID = strawberry.field(description="The run, as workRun(id) shows it.")
    meetings_created: int
    pairs_considered: int
    total_weight: float
    upper_bound: float = strawberry.field(
        description="A proven upper bound on the best total weight possible."
    )
    gap: float = strawberry.field(description="Share of the bound the timetable may be missing.")
    method: str
    optimal: bool
    skipped: int = strawberry.field(
        description="Planned meetings left out: their slot had no free place."
    )
    meetings: list[Meeting]

    @classmethod
    def of(cls, report: ScheduleReport, now: datetime, run_id: str) -> AutoScheduleReport:
        return cls(
            run_id=strawberry.ID(run_id), meetings_created=len(report.meetings),
            pairs_considered=report.pairs_considered,
            total_weight=report.total_weight, upper_bound=report.upper_bound, gap=report.gap,
            method=report.method, optimal=report.optimal, skipped=report.skipped,
            meetings=[Meeting.from_doc(doc, now) for doc in report.meetings],
        )  # fmt: skip
