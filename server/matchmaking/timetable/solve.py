"""The timetable optimizer: matching bound, guided greedy plus local search, CP-SAT when small."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np

from server.matchmaking.timetable.exact import solve_exact
from server.matchmaking.timetable.flowbound import flow_bound
from server.matchmaking.timetable.formulations import slot_indexed
from server.matchmaking.timetable.heuristic import greedy, improve
from server.matchmaking.timetable.instance import Meeting, TimetableInstance, TimetableResult
from server.matchmaking.timetable.model import Model, build_model
from server.matchmaking.timetable.schedule import Schedule

DEFAULT_TIME_LIMIT = 60.0
EXACT_COLUMNS = 4_000  # slot-indexed models up to this size go to CP-SAT (seconds at most)

Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


def _warm(schedule: Schedule, model: Model, meetings: Sequence[Meeting]) -> int:
    """Place the previous timetable's meetings that are still allowed; returns how many."""
    slot_number = {s.id: n for n, s in enumerate(model.instance.slots)}
    names = [p.id for p in model.instance.people]
    pair_of = {
        frozenset((names[a], names[b])): e
        for e, (a, b) in enumerate(zip(model.a.tolist(), model.b.tolist(), strict=True))
    }
    placed = 0
    for m in meetings:
        e = pair_of.get(frozenset((m.a, m.b)), -1)
        s = slot_number.get(m.slot, -1)
        fits = e >= 0 and s >= 0 and schedule.slot_of[e] < 0 and schedule.has_room(e)
        if fits and schedule.free_slots(e) >> s & 1:
            schedule.place(e, s)
            placed += 1
    schedule.forget()
    return placed


def _exact(schedule: Schedule, model: Model, seconds: float) -> tuple[bool, float]:
    """Solve the slot-indexed model from the current schedule; adopt the answer if better."""
    program = slot_indexed(model)
    hint = np.array(
        [schedule.slot_of[e] == s for e, s in zip(program.edge, program.slot, strict=True)],
        dtype=np.float64,
    )
    solved = solve_exact(program, seconds, hint)
    if solved.objective > schedule.total + 1e-9:
        for e in range(model.pairs):
            if schedule.slot_of[e] >= 0:
                schedule.remove(e)
        for v in np.flatnonzero(solved.x > 0.5):
            schedule.place(int(program.edge[v]), int(program.slot[v]))
        schedule.forget()
    return solved.optimal, solved.bound


def _meetings(schedule: Schedule, model: Model) -> tuple[Meeting, ...]:
    """Tables are interchangeable: number each slot's meetings onto the locations in order."""
    slots, locations = model.instance.slots, model.instance.locations
    meetings = []
    for s in range(model.slots):
        for table, e in enumerate(sorted(schedule.members[s])):
            pair = model.instance.pairs[int(model.pair_number[e])]
            meetings.append(Meeting(pair.a, pair.b, slots[s].id, locations[table]))
    return tuple(meetings)


def solve_timetable(
    instance: TimetableInstance,
    time_limit: float | None = None,
    warm_start: Sequence[Meeting] | None = None,
    progress: Progress | None = None,
) -> TimetableResult:
    """Best timetable found within the time limit, with a proven upper bound on the optimum.

    1. Bound: the fractional b-matching of the pairs with all tables counted (a min-cost flow).
    2. Greedy over the pairs that matching uses, fewest common slots first, then local search
       (insertion that moves blocking meetings, swaps that take out lighter ones).
    3. Small instances (up to EXACT_COLUMNS pair-slot choices) are finished by CP-SAT.
    `warm_start` meetings that are still allowed are kept in place before step 2.
    """
    say = progress or _quiet
    started = time.monotonic()
    deadline = started + (DEFAULT_TIME_LIMIT if time_limit is None else time_limit)

    def log(message: str) -> None:
        say(f"{message} ({time.monotonic() - started:.2f} s)")

    model = build_model(instance)
    log(f"{model.people} people, {model.pairs} usable pairs, {model.tables} tables")
    schedule = Schedule(model)
    if warm_start:
        log(f"warm start kept {_warm(schedule, model, warm_start)} of {len(warm_start)} meetings")
    y, bound = flow_bound(model)
    log(f"matching bound {bound:.4f}")
    common_size = [c.bit_count() for c in model.common]
    order = sorted(range(model.pairs), key=lambda e: (-y[e], common_size[e], -model.weight[e]))
    greedy(schedule, order)
    schedule.forget()
    log(f"greedy {schedule.total:.4f}")
    moves = improve(schedule, [e for e in order if y[e] > 0], deadline)
    log(f"local search {schedule.total:.4f} after {moves} moves")
    optimal, method = False, "greedy + local search"
    small = model.pairs * model.slots <= EXACT_COLUMNS
    if small and bound - schedule.total > 1e-9 and deadline > time.monotonic():
        optimal, exact_bound = _exact(schedule, model, deadline - time.monotonic())
        bound = min(bound, exact_bound)
        method = "exact (CP-SAT)" if optimal else "CP-SAT, stopped at the time limit"
        log(f"CP-SAT {schedule.total:.4f}, bound {exact_bound:.4f}")
    if bound - schedule.total <= 1e-9:
        optimal, bound = True, schedule.total
    meetings = _meetings(schedule, model)
    return TimetableResult(meetings, schedule.total, max(bound, schedule.total), method, optimal)
