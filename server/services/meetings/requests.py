"""Requesting a meeting: every check a request passes before it holds a slot and a place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession

from server.auth.permissions import require_may_request
from server.db.client import Database, Document
from server.db.collections import MEETINGS
from server.errors import BadUserInput, Conflict
from server.services.common import validation
from server.services.event.records import get_event
from server.services.matchmaking.suggestions import is_suggested
from server.services.meetings import quotas
from server.services.meetings.availability import ensure_free
from server.services.meetings.booking import Claim, book
from server.services.meetings.grid import grid_of, slot_at
from server.services.meetings.locations import candidate_locations
from server.services.meetings.notices import tell_request
from server.services.meetings.participants import visible_person
from server.services.meetings.preferences import preferences_of
from server.services.meetings.records import MAX_MESSAGE_LENGTH, new_meeting
from server.services.meetings.rules import rules_of
from server.vocabulary import MeetingSource, MeetingStatus


@dataclass(frozen=True)
class MeetingRequest:
    invitee_id: str
    starts_at: datetime
    message: str | None = None


async def _ensure_no_open_request(
    db: Database, session: AsyncClientSession, requester: Document, invitee: Document,
    now: datetime,
) -> None:  # fmt: skip
    """One open request between two people at a time: no floods of duplicates. Run after
    serialising both people, so that of two concurrent requests the second sees the first."""
    open_one = await db[MEETINGS.name].find_one(
        {"participants": {"$all": [requester["_id"], invitee["_id"]]},
         "status": MeetingStatus.PENDING.value, "expires_at": {"$gt": now}},
        session=session,
    )  # fmt: skip
    if open_one is not None:
        raise Conflict(
            f"There is already a request between you and {invitee['name']} waiting for an answer.",
            reason="ALREADY_REQUESTED", meetingId=open_one["_id"],
        )  # fmt: skip


async def request_meeting(
    db: Database, requester: Document, request: MeetingRequest, now: datetime
) -> Document:
    event = await get_event(db)
    grid, rules = grid_of(event), rules_of(event)
    slot = slot_at(grid, request.starts_at, now)
    message = validation.optional_text(request.message, "message", MAX_MESSAGE_LENGTH)
    if request.invitee_id == requester["_id"]:
        raise BadUserInput("You cannot request a meeting with yourself.", field="inviteeId")
    invitee = await visible_person(db, requester, request.invitee_id)
    require_may_request(
        requester, invitee, preferences_of(invitee).accepts_vendor_requests,
        rules.exhibitor_requests_need_opt_in,
    )  # fmt: skip
    day = grid.day_of(slot.starts_at)
    places = await candidate_locations(db, [invitee, requester])
    expires_at = min(now + timedelta(hours=rules.request_ttl_hours), slot.starts_at)
    meeting = new_meeting(
        requester, invitee, slot, status=MeetingStatus.PENDING, source=MeetingSource.REQUEST,
        message=message, expires_at=expires_at, now=now, by=requester["_id"],
    )  # fmt: skip
    meeting["from_suggestion"] = await is_suggested(db, requester["_id"], invitee["_id"])

    async def check(session: AsyncClientSession) -> None:
        """What no other time would change comes first (an open request between the two, the
        quotas), then this slot."""
        await quotas.serialise(db, session, [requester])
        await _ensure_no_open_request(db, session, requester, invitee, now)
        await quotas.ensure_pending_room(db, session, requester, rules, now)
        await quotas.ensure_daily_room(
            db, session, [requester, invitee], day, rules, requester["_id"]
        )
        await ensure_free(db, requester, invitee, slot, now)

    async def write(session: AsyncClientSession, place: str) -> Document:
        # Both people are now serialised: of two concurrent requests between them (either way
        # round, any slots) one conflicts, and its retry sees the other's open request. The
        # invitee is written only once the slot is claimed, so a crowd asking one person for
        # one slot fails on the taken slot instead of queueing on that person.
        await quotas.serialise(db, session, [invitee])
        doc = {**meeting, "location_id": place}
        await db[MEETINGS.name].insert_one(doc, session=session)
        await tell_request(db, session, doc, now)
        return doc

    claim = Claim((requester, invitee), slot, tuple(places))
    return await book(db, claim, now, write, check)
