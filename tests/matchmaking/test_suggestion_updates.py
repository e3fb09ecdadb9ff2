"""After an edit, one list equals a full recompute; whole runs agree with one-person lists."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.matchmaking import (
    build_index,
    suggest_all,
    suggest_for,
    update_profile,
    viewers_to_refresh,
)
from tests.matchmaking.strategies import CATALOG, events, profiles

FEW = settings(max_examples=60, deadline=None)


@FEW
@given(events(), st.data())
def test_incremental_update_equals_full_recompute_for_that_person(event, data):
    people, exclusions = event
    row = data.draw(st.integers(0, len(people) - 1))
    edited = replace(data.draw(profiles(row)), id=people[row].id)
    index = update_profile(build_index(people, CATALOG), edited)
    rebuilt = build_index([*people[:row], edited, *people[row + 1 :]], CATALOG)
    for person in people:
        assert suggest_for(index, person.id, exclusions, 5) == suggest_for(
            rebuilt, person.id, exclusions, 5
        )


@FEW
@given(events())
def test_uncapped_whole_event_lists_equal_one_person_lists(event):
    people, exclusions = event
    index = build_index(people, CATALOG)
    run = suggest_all(index, exclusions, k=4)
    for person in people:
        single = suggest_for(index, person.id, exclusions, 4)
        assert [s.person_id for s in run.lists[person.id]] == [s.person_id for s in single]
        assert [s.score for s in run.lists[person.id]] == pytest.approx([s.score for s in single])


@FEW
@given(events(max_people=6), st.data())
def test_update_adds_a_new_person_like_a_rebuild(event, data):
    people, exclusions = event
    newcomer = data.draw(profiles(len(people)))
    index = update_profile(build_index(people, CATALOG), newcomer)
    rebuilt = build_index([*people, newcomer], CATALOG)
    for person in [*people, newcomer]:
        assert suggest_for(index, person.id, exclusions) == suggest_for(
            rebuilt, person.id, exclusions
        )


@FEW
@given(events(), st.data())
def test_viewers_to_refresh_covers_every_list_that_changes(event, data):
    people, exclusions = event
    row = data.draw(st.integers(0, len(people) - 1))
    edited = replace(data.draw(profiles(row)), id=people[row].id)
    before = build_index(people, CATALOG)
    stored = suggest_all(before, exclusions, k=3).lists
    after = update_profile(before, edited)
    flagged = set(viewers_to_refresh(after, edited.id, stored, exclusions, k=3))
    for person in people:
        if person.id == edited.id or person.id in flagged:
            continue
        fresh = suggest_for(after, person.id, exclusions, 3)
        old_ids = [s.person_id for s in stored[person.id]]
        assert edited.id not in [s.person_id for s in fresh] or edited.id in old_ids
