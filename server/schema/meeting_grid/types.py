"""GraphQL types of the meeting rules and of the report on an organizer's change."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

import strawberry

from server.schema.meetings.types import Meeting
from server.services.meetings.replacing import ChangeReport
from server.services.meetings.rules import MeetingRules as Rules


@strawberry.type(description="The event's rules for meeting requests.")
class MeetingRules:
    request_ttl_hours: int = strawberry.field(
        description="An unanswered request expires after this long (or when its slot starts)."
    )
    max_pending_requests: int = strawberry.field(
        description="Unanswered requests a person may have sent at once."
    )
    max_meetings_per_day: int = strawberry.field(description="Accepted meetings per event day.")
    exhibitor_max_pending_requests: int
    exhibitor_max_meetings_per_day: int
    exhibitor_requests_need_opt_in: bool = strawberry.field(
        description="Exhibitors may request only people who accept vendor requests."
    )

    @classmethod
    def of(cls, rules: Rules) -> MeetingRules:
        return cls(**asdict(rules))


@strawberry.input
class MeetingRulesInput:
    request_ttl_hours: int | None = None
    max_pending_requests: int | None = None
    max_meetings_per_day: int | None = None
    exhibitor_max_pending_requests: int | None = None
    exhibitor_max_meetings_per_day: int | None = None
    exhibitor_requests_need_opt_in: bool | None = None

    def changes(self) -> dict[str, Any]:
        return {key: value for key, value in vars(self).items() if value is not None}


@strawberry.input
class TimeRangeInput:
    starts_at: datetime
    ends_at: datetime


@strawberry.type(description="What an organizer's change did to the meetings it displaced.")
class MeetingChangeReport:
    moved: list[Meeting]
    cancelled: list[Meeting]

    @classmethod
    def of(cls, report: ChangeReport, now: datetime) -> MeetingChangeReport:
        return cls(
            moved=[Meeting.from_doc(doc, now) for doc in report.moved],
            cancelled=[Meeting.from_doc(doc, now) for doc in report.cancelled],
        )
