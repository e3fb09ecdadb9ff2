"""Re-placing a meeting an organizer's change displaced, or cancelling it when nothing fits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.transactions import in_transaction
from server.errors import Conflict
from server.services.meetings.booking import Claim, book
from server.services.meetings.grid import Span
from server.services.meetings.locations import candidate_locations
from server.services.meetings.participants import people_of
from server.services.meetings.records import change
from server.services.meetings.reschedule import prefer
from server.services.meetings.states import CANCELLED, Action, next_status
from server.services.meetings.transitions import apply


@dataclass
class ChangeReport:
    """What an organizer's change did to meetings. Each one's history records it (action MOVE or
    CANCEL, by the organizer, with the reason), and both people got a notice of it."""

    moved: list[Document] = field(default_factory=list)
    cancelled: list[Document] = field(default_factory=list)


async def _move(
    db: Database, meeting: Document, people: list[Document], slot: Span, entry: dict[str, object],
    now: datetime, reminder_minutes: int,
) -> Document:  # fmt: skip
    status = next_status(meeting, Action.MOVE, now)
    places = prefer(meeting["location_id"], await candidate_locations(db, people[::-1]))

    async def write(session: AsyncClientSession, place: str) -> Document:
        fields = {"starts_at": slot.starts_at, "ends_at": slot.ends_at, "location_id": place}
        return await apply(db, meeting, status, entry, now, fields=fields, session=session,
                           reminder_minutes=reminder_minutes)  # fmt: skip

    claim = Claim((people[0], people[1]), slot, places, meeting_id=meeting["_id"])
    return await book(db, claim, now, write)


async def replace_or_cancel(
    db: Database, meeting: Document, slots: Sequence[Span], organizer: Document, reason: str,
    now: datetime, report: ChangeReport, reminder_minutes: int,
) -> None:  # fmt: skip
    """Try the slots in order (a free place in each); cancel the meeting if none works. Either
    way both people are told once, in the transaction that makes the change."""
    people = await people_of(db, meeting)
    entry = change(now, Action.MOVE.value, organizer["_id"], reason=reason)
    if len(people) == 2:
        for slot in slots:
            try:
                moved = await _move(db, meeting, people, slot, entry, now, reminder_minutes)
                report.moved.append(moved)
                return
            except Conflict:
                continue
    cancel_reason = f"{reason} No other time or place was free for both of you."
    entry = change(now, Action.CANCEL.value, organizer["_id"], reason=cancel_reason)
    fields = {"awaiting_id": None, "cancelled_by": organizer["_id"], "cancel_reason": cancel_reason}

    async def cancel(session: AsyncClientSession) -> Document:
        return await apply(db, meeting, CANCELLED, entry, now, fields=fields, session=session)

    report.cancelled.append(await in_transaction(db, cancel))
