"""Booking a whole timetable in one transaction: all of its meetings, or none."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import BulkWriteError

from server.db.client import Database, Document
from server.db.collections import EVENTS, MEETINGS
from server.db.transactions import in_transaction
from server.errors import Conflict
from server.matchmaking import Meeting as Planned
from server.services.leads.records import leads_from_meeting
from server.services.meetings import quotas
from server.services.meetings.booking import existing_places, release_expired
from server.services.meetings.connections import connect
from server.services.meetings.grid import Grid, Span, grid_of
from server.services.meetings.notices import tell_booked
from server.services.meetings.records import new_meeting
from server.services.meetings.rules import MeetingRules, rules_of
from server.services.scheduling.instance import Problem, accepted_per_day
from server.vocabulary import MeetingSource, MeetingStatus

CHANGED = "Meetings were booked while the timetable was computed. Run it again."
GRID_CHANGED = (
    "The organizers changed the meeting times while the timetable was computed. Run it again."
)
LIMIT_REACHED = (
    "Meetings accepted while the timetable was computed leave someone no room for it that day."
    " Run it again."
)
DUPLICATE_KEY = 11000


@dataclass(frozen=True)
class Booked:
    meetings: list[Document]
    skipped: int  # planned meetings with no free place left in their slot


async def _free_places(
    db: Database, session: AsyncClientSession, places: list[str], starts_at: datetime
) -> list[str]:
    query: dict[str, Any] = {"starts_at": starts_at, "holds_slot": True}
    cursor = db[MEETINGS.name].find(query, {"location_id": 1}, session=session)
    taken = {doc["location_id"] async for doc in cursor}
    return [place for place in places if place not in taken]


def _ensure_grid_unchanged(grid: Grid, slots: list[Span]) -> None:
    if not set(grid.slots()).issuperset(slots):
        raise Conflict(GRID_CHANGED, reason="SCHEDULE_CHANGED")


async def _ensure_daily_room(
    db: Database, session: AsyncClientSession, docs: list[Document], problem: Problem,
    grid: Grid, rules: MeetingRules,
) -> None:  # fmt: skip
    """Nobody goes over a daily meeting limit through this run, meetings accepted while the
    timetable was computed included: everyone booked is serialised (a concurrent accept then
    conflicts with this transaction, and whichever retries counts the other's meeting) and
    their accepted meetings are counted again."""
    if not docs:
        return
    ids = sorted({person_id for doc in docs for person_id in doc["participants"]})
    await quotas.serialise(db, session, [problem.people[person_id] for person_id in ids])
    slots = [Span(doc["starts_at"], doc["ends_at"]) for doc in docs]
    added: Counter[tuple[str, Span]] = Counter(
        (person_id, grid.day_of(doc["starts_at"]))
        for doc in docs
        for person_id in doc["participants"]
    )
    accepted = await accepted_per_day(db, ids, grid, slots, session)
    for (person_id, day), more in added.items():
        if accepted[person_id, day] + more > rules.daily_limit(problem.people[person_id]):
            raise Conflict(LIMIT_REACHED, reason="SCHEDULE_CHANGED")


async def book_timetable(
    db: Database, problem: Problem, planned: tuple[Planned, ...], source: MeetingSource,
    organizer_id: str | None, now: datetime, reminder_minutes: int,
) -> Booked:  # fmt: skip
    """Accepted meetings at the free places of each slot. If anyone booked one of these people
    in their slot meanwhile (the unique holds refuse it), accepted meetings that leave them no
    room that day, or the organizers changed the meeting
    times, nothing is booked (SCHEDULE_CHANGED); a place taken or removed meanwhile is worked
    around, or the meeting is skipped. Mutual-interest meetings
    make connections and leads as an accepted request does; a speed-networking round does not
    (nobody asked for it). Everyone booked is told once, with their reminders set."""
    by_slot: dict[str, list[Planned]] = defaultdict(list)
    for meeting in planned:
        by_slot[meeting.slot].append(meeting)
    agreed = source is MeetingSource.MUTUAL_INTEREST

    async def work(session: AsyncClientSession) -> Booked:
        event = await db[EVENTS.name].find_one({}, session=session)  # as it stands now
        if event is None:
            raise Conflict(GRID_CHANGED, reason="SCHEDULE_CHANGED")
        grid, rules = grid_of(event), rules_of(event)
        _ensure_grid_unchanged(grid, [problem.slots[key] for key in by_slot])
        existing = await existing_places(db, session, problem.places)
        open_places = [place for place in problem.places if place in existing]
        docs, skipped = [], 0
        for slot_key, meetings in by_slot.items():
            slot = problem.slots[slot_key]
            await release_expired(db, session, now, slot.starts_at)
            places = await _free_places(db, session, open_places, slot.starts_at)
            skipped += max(0, len(meetings) - len(places))
            for meeting, place in zip(meetings, places, strict=False):
                a, b = problem.people[meeting.a], problem.people[meeting.b]
                doc = new_meeting(
                    a, b, slot, status=MeetingStatus.ACCEPTED, source=source, message=None,
                    expires_at=None, now=now, by=organizer_id,
                )  # fmt: skip
                docs.append({**doc, "location_id": place})
        await _ensure_daily_room(db, session, docs, problem, grid, rules)
        if docs:
            await db[MEETINGS.name].insert_many(docs, session=session)
        for doc in docs if agreed else []:
            a_id, b_id = doc["participants"]
            await connect(db, session, a_id, b_id, doc["_id"], now)
            people = [problem.people[a_id], problem.people[b_id]]
            await leads_from_meeting(db, session, people, doc["_id"], now)
        await tell_booked(db, session, docs, now, reminder_minutes)
        return Booked(docs, skipped)

    try:
        return await in_transaction(db, work)
    except BulkWriteError as error:  # insert_many reports a duplicate key this way
        if any(e.get("code") == DUPLICATE_KEY for e in error.details.get("writeErrors", [])):
            raise Conflict(CHANGED, reason="SCHEDULE_CHANGED") from None
        raise
