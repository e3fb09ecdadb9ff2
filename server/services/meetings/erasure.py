"""A deleted account leaves no dangling meeting: the other person keeps it, cancelled, anonymous."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database
from server.db.collections import LEADS, MEETINGS
from server.services.meetings.notices import tell_left
from server.services.meetings.records import change
from server.vocabulary import MeetingStatus

LEFT = "The other person left the event."


async def anonymise_meetings(
    db: Database, session: AsyncClientSession, person_id: str, now: datetime
) -> None:
    """Cancel the person's active meetings (calendar feeds then drop them, SEQUENCE moves on;
    the other person is told of those still to come, their reminders withdrawn), then remove
    every trace of them: their id, a message they wrote, their name in the history. A meeting
    left with nobody is deleted."""
    meetings = db[MEETINGS.name]
    active = {"participants": person_id, "holds_slot": True}
    cancelled = [
        {**meeting, "status": MeetingStatus.CANCELLED.value}
        for meeting in await meetings.find(active, session=session).to_list()
    ]
    await meetings.update_many(
        active,
        {"$set": {"status": MeetingStatus.CANCELLED.value, "holds_slot": False,
                  "awaiting_id": None, "cancel_reason": LEFT, "updated_at": now},
         "$inc": {"sequence": 1}, "$push": {"history": change(now, "CANCEL", None, reason=LEFT)}},
        session=session,
    )  # fmt: skip
    upcoming = [meeting for meeting in cancelled if meeting["starts_at"] > now]
    await tell_left(db, session, upcoming, person_id, now)
    forget = {
        "requester_id": {"requester_id": None, "message": None},
        "invitee_id": {"invitee_id": None},
        "awaiting_id": {"awaiting_id": None},
        "cancelled_by": {"cancelled_by": None},
    }
    for field, cleared in forget.items():
        await meetings.update_many({field: person_id}, {"$set": cleared}, session=session)
    await meetings.update_many(
        {"history.by": person_id},
        {"$set": {"history.$[mine].by": None}},
        array_filters=[{"mine.by": person_id}],
        session=session,
    )
    await meetings.update_many(
        {"participants": person_id}, {"$pull": {"participants": person_id}}, session=session
    )
    await meetings.delete_many({"participants": {"$size": 0}}, session=session)
    await db[LEADS.name].update_many(
        {"captured_by": person_id}, {"$set": {"captured_by": None}}, session=session
    )
