"""Recording how a meeting went: after its end, each of its two people says whether they met,
what they agreed to do next, whether they give kudos, and a note only they will see. Saying it
again replaces it. Stored in `meeting_follow_ups`, which the organizers' numbers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from server.auth.permissions import require_participant
from server.db.client import Database, Document
from server.db.collections import MEETING_FOLLOW_UPS, ORGANIZATIONS, PEOPLE
from server.db.transactions import in_transaction
from server.errors import Conflict
from server.notifications.reminders import withdraw_reminder
from server.services.common import validation
from server.services.follow_ups.reminders import follow_up_reminder
from server.services.matchmaking.refresh import request_refresh
from server.services.meetings.participants import load_meeting
from server.services.meetings.states import status_of
from server.vocabulary import IntentKind, MeetingOutcome, MeetingStatus

MAX_NOTE_LENGTH = 1000
NOT_ACCEPTED = "Only a meeting that was accepted can be followed up."
NOT_OVER = "You can say how the meeting went once it is over."


@dataclass(frozen=True)
class FollowUp:
    meeting_id: str
    outcome: MeetingOutcome
    next_steps: list[IntentKind] = field(default_factory=list)
    kudos: bool = False
    note: str | None = None


def follow_up_id(meeting_id: str, person_id: str) -> str:
    return f"{meeting_id}:{person_id}"


async def _pairing(db: Database, meeting: Document) -> dict[str, bool]:
    """What the organizers count the meeting as: between competitors (their organizations
    share a market segment) and across sectors."""
    people = db[PEOPLE.name].find({"_id": {"$in": meeting["participants"]}}, {"organization_id": 1})
    org_ids = [p.get("organization_id") async for p in people]
    found = db[ORGANIZATIONS.name].find({"_id": {"$in": [o for o in org_ids if o]}})
    orgs = [org async for org in found]
    if len(org_ids) != 2 or len(orgs) != 2:  # someone left, or a colleague, or no organization
        return {"coopetition": False, "cross_sector": False}
    first, second = orgs
    return {
        "coopetition": bool(set(first.get("segments", [])) & set(second.get("segments", []))),
        "cross_sector": first.get("sector") != second.get("sector"),
    }


async def record_follow_up(
    db: Database, person: Document, given: FollowUp, now: datetime, refresh_delay: timedelta
) -> Document:
    meeting = await load_meeting(db, given.meeting_id)
    require_participant(person, meeting)
    status = status_of(meeting, now)
    if status is not MeetingStatus.ACCEPTED:
        raise Conflict(NOT_ACCEPTED, reason="WRONG_STATE", status=status.value)
    if meeting["ends_at"] > now:
        raise Conflict(NOT_OVER, reason="NOT_OVER")
    note = validation.optional_text(given.note, "note", MAX_NOTE_LENGTH)
    fields = {
        "meeting_id": meeting["_id"],
        "person_id": person["_id"],
        "outcome": given.outcome.value,
        "next_steps": [step.value for step in validation.distinct(given.next_steps)],
        "kudos": given.kudos,
        "note": note,
        "meeting_starts_at": meeting["starts_at"],
        "updated_at": now,
        **await _pairing(db, meeting),
    }

    async def work(session: AsyncClientSession) -> tuple[Document | None, Document]:
        before = await db[MEETING_FOLLOW_UPS.name].find_one_and_update(
            {"_id": follow_up_id(meeting["_id"], person["_id"])},
            {"$set": fields, "$setOnInsert": {"recorded_at": now}},
            upsert=True,
            return_document=ReturnDocument.BEFORE,
            session=session,
        )
        await withdraw_reminder(db, session, follow_up_reminder(meeting, person["_id"], ""))
        return before, {**(before or {"recorded_at": now}), **fields}

    before, after = await in_transaction(db, work)
    if (before or {}).get("outcome") != after["outcome"]:  # only a NO_SHOW changes the lists
        await request_refresh(db, meeting["participants"], now, refresh_delay)
    return {"_id": follow_up_id(meeting["_id"], person["_id"]), **after}


async def follow_ups_of(db: Database, person_id: str) -> list[Document]:
    """The person's follow-ups, most recent meeting first."""
    cursor = db[MEETING_FOLLOW_UPS.name].find({"person_id": person_id})
    return await cursor.sort("meeting_starts_at", -1).to_list()
