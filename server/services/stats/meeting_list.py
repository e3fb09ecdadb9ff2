"""`eventMeetings`: the event's meetings for organizers, filtered, in time order, a page at a time,
with the number that match."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from server.db.client import Database, Document
from server.db.collections import MEETINGS
from server.errors import BadUserInput
from server.services.common import validation
from server.services.common.pagination import Page, decode_cursor, encode_cursor
from server.services.event.records import get_event
from server.services.meetings.grid import grid_of
from server.services.meetings.queries import status_filter
from server.services.stats.organizations import INVITEE, REQUESTER, load_organizations
from server.vocabulary import MeetingStatus


@dataclass(frozen=True)
class MeetingFilter:
    statuses: tuple[MeetingStatus, ...] | None = None
    day: date | None = None  # an event-local calendar day
    person_id: str | None = None
    organization_id: str | None = None
    coopetition: bool | None = None  # the two organizations compete (or, False, do not)


async def meeting_query(
    db: Database, meeting_filter: MeetingFilter, now: datetime
) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = []
    if meeting_filter.statuses is not None:
        clauses.append(status_filter(meeting_filter.statuses, now))
    if meeting_filter.day is not None:
        grid = grid_of(await get_event(db))
        day = grid.day_of(datetime.combine(meeting_filter.day, time(12), grid.zone))
        clauses.append({"starts_at": {"$gte": day.starts_at, "$lt": day.ends_at}})
    if meeting_filter.person_id is not None:
        clauses.append({"participants": meeting_filter.person_id})
    if meeting_filter.organization_id is not None:
        organization = meeting_filter.organization_id
        clauses.append({"$or": [{REQUESTER: organization}, {INVITEE: organization}]})
    if meeting_filter.coopetition is not None:
        competing = (await load_organizations(db)).competing_query()
        clauses.append(competing if meeting_filter.coopetition else {"$nor": [competing]})
    return {"$and": clauses} if clauses else {}


def meeting_cursor(meeting: Document) -> str:
    return encode_cursor(meeting["starts_at"].isoformat(), meeting["_id"])


def _after(cursor: str | None) -> dict[str, Any]:
    if cursor is None:
        return {}
    starts, meeting_id = decode_cursor(cursor)
    try:
        starts_at = datetime.fromisoformat(starts).astimezone(UTC)
    except ValueError:
        raise BadUserInput("the cursor is not one this server gave out.", field="after") from None
    later = {"starts_at": {"$gt": starts_at}}
    return {"$or": [later, {"starts_at": starts_at, "_id": {"$gt": meeting_id}}]}


async def event_meetings(
    db: Database, meeting_filter: MeetingFilter, first: int, after: str | None, now: datetime
) -> tuple[Page[Document], int]:
    """One page of the matching meetings by start time, and how many match in all."""
    validation.page_size(first)
    query = await meeting_query(db, meeting_filter, now)
    position = _after(after)
    paged = {"$and": [query, position]} if position else query
    meetings = db[MEETINGS.name]
    docs, total = await asyncio.gather(
        meetings.find(paged).sort([("starts_at", 1), ("_id", 1)]).limit(first + 1).to_list(),
        meetings.count_documents(query),
    )
    items = docs[:first]
    end = meeting_cursor(items[-1]) if items else None
    return Page(items=items, end_cursor=end, has_next_page=len(docs) > first), total
