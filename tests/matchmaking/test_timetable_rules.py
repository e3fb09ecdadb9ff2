"""Every timetable obeys the rules, and on tiny instances it is optimal (brute force agrees)."""

from __future__ import annotations

from collections import Counter
from itertools import product

import pytest
from hypothesis import given, settings

from server.matchmaking import (
    Attendee,
    CandidatePair,
    Meeting,
    Slot,
    TimetableInstance,
    solve_timetable,
    timetable_violations,
)
from server.matchmaking.synthetic import synthetic_timetable
from tests.matchmaking.strategies import instances

FEW = settings(max_examples=60, deadline=None)


def brute_force_optimum(instance: TimetableInstance) -> float:
    """Try every slot (or none) for every pair; tables only limit how many meet per slot."""
    people = {p.id: p for p in instance.people}
    options = [
        [
            None,
            *[
                s.id
                for s in instance.slots
                if s.id in people[p.a].available and s.id in people[p.b].available
            ],
        ]
        for p in instance.pairs
    ]
    best = 0.0
    for choice in product(*options):
        per_slot = Counter(s for s in choice if s is not None)
        busy = Counter(
            (end, s) for p, s in zip(instance.pairs, choice, strict=True) if s for end in (p.a, p.b)
        )
        total = Counter(
            end for p, s in zip(instance.pairs, choice, strict=True) if s for end in (p.a, p.b)
        )
        if (
            all(n <= len(instance.locations) for n in per_slot.values())
            and all(n <= 1 for n in busy.values())
            and all(n <= people[p].max_meetings for p, n in total.items())
        ):
            best = max(
                best, sum(p.weight for p, s in zip(instance.pairs, choice, strict=True) if s)
            )
    return best


def _weight(instance: TimetableInstance, meetings: tuple[Meeting, ...]) -> float:
    weights = {frozenset((p.a, p.b)): p.weight for p in instance.pairs}
    return sum(weights[frozenset((m.a, m.b))] for m in meetings)


@FEW
@given(instances())
def test_timetable_obeys_every_rule_and_reports_its_weight_and_bound(instance):
    result = solve_timetable(instance, time_limit=10)
    assert timetable_violations(instance, result.meetings) == []
    assert result.total_weight == pytest.approx(_weight(instance, result.meetings))
    assert result.upper_bound >= result.total_weight - 1e-9


@FEW
@given(instances(max_people=6, max_pairs=6))
def test_tiny_instances_are_solved_to_the_brute_force_optimum(instance):
    result = solve_timetable(instance, time_limit=10)
    optimum = brute_force_optimum(instance)
    assert (result.total_weight, result.upper_bound) == (
        pytest.approx(optimum),
        pytest.approx(optimum),
    )


def test_generated_instance_timetable_is_valid_and_within_its_bound():
    instance = synthetic_timetable(600, seed=7)
    result = solve_timetable(instance, time_limit=20)
    assert timetable_violations(instance, result.meetings) == []
    assert result.total_weight <= result.upper_bound + 1e-9
    assert result.total_weight >= 0.95 * result.upper_bound


def test_warm_start_keeps_allowed_meetings_and_never_does_worse():
    instance = synthetic_timetable(300, seed=3)
    first = solve_timetable(instance, time_limit=10)
    again = solve_timetable(instance, time_limit=10, warm_start=first.meetings)
    assert timetable_violations(instance, again.meetings) == []
    assert again.total_weight >= first.total_weight - 1e-9


def test_same_organization_pairs_are_scheduled_as_given():
    instance = TimetableInstance(
        slots=(Slot("d1-0900"),),
        locations=("T1",),
        people=(Attendee("p0", "o1", 1, ("d1-0900",)), Attendee("p1", "o1", 1, ("d1-0900",))),
        pairs=(CandidatePair("p0", "p1", 0.5),),
    )
    result = solve_timetable(instance)
    assert result.meetings == (Meeting("p0", "p1", "d1-0900", "T1"),)


def test_odd_cycle_goes_past_the_matching_bound_to_the_exact_optimum():
    people = tuple(Attendee(p, None, 1, ("d1-0900",)) for p in ("a", "b", "c"))
    pairs = (
        CandidatePair("a", "b", 1.0),
        CandidatePair("b", "c", 1.0),
        CandidatePair("c", "a", 1.0),
    )
    instance = TimetableInstance((Slot("d1-0900"),), ("T1", "T2"), people, pairs)
    result = solve_timetable(instance)
    assert (result.total_weight, result.upper_bound, result.optimal) == (1.0, 1.0, True)
    assert result.method == "exact (CP-SAT)"
