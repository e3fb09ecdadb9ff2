"""The timetable instance of a run: future grid slots in the window, tables, who is free when."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from server.db.client import Database, Document
from server.db.collections import PEOPLE
from server.matchmaking import Attendee, CandidatePair, Slot, TimetableInstance
from server.services.meetings.availability import active_holds, blocking_spans_of
from server.services.meetings.grid import Grid, Span
from server.services.meetings.locations import shared_locations
from server.services.scheduling.pairs import Pair


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
    max_meetings: int,
) -> Attendee:  # fmt: skip
    free = [
        slot_id(slot) for slot in slots
        if slot.starts_at not in held and not any(span.overlaps(slot) for span in blocked)
    ]  # fmt: skip
    room = max(0, max_meetings - len(held))
    return Attendee(person["_id"], person.get("organization_id"), room, tuple(free))


async def build_problem(
    db: Database, grid: Grid, window: Window, pairs: dict[Pair, float], max_meetings: int,
    now: datetime,
) -> Problem:  # fmt: skip
    """People are free in a slot unless they blocked it, bookmarked a session in it (when that
    blocks meetings for them) or already meet then; their meetings in the window count against
    `max_meetings`."""
    slots = [slot for slot in grid.slots(after=now) if window.holds(slot)]
    ids = sorted({p for pair in pairs for p in pair})
    people = {doc["_id"]: doc async for doc in db[PEOPLE.name].find({"_id": {"$in": ids}})}
    starts = {slot.starts_at for slot in slots}
    held: dict[str, set[datetime]] = defaultdict(set)
    for meeting in await active_holds(db, {"participants": {"$in": ids}}, now):
        for person_id in meeting["participants"]:
            if meeting["starts_at"] in starts:
                held[person_id].add(meeting["starts_at"])
    blocked = await blocking_spans_of(db, list(people.values()), now)
    attendees = [_attendee(people[i], slots, blocked[i], held[i], max_meetings) for i in ids]
    places = await shared_locations(db)
    instance = TimetableInstance(
        slots=tuple(
            Slot(slot_id(s), s.starts_at.isoformat(), s.ends_at.isoformat()) for s in slots
        ),
        locations=tuple(places),
        people=tuple(attendees),
        pairs=tuple(CandidatePair(a, b, weight) for (a, b), weight in sorted(pairs.items())),
    )
    return Problem(instance, {slot_id(s): s for s in slots}, people, places)
