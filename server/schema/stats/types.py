"""GraphQL types of the event's numbers and of the organizers' meetings list."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from server.db.client import Document
from server.schema.common import MeetingStatus, PageInfo
from server.schema.meetings.types import Meeting
from server.services.common.pagination import Page
from server.services.stats.meeting_list import MeetingFilter as Filter
from server.services.stats.meeting_list import meeting_cursor
from server.services.stats.summary import DayCounts
from server.services.stats.summary import EventStats as Stats


@strawberry.type
class DayCount:
    day: date
    count: int

    @classmethod
    def list_of(cls, counts: DayCounts) -> list[DayCount]:
        return [cls(day=day, count=count) for day, count in counts]


@strawberry.type
class MeetingCounts:
    requested: int = strawberry.field(
        description="Every meeting ever requested or booked, whatever became of it."
    )
    pending: int
    accepted: int
    declined: int
    cancelled: int
    expired: int


@strawberry.type(description="The event's numbers. Organizers only.")
class EventStats:
    people: int = strawberry.field(description="Registered.")
    listed: int = strawberry.field(description="Opted in to the directory and matchmaking.")
    active_people: int = strawberry.field(description="Signed in at least once.")
    meetings: MeetingCounts
    acceptance_rate: float = strawberry.field(
        description="Requests accepted / (accepted + declined + expired); 0 when none settled. "
        "Auto-scheduled meetings are not requests and do not count."
    )
    median_response_minutes: float | None = strawberry.field(
        description="From a request to its first answer, over answered requests."
    )
    meetings_per_day: list[DayCount] = strawberry.field(
        description="Accepted meetings by the day they take place (event time zone)."
    )
    coopetition_meetings: int = strawberry.field(
        description="Accepted meetings between people whose organizations compete "
        "(share a market segment)."
    )
    coopetition_meetings_per_day: list[DayCount]
    cross_sector_meetings: int = strawberry.field(
        description="Accepted meetings between people of organizations of different sectors."
    )
    cross_sector_meetings_per_day: list[DayCount]
    meetings_held: int = strawberry.field(description="Accepted meetings that have ended.")
    organizations_met: int = strawberry.field(
        description="Distinct pairs of organizations with an accepted meeting."
    )
    suggestions_shown: int = strawberry.field(
        description="Entries in everyone's suggestion lists now."
    )
    suggestion_to_request_rate: float = strawberry.field(
        description="Share of requests whose invitee was in the requester's suggestions."
    )
    follow_ups: int = strawberry.field(description="Meeting follow-ups recorded.")
    posts: int
    projects: int
    push_delivered: int = strawberry.field(description="Pushes FCM accepted, every kind.")
    push_failed: int = strawberry.field(description="Pushes refused for good or out of retries.")

    @classmethod
    def of(cls, stats: Stats) -> EventStats:
        by_status = {status.value.lower(): count for status, count in stats.meetings.items()}
        activity = stats.activity
        return cls(
            people=stats.people.people,
            listed=stats.people.listed,
            active_people=stats.people.active,
            meetings=MeetingCounts(requested=stats.requested, **by_status),
            acceptance_rate=stats.acceptance_rate,
            median_response_minutes=stats.median_response_minutes,
            meetings_per_day=DayCount.list_of(stats.meetings_per_day),
            coopetition_meetings=stats.coopetition_meetings,
            coopetition_meetings_per_day=DayCount.list_of(stats.coopetition_per_day),
            cross_sector_meetings=stats.cross_sector_meetings,
            cross_sector_meetings_per_day=DayCount.list_of(stats.cross_sector_per_day),
            meetings_held=stats.meetings_held,
            organizations_met=stats.organizations_met,
            suggestions_shown=activity.suggestions_shown,
            suggestion_to_request_rate=stats.suggestion_to_request_rate,
            follow_ups=activity.follow_ups,
            posts=activity.posts,
            projects=activity.projects,
            push_delivered=activity.push_delivered,
            push_failed=activity.push_failed,
        )


@strawberry.input
class MeetingFilter:
    status: list[MeetingStatus] | None = None
    day: date | None = strawberry.field(default=None, description="In the event's time zone.")
    person_id: strawberry.ID | None = None
    organization_id: strawberry.ID | None = None
    coopetition: bool | None = strawberry.field(
        default=None, description="True: the two organizations compete; false: they do not."
    )

    def to_filter(self) -> Filter:
        return Filter(
            statuses=tuple(self.status) if self.status is not None else None,
            day=self.day,
            person_id=str(self.person_id) if self.person_id is not None else None,
            organization_id=str(self.organization_id) if self.organization_id else None,
            coopetition=self.coopetition,
        )


@strawberry.type
class MeetingEdge:
    cursor: str
    node: Meeting


@strawberry.type
class MeetingConnection:
    edges: list[MeetingEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Meetings matching the filter, all pages.")

    @classmethod
    def of(cls, page: Page[Document], total: int, now: datetime) -> MeetingConnection:
        edges = [
            MeetingEdge(cursor=meeting_cursor(doc), node=Meeting.from_doc(doc, now))
            for doc in page.items
        ]
        return cls(edges=edges, page_info=PageInfo.of(page), total_count=total)
