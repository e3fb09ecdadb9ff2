"""The event's meetings as CSV, in time order, streamed a chunk at a time: times in the event's
time zone, each side's name, email and organization, whether the organizations compete."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from zoneinfo import ZoneInfo

from server.db.client import Database, Document
from server.db.collections import LOCATIONS, MEETINGS, PEOPLE
from server.services.common.spreadsheet import csv_rows
from server.services.event.records import get_event
from server.services.meetings.states import status_of
from server.services.stats.meeting_list import MeetingFilter, meeting_query
from server.services.stats.organizations import Organizations, load_organizations

CHUNK = 200  # meetings per read of their people (short `$in` lists)
COLUMNS = [
    "meeting_id",
    "status",
    "source",
    "starts_at",
    "ends_at",
    "place",
    "requester",
    "requester_email",
    "requester_organization",
    "invitee",
    "invitee_email",
    "invitee_organization",
    "coopetition",
    "cross_sector",
    "requested_at",
]
PERSON_FIELDS = {"name": 1, "email": 1}


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat() if moment else ""


def _row(
    meeting: Document,
    people: dict[str, Document],
    places: dict[str, str],
    organizations: Organizations,
    zone: ZoneInfo,
    now: datetime,
) -> list[object]:
    a, b = meeting.get("requester_organization_id"), meeting.get("invitee_organization_id")
    requester = people.get(meeting.get("requester_id") or "", {})
    invitee = people.get(meeting.get("invitee_id") or "", {})
    return [
        meeting["_id"],
        status_of(meeting, now).value,
        meeting.get("source", "REQUEST"),
        _local(meeting["starts_at"], zone),
        _local(meeting["ends_at"], zone),
        places.get(meeting.get("location_id") or "", ""),
        requester.get("name", "Former participant"),
        requester.get("email"),
        organizations.name(a),
        invitee.get("name", "Former participant"),
        invitee.get("email"),
        organizations.name(b),
        organizations.compete(a, b),
        organizations.cross_sector(a, b),
        _local(meeting.get("created_at"), zone),
    ]


async def meetings_csv(
    db: Database, meeting_filter: MeetingFilter, now: datetime
) -> AsyncIterator[str]:
    """The header, then the rows of the meetings matching the filter, a chunk at a time."""
    zone = ZoneInfo((await get_event(db))["timezone"])
    query = await meeting_query(db, meeting_filter, now)
    organizations = await load_organizations(db)
    places = {doc["_id"]: doc["name"] async for doc in db[LOCATIONS.name].find({}, {"name": 1})}
    yield csv_rows([COLUMNS])
    cursor = db[MEETINGS.name].find(query).sort([("starts_at", 1), ("_id", 1)])
    chunk: list[Document] = []
    async for meeting in cursor:
        chunk.append(meeting)
        if len(chunk) == CHUNK:
            yield await _chunk(db, chunk, places, organizations, zone, now)
            chunk = []
    if chunk:
        yield await _chunk(db, chunk, places, organizations, zone, now)


async def _chunk(
    db: Database,
    meetings: list[Document],
    places: dict[str, str],
    organizations: Organizations,
    zone: ZoneInfo,
    now: datetime,
) -> str:
    ids = sorted({p for meeting in meetings for p in meeting["participants"]})
    found = db[PEOPLE.name].find({"_id": {"$in": ids}}, PERSON_FIELDS)
    people = {doc["_id"]: doc async for doc in found}
    return csv_rows(_row(m, people, places, organizations, zone, now) for m in meetings)
