"""Writing a status change (only if nobody changed the meeting since it was read) and telling
the people concerned, in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import MEETINGS
from server.errors import Conflict
from server.services.meetings.notices import tell_change
from server.services.meetings.states import ACTIVE
from server.vocabulary import MeetingStatus

CHANGED = "This meeting changed meanwhile. Look at it again."


async def apply(
    db: Database,
    meeting: Document,
    status: MeetingStatus,
    entry: dict[str, Any],
    now: datetime,
    *,
    session: AsyncClientSession,
    fields: dict[str, Any] | None = None,
    reminder_minutes: int | None = None,
) -> Document:
    """Store the new status (and fields), bump the calendar SEQUENCE, append to the history,
    and tell the people concerned (notices, reminders) in the same transaction (`session`).
    The filter on the sequence read makes concurrent changes of one meeting exclusive.
    `reminder_minutes` is needed by a change that leaves the meeting accepted."""
    updated = await db[MEETINGS.name].find_one_and_update(
        {"_id": meeting["_id"], "sequence": meeting["sequence"]},
        {"$set": {"status": status.value, "holds_slot": status in ACTIVE, "updated_at": now,
                  **(fields or {})},
         "$inc": {"sequence": 1}, "$push": {"history": entry}},
        return_document=ReturnDocument.AFTER, session=session,
    )  # fmt: skip
    if updated is None:
        raise Conflict(CHANGED, reason="CHANGED")
    await tell_change(db, session, meeting, updated, entry, now, reminder_minutes)
    return updated
