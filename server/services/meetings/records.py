"""The meeting document: its shape, built in one place, and its change history entries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from server.db.client import Document
from server.services.meetings.grid import Span
from server.services.people.records import new_id
from server.vocabulary import MeetingSource, MeetingStatus

MAX_MESSAGE_LENGTH = 500


def change(now: datetime, action: str, by: str | None, **details: Any) -> dict[str, Any]:
    """One entry of a meeting's history: what happened, when, who did it (None: the system)."""
    return {"at": now, "action": action, "by": by, **details}


def new_meeting(
    requester: Document,
    invitee: Document,
    slot: Span,
    *,
    status: MeetingStatus,
    source: MeetingSource,
    message: str | None,
    expires_at: datetime | None,
    now: datetime,
    by: str | None,
) -> dict[str, Any]:
    """A meeting holding its slot; `location_id` is set when a place is claimed. `by` made it:
    the requester, or an organizer (None: the command line)."""
    return {
        "_id": new_id(),
        "requester_id": requester["_id"],
        "invitee_id": invitee["_id"],
        "participants": [requester["_id"], invitee["_id"]],
        "requester_organization_id": requester.get("organization_id"),
        "invitee_organization_id": invitee.get("organization_id"),
        "status": status.value,
        "awaiting_id": invitee["_id"] if status is MeetingStatus.PENDING else None,
        "source": source.value,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "location_id": None,
        "message": message,
        "expires_at": expires_at,
        "holds_slot": True,
        "sequence": 0,
        "created_at": now,
        "updated_at": now,
        "history": [change(now, source.value, by)],
    }


def other_participant(meeting: Document, person_id: str) -> str | None:
    """The other person of the meeting (None once they deleted their account)."""
    return next((p for p in meeting["participants"] if p != person_id), None)
