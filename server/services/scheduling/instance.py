"""The timetable instance of a run: future grid slots in the window, tables, who is free when."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import MEETINGS, PEOPLE
from server.matchmaking import Attendee, CandidatePair, Slot, TimetableInstance
from server.services.meetings.availability import active_holds, blocking_spans_of, place_load
from server.services.meetings.grid import Grid, Span
from server.services.meetings.locations import shared_locations
from server.services.meetings.rules import MeetingRules
from server.services.scheduling.pairs import Pair
from server.vocabulary import MeetingStatus


@dataclass(frozen=True)
class Window:
    """The part of the meeting grid a run may use (open ends: all of it)."""

    starts_at: datetime | None = None
    ends_at: datetime | None = None

    def holds(self, slot: Span) -> bool:
        return (self.starts_at is None or slot.starts_at >= self.starts_at) and (
            self.ends_at is None or slot.ends_at <= self.ends_at
        )


@dataclass(frozen=True)
class Problem:
    instance: TimetableInstance
    slots: dict[str, Span]  # by the instance's slot id
    people: dict[str, Document]
    places: list[str]


def slot_id(slot: Span) -> str:
    return slot.starts_at.isoformat()


def _attendee(
    person: Document, slots: list[Span], blocked: list[Span], held: set[datetime],
    max_meetings: int, day_room: dict[datetime, int],
) -> Attendee:  # fmt: skip
    """Free slots on days where the daily limit leaves room (`day_room`: by slot start, what
    the limit leaves on its day). Their room for meetings is at most what any of those days
    leaves, so however the engine spreads the meetings, no day goes over."""
    free = [
        slot for slot in slots
        if slot.starts_at not in held and not any(span.overlaps(slot) for span in blocked)
        and day_room[slot.starts_at] > 0
    ]  # fmt: skip
    room = min([max(0, max_meetings - len(held)), *(day_room[slot.starts_at] for slot in free)])
    return Attendee(
        person["_id"], person.get("organization_id"), room, tuple(slot_id(s) for s in free)
    )


async def accepted_per_day(
    db: Database, ids: list[str], grid: Grid, slots: list[Span],
    session: AsyncClientSession | None = None,
) -> Counter[tuple[str, Span]]:  # fmt: skip
    """Each person's accepted meetings on each event day the run may use (as the daily limit
    counts them: the whole day, also before the window)."""
    days = {grid.day_of(slot.starts_at) for slot in slots}
    if not days:
        return Counter()
    query = {"participants": {"$in": ids}, "status": MeetingStatus.ACCEPTED.value,
             "starts_at": {"$gte": min(d.starts_at for d in days),
                           "$lt": max(d.ends_at for d in days)}}  # fmt: skip
    counts: Counter[tuple[str, Span]] = Counter()
    fields = {"participants": 1, "starts_at": 1}
    async for meeting in db[MEETINGS.name].find(query, fields, session=session):
        for person_id in meeting["participants"]:
            counts[person_id, grid.day_of(meeting["starts_at"])] += 1
    return counts


async def build_problem(
    db: Database, grid: Grid, rules: MeetingRules, window: Window, pairs: dict[Pair, float],
    max_meetings: int, now: datetime,
) -> Problem:  # fmt: skip
    """People are free in a slot unless they blocked it, bookmarked a session in it (when that
    blocks meetings for them), already meet then, or their daily meeting limit is reached that
    day; their meetings in the window count against `max_meetings`. A slot whose tables and
    rooms are all taken is left out: the engine takes one table count for every slot, so it
    cannot be told that a slot has fewer free."""
    places = await shared_locations(db)
    load = await place_load(db, places, now)
    slots = [
        slot for slot in grid.slots(after=now)
        if window.holds(slot) and load[slot.starts_at] < len(places)
    ]  # fmt: skip
    ids = sorted({p for pair in pairs for p in pair})
    people = {doc["_id"]: doc async for doc in db[PEOPLE.name].find({"_id": {"$in": ids}})}
    starts = {slot.starts_at for slot in slots}
    held: dict[str, set[datetime]] = defaultdict(set)
    for meeting in await active_holds(db, {"participants": {"$in": ids}}, now):
        for person_id in meeting["participants"]:
            if meeting["starts_at"] in starts:
                held[person_id].add(meeting["starts_at"])
    blocked = await blocking_spans_of(db, list(people.values()), now)
    accepted = await accepted_per_day(db, ids, grid, slots)
    day_of = {slot.starts_at: grid.day_of(slot.starts_at) for slot in slots}
    attendees = []
    for person_id in ids:
        limit = rules.daily_limit(people[person_id])
        day_room = {at: max(0, limit - accepted[person_id, day]) for at, day in day_of.items()}
        attendees.append(_attendee(
            people[person_id], slots, blocked[person_id], held[person_id], max_meetings, day_room
        ))  # fmt: skip
    instance = TimetableInstance(
        slots=tuple(
            Slot(slot_id(s), s.starts_at.isoformat(), s.ends_at.isoformat()) for s in slots
        ),
        locations=tuple(places),
        people=tuple(attendees),
        pairs=tuple(CandidatePair(a, b, weight) for (a, b), weight in sorted(pairs.items())),
    )
    return Problem(instance, {slot_id(s): s for s in slots}, people, places)
