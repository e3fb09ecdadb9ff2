"""Fast timetabling: greedy placement in a given order, insertion with ejection, swap moves."""

from __future__ import annotations

import time
from collections.abc import Iterable
from itertools import islice

from server.matchmaking.timetable.model import slot_bits
from server.matchmaking.timetable.schedule import Schedule

EJECT_SAMPLE = 12  # members of a full slot tried when a table must be freed
GAIN = 1e-9


def greedy(schedule: Schedule, order: Iterable[int]) -> None:
    """Place each pair, in order, in its roomiest free slot if it has one."""
    for e in order:
        if schedule.slot_of[e] < 0 and schedule.has_room(e):
            free = schedule.free_slots(e)
            if free:
                schedule.place(e, schedule.roomiest(free))


def _free_a_table(schedule: Schedule, s: int, depth: int, forbidden: int) -> bool:
    for g in list(islice(schedule.members[s], EJECT_SAMPLE)):
        checkpoint = schedule.checkpoint()
        schedule.remove(g)
        if insert(schedule, g, depth, forbidden | 1 << s):
            return True
        schedule.rollback(checkpoint)
    return False


def insert(schedule: Schedule, e: int, depth: int, forbidden: int = 0) -> bool:
    """Place pair e, moving the pairs in its way to other slots (recursively, `depth` deep)."""
    if not schedule.has_room(e):
        return False
    free = schedule.free_slots(e) & ~forbidden
    if free:
        schedule.place(e, schedule.roomiest(free))
        return True
    if depth == 0:
        return False
    a, b = schedule.a[e], schedule.b[e]
    for s in slot_bits(schedule.common[e] & ~forbidden):
        checkpoint = schedule.checkpoint()
        moved = [f for f in {schedule.meeting[a][s], schedule.meeting[b][s]} if f >= 0]
        for f in moved:
            schedule.remove(f)
        if schedule.full >> s & 1 and not _free_a_table(schedule, s, depth - 1, forbidden):
            schedule.rollback(checkpoint)
            continue
        schedule.place(e, s)
        if all(insert(schedule, f, depth - 1, forbidden | 1 << s) for f in moved):
            return True
        schedule.rollback(checkpoint)
    return False


def _lightest(schedule: Schedule, person: int, besides: set[int]) -> int:
    pairs = [f for f in schedule.meeting[person] if f >= 0 and f not in besides]
    return min(pairs, key=schedule.weight.__getitem__) if pairs else -1


def _evictions(schedule: Schedule, e: int, s: int) -> set[int] | None:
    """Pairs to take out so that e fits in slot s, or None when it cannot."""
    a, b = schedule.a[e], schedule.b[e]
    out = {f for f in (schedule.meeting[a][s], schedule.meeting[b][s]) if f >= 0}
    for person in (a, b):
        mine = sum(1 for f in out if person in (schedule.a[f], schedule.b[f]))
        if schedule.count[person] - mine >= schedule.capacity[person]:
            f = _lightest(schedule, person, out)
            if f < 0:
                return None
            out.add(f)
    if schedule.full >> s & 1 and not any(schedule.slot_of[f] == s for f in out):
        sample = list(islice(schedule.members[s], EJECT_SAMPLE))
        if not sample:
            return None
        out.add(min(sample, key=schedule.weight.__getitem__))
    return out


def swap_in(schedule: Schedule, e: int, depth: int) -> bool:
    """Put pair e in, taking out lighter pairs and re-placing them; keep it if the total grows."""
    w = schedule.weight
    options = []
    for s in slot_bits(schedule.common[e]):
        out = _evictions(schedule, e, s)
        if out is not None:
            options.append((sum(w[f] for f in out), s, out))
    options.sort(key=lambda option: option[0])
    for loss, s, out in options[:3]:
        if loss >= w[e] * 2:
            break
        before = schedule.total
        checkpoint = schedule.checkpoint()
        for f in out:
            schedule.remove(f)
        schedule.place(e, s)
        for f in sorted(out, key=w.__getitem__, reverse=True):
            insert(schedule, f, depth)
        if schedule.total > before + GAIN:
            return True
        schedule.rollback(checkpoint)
    return False


def improve(schedule: Schedule, candidates: list[int], deadline: float, depth: int = 2) -> int:
    """Repeat insertion and swap moves over unplaced pairs until no gain or the deadline."""
    moves = 0
    for _round in range(20):
        gained = False
        for e in candidates:
            if time.monotonic() > deadline:
                return moves
            if schedule.slot_of[e] >= 0:
                continue
            if insert(schedule, e, depth) or swap_in(schedule, e, depth - 1):
                gained = True
                moves += 1
            schedule.forget()
        if not gained:
            break
    return moves
