"""`eventStats`: the event's numbers in one object, from a handful of aggregations run together."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from server.db.client import Database
from server.services.event.records import get_event
from server.services.stats.activity import Activity, count_activity
from server.services.stats.meetings import (
    AcceptedRow,
    StatusRows,
    accepted_by_day_and_pair,
    count_statuses,
    median_response_minutes,
)
from server.services.stats.organizations import Organizations, load_organizations
from server.services.stats.people import PeopleCounts, count_people
from server.vocabulary import MeetingStatus

DayCounts = list[tuple[date, int]]


@dataclass(frozen=True)
class EventStats:
    people: PeopleCounts
    meetings: dict[MeetingStatus, int]  # by status, as people see it (expiry included)
    requested: int  # every meeting ever requested or booked, whatever became of it
    acceptance_rate: float
    median_response_minutes: float | None
    meetings_per_day: DayCounts
    coopetition_per_day: DayCounts
    cross_sector_per_day: DayCounts
    meetings_held: int
    organizations_met: int
    suggestion_to_request_rate: float
    activity: Activity

    @property
    def coopetition_meetings(self) -> int:
        return sum(count for _, count in self.coopetition_per_day)

    @property
    def cross_sector_meetings(self) -> int:
        return sum(count for _, count in self.cross_sector_per_day)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _by_day(counts: Counter[str]) -> DayCounts:
    return [(date.fromisoformat(day), counts[day]) for day in sorted(counts)]


def acceptance_rate(requests: Counter[str]) -> float:
    """Accepted requests among those answered or lapsed: accepted / (accepted + declined +
    expired). Auto-scheduled meetings were never asked, so they do not count."""
    accepted = requests[MeetingStatus.ACCEPTED.value]
    settled = accepted + sum(
        requests[s.value] for s in (MeetingStatus.DECLINED, MeetingStatus.EXPIRED)
    )
    return _share(accepted, settled)


def _pairs(rows: list[AcceptedRow], organizations: Organizations) -> tuple[Counter[str], ...]:
    per_day, coopetition, cross_sector = Counter[str](), Counter[str](), Counter[str]()
    for row in rows:
        a, b = row.requester_organization_id, row.invitee_organization_id
        per_day[row.day] += row.meetings
        if organizations.compete(a, b):
            coopetition[row.day] += row.meetings
        if organizations.cross_sector(a, b):
            cross_sector[row.day] += row.meetings
    return per_day, coopetition, cross_sector


def organizations_met(rows: list[AcceptedRow]) -> int:
    """Distinct pairs of two different organizations with an accepted meeting."""
    pairs = {
        frozenset((row.requester_organization_id, row.invitee_organization_id))
        for row in rows
        if None not in (row.requester_organization_id, row.invitee_organization_id)
    }
    return sum(1 for pair in pairs if len(pair) == 2)


async def event_stats(db: Database, now: datetime) -> EventStats:
    event = await get_event(db)
    people, statuses, accepted, median, organizations, activity = await asyncio.gather(
        count_people(db),
        count_statuses(db, now),
        accepted_by_day_and_pair(db, event["timezone"], now),
        median_response_minutes(db),
        load_organizations(db),
        count_activity(db),
    )
    rows: StatusRows = statuses
    per_day, coopetition, cross_sector = _pairs(accepted, organizations)
    return EventStats(
        people=people,
        meetings={status: rows.all[status.value] for status in MeetingStatus},
        requested=sum(rows.all.values()),
        acceptance_rate=acceptance_rate(rows.requests),
        median_response_minutes=median,
        meetings_per_day=_by_day(per_day),
        coopetition_per_day=_by_day(coopetition),
        cross_sector_per_day=_by_day(cross_sector),
        meetings_held=sum(row.held for row in accepted),
        organizations_met=organizations_met(accepted),
        suggestion_to_request_rate=_share(rows.from_suggestion, rows.recorded),
        activity=activity,
    )
