"""Timetable instances and results as records, with the rules every timetable must keep."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    id: str
    starts_at: str | None = None
    ends_at: str | None = None


@dataclass(frozen=True)
class Attendee:
    id: str
    organization: str | None
    max_meetings: int
    available: tuple[str, ...]


@dataclass(frozen=True)
class CandidatePair:
    a: str
    b: str
    weight: float


@dataclass(frozen=True)
class TimetableInstance:
    """Slots, locations (tables), people and the pairs that want to meet, with weights.

    Pairs are scheduled as given: a same-organization pair is the caller's choice to include.
    """

    slots: tuple[Slot, ...]
    locations: tuple[str, ...]
    people: tuple[Attendee, ...]
    pairs: tuple[CandidatePair, ...]


@dataclass(frozen=True)
class Meeting:
    a: str
    b: str
    slot: str
    location: str


@dataclass(frozen=True)
class TimetableResult:
    """Meetings, their total weight, and a proven upper bound on the best total weight."""

    meetings: tuple[Meeting, ...]
    total_weight: float
    upper_bound: float
    method: str
    optimal: bool

    @property
    def gap(self) -> float:
        """Share of the upper bound that this timetable may still be missing."""
        return 1.0 - self.total_weight / self.upper_bound if self.upper_bound > 0 else 0.0


def timetable_violations(instance: TimetableInstance, meetings: Sequence[Meeting]) -> list[str]:
    """Every broken rule, one line each (empty for a valid timetable)."""
    people = {p.id: p for p in instance.people}
    slots = {s.id for s in instance.slots}
    locations = set(instance.locations)
    pairs = {frozenset((p.a, p.b)) for p in instance.pairs}
    problems = []
    busy: Counter[tuple[str, str]] = Counter()
    tables: Counter[tuple[str, str]] = Counter()
    met: Counter[frozenset[str]] = Counter()
    total: Counter[str] = Counter()
    for m in meetings:
        pair = frozenset((m.a, m.b))
        if pair not in pairs:
            problems.append(f"{m.a}-{m.b} is not a candidate pair")
        if m.slot not in slots or m.location not in locations:
            problems.append(f"{m.a}-{m.b} uses unknown slot {m.slot} or location {m.location}")
        for person in (m.a, m.b):
            busy[person, m.slot] += 1
            total[person] += 1
            if person in people and m.slot not in people[person].available:
                problems.append(f"{person} is not available in {m.slot}")
        tables[m.location, m.slot] += 1
        met[pair] += 1
    problems += [f"{p} has {n} meetings in {s}" for (p, s), n in busy.items() if n > 1]
    problems += [f"{t} holds {n} meetings in {s}" for (t, s), n in tables.items() if n > 1]
    problems += [f"{'-'.join(sorted(p))} meets {n} times" for p, n in met.items() if n > 1]
    problems += [
        f"{p} has {n} meetings, more than {people[p].max_meetings}"
        for p, n in total.items()
        if p in people and n > people[p].max_meetings
    ]
    return problems
