"""Reading meetings: one's schedule, one meeting, an exhibitor organization's incoming requests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from server.auth.permissions import may_see_meeting, require_exhibitor
from server.db.client import Database, Document
from server.db.collections import MEETINGS
from server.errors import Forbidden
from server.services.meetings.participants import load_meeting
from server.vocabulary import MeetingStatus

MAX_LISTED = 500


def status_filter(statuses: Iterable[MeetingStatus] | None, now: datetime) -> dict[str, Any]:
    """A query for meetings in these statuses, as `status_of` derives them (expiry included)."""
    if statuses is None:
        return {}
    clauses: list[dict[str, Any]] = []
    for status in set(statuses):
        if status is MeetingStatus.PENDING:
            clauses.append({"status": status.value, "expires_at": {"$gt": now}})
        elif status is MeetingStatus.EXPIRED:
            clauses.append({"status": MeetingStatus.PENDING.value, "expires_at": {"$lte": now}})
            clauses.append({"status": status.value})
        else:
            clauses.append({"status": status.value})
    return {"$or": clauses} if clauses else {"_id": {"$exists": False}}


async def my_meetings(
    db: Database, person_id: str, statuses: Iterable[MeetingStatus] | None, now: datetime
) -> list[Document]:
    query = {"participants": person_id, **status_filter(statuses, now)}
    cursor = db[MEETINGS.name].find(query).sort([("starts_at", 1), ("_id", 1)])
    return await cursor.limit(MAX_LISTED).to_list()


async def meeting_for(db: Database, viewer: Document, meeting_id: str) -> Document:
    meeting = await load_meeting(db, meeting_id)
    if not may_see_meeting(viewer, meeting):
        raise Forbidden("This is not your meeting.")
    return meeting


async def organization_requests(
    db: Database, staff: Document, statuses: Iterable[MeetingStatus] | None, now: datetime
) -> list[Document]:
    """Requests to the staff member's organization's people (booth staff see them all)."""
    organization_id = require_exhibitor(staff)
    query = {"invitee_organization_id": organization_id, **status_filter(statuses, now)}
    cursor = db[MEETINGS.name].find(query).sort([("starts_at", 1), ("_id", 1)])
    return await cursor.limit(MAX_LISTED).to_list()
