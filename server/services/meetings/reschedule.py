"""Proposing a new time: the meeting moves to a free slot and waits for the other person again."""

from __future__ import annotations

from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession

from server.auth.permissions import require_participant
from server.db.client import Database, Document
from server.errors import BadUserInput, Conflict
from server.services.event.records import get_event
from server.services.meetings.availability import ensure_free
from server.services.meetings.booking import Claim, book
from server.services.meetings.grid import grid_of, slot_at
from server.services.meetings.locations import candidate_locations
from server.services.meetings.participants import load_meeting, people_of
from server.services.meetings.records import change
from server.services.meetings.rules import rules_of
from server.services.meetings.states import Action, next_status
from server.services.meetings.transitions import apply


def prefer(current: str | None, places: list[str]) -> tuple[str, ...]:
    """Keep the meeting where it was when that place is still a candidate."""
    if current in places:
        return (current, *(place for place in places if place != current))
    return tuple(places)


async def propose_new_time(
    db: Database, person: Document, meeting_id: str, starts_at: datetime, now: datetime
) -> Document:
    meeting = await load_meeting(db, meeting_id)
    require_participant(person, meeting)
    status = next_status(meeting, Action.PROPOSE_TIME, now)
    event = await get_event(db)
    slot = slot_at(grid_of(event), starts_at, now)
    if slot.starts_at == meeting["starts_at"]:
        raise BadUserInput("The meeting is at that time already.", field="startsAt")
    others = [p for p in await people_of(db, meeting) if p["_id"] != person["_id"]]
    if not others:
        raise Conflict("The other person has left the event.", reason="PERSON_LEFT")
    other = others[0]
    await ensure_free(db, person, other, slot, now)
    places = prefer(meeting["location_id"], await candidate_locations(db, [other, person]))
    expires_at = min(now + timedelta(hours=rules_of(event).request_ttl_hours), slot.starts_at)
    history = change(now, Action.PROPOSE_TIME.value, person["_id"],
                     starts_at=slot.starts_at, previous_starts_at=meeting["starts_at"])  # fmt: skip

    async def write(session: AsyncClientSession, place: str) -> Document:
        fields = {"starts_at": slot.starts_at, "ends_at": slot.ends_at, "location_id": place,
                  "awaiting_id": other["_id"], "expires_at": expires_at}  # fmt: skip
        return await apply(db, meeting, status, history, now, fields=fields, session=session)

    claim = Claim((person, other), slot, places, meeting_id=meeting["_id"])
    return await book(db, claim, now, write)
