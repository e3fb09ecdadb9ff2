"""Answering, cancelling and re-timing a meeting, each through the one state machine."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.auth.permissions import require_awaited, require_participant
from server.db.client import Database, Document
from server.db.transactions import in_transaction
from server.services.common import validation
from server.services.event.records import get_event
from server.services.leads.records import leads_from_meeting
from server.services.meetings import quotas
from server.services.meetings.connections import connect
from server.services.meetings.grid import grid_of
from server.services.meetings.participants import load_meeting, people_of
from server.services.meetings.records import change
from server.services.meetings.rules import rules_of
from server.services.meetings.states import Action, next_status
from server.services.meetings.transitions import apply

MAX_REASON_LENGTH = 300


async def respond(
    db: Database, person: Document, meeting_id: str, accept: bool, now: datetime, *,
    reminder_minutes: int,
) -> Document:  # fmt: skip
    """Accepting schedules both people's reminders `reminder_minutes` before the meeting."""
    meeting = await load_meeting(db, meeting_id)
    require_participant(person, meeting)
    action = Action.ACCEPT if accept else Action.DECLINE
    status = next_status(meeting, action, now)  # an answered request is CONFLICT for both
    require_awaited(person, meeting)
    history = change(now, action.value, person["_id"])
    if not accept:

        async def decline(session: AsyncClientSession) -> Document:
            fields = {"awaiting_id": None}
            return await apply(db, meeting, status, history, now, fields=fields, session=session)

        return await in_transaction(db, decline)
    event = await get_event(db)
    people = await people_of(db, meeting)
    day = grid_of(event).day_of(meeting["starts_at"])

    async def accept_it(session: AsyncClientSession) -> Document:
        await quotas.serialise(db, session, people)
        await quotas.ensure_daily_room(db, session, people, day, rules_of(event), person["_id"])
        accepted = await apply(
            db, meeting, status, history, now, fields={"awaiting_id": None}, session=session,
            reminder_minutes=reminder_minutes,
        )  # fmt: skip
        a, b = meeting["participants"]
        await connect(db, session, a, b, meeting["_id"], now)
        await leads_from_meeting(db, session, people, meeting["_id"], now)
        return accepted

    return await in_transaction(db, accept_it)


async def cancel(
    db: Database, person: Document, meeting_id: str, reason: str | None, now: datetime
) -> Document:
    """Either person cancels; the requester cancelling a pending request withdraws it."""
    meeting = await load_meeting(db, meeting_id)
    require_participant(person, meeting)
    status = next_status(meeting, Action.CANCEL, now)
    reason = validation.optional_text(reason, "reason", MAX_REASON_LENGTH)
    history = change(now, Action.CANCEL.value, person["_id"], reason=reason)
    fields = {"awaiting_id": None, "cancelled_by": person["_id"], "cancel_reason": reason}

    async def cancel_it(session: AsyncClientSession) -> Document:
        return await apply(db, meeting, status, history, now, fields=fields, session=session)

    return await in_transaction(db, cancel_it)
