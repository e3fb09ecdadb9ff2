"""Every suggestion list obeys MATCHMAKING.md's rules, whatever the event looks like."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from server.matchmaking import (
    Profile,
    ReasonKind,
    build_index,
    suggest_all,
    suggest_for,
    suggestion_violations,
)
from server.matchmaking.suggestions.rules import competitors
from tests.matchmaking.strategies import CATALOG, events

FEW = settings(max_examples=60, deadline=None)


@FEW
@given(events(), st.integers(1, 5), st.one_of(st.none(), st.integers(1, 4)))
def test_whole_event_lists_obey_every_rule(event, k, cap):
    profiles, exclusions = event
    run = suggest_all(build_index(profiles, CATALOG), exclusions, k, cap)
    assert suggestion_violations(profiles, run.lists, exclusions, cap) == []
    assert all(len(entries) <= k for entries in run.lists.values())
    assert set(run.lists) == {p.id for p in profiles}


@FEW
@given(events(), st.integers(1, 5))
def test_one_person_list_obeys_every_rule(event, k):
    profiles, exclusions = event
    index = build_index(profiles, CATALOG)
    lists = {p.id: suggest_for(index, p.id, exclusions, k) for p in profiles}
    assert suggestion_violations(profiles, lists, exclusions) == []


@FEW
@given(events())
def test_person_not_open_to_competitors_gets_no_competitor(event):
    profiles, _ = event
    by_id = {p.id: p for p in profiles}
    run = suggest_all(build_index(profiles, CATALOG), k=20)
    for viewer, entries in run.lists.items():
        if not by_id[viewer].open_to_competitors:
            assert [s for s in entries if competitors(by_id[viewer], by_id[s.person_id])] == []


def _person(pid: str, org: str, **changes: object) -> Profile:
    fields: dict[str, object] = {
        "id": pid,
        "organization_id": org,
        "sector": "VENDOR",
        "segments": ("ultrasound service",),
        "interest_ids": (),
        "seeking": (),
        "offering": (),
        "community_ids": (),
        "open_to_competitors": True,
        "listed": True,
    }
    fields.update(changes)
    return Profile(**fields)  # type: ignore[arg-type]


def test_coopetition_alone_creates_no_match():
    rivals = [_person("a", "o1"), _person("b", "o2")]
    assert suggest_all(build_index(rivals, CATALOG)).lists == {"a": (), "b": ()}


def test_coopetition_boosts_rivals_who_share_an_interest():
    rivals = [_person("a", "o1", interest_ids=("ai",)), _person("b", "o2", interest_ids=("ai",))]
    (suggestion,) = suggest_for(build_index(rivals, CATALOG), "a")
    assert [r.kind for r in suggestion.reasons] == [
        ReasonKind.SHARED_INTEREST,
        ReasonKind.COOPETITION,
    ]


def test_rival_who_opted_out_is_neither_shown_nor_shown_to():
    rivals = [
        _person("a", "o1", interest_ids=("ai",)),
        _person("b", "o2", interest_ids=("ai",), open_to_competitors=False),
    ]
    assert suggest_all(build_index(rivals, CATALOG)).lists == {"a": (), "b": ()}


def test_unlisted_person_sees_others_but_nobody_sees_them():
    people = [
        _person("a", "o1", segments=(), interest_ids=("ai",)),
        _person("b", "o2", segments=(), interest_ids=("ai",), listed=False),
    ]
    lists = suggest_all(build_index(people, CATALOG)).lists
    assert [s.person_id for s in lists["b"]] == ["a"]
    assert lists["a"] == ()


def test_exclusions_apply_in_the_direction_given():
    people = [
        _person("a", "o1", segments=(), interest_ids=("ai",)),
        _person("b", "o2", segments=(), interest_ids=("ai",)),
    ]
    lists = suggest_all(build_index(people, CATALOG), {"a": {"b"}}).lists
    assert (lists["a"], [s.person_id for s in lists["b"]]) == ((), ["a"])
