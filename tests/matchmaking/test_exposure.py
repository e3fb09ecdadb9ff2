"""Exposure spreading: nobody appears in more than `cap` lists, lists stay full where possible."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from server.matchmaking import Profile, build_index, suggest_all, suggest_for
from tests.matchmaking.strategies import CATALOG, events


@settings(max_examples=60, deadline=None)
@given(events(), st.integers(1, 4), st.integers(1, 3))
def test_cap_holds_and_a_short_list_only_misses_people_already_at_the_cap(event, k, cap):
    people, exclusions = event
    index = build_index(people, CATALOG)
    run = suggest_all(index, exclusions, k, cap)
    shown = Counter(s.person_id for entries in run.lists.values() for s in entries)
    assert max(shown.values(), default=0) <= cap
    for person in people:
        mine = {s.person_id for s in run.lists[person.id]}
        if len(mine) < k:
            everyone_eligible = {
                s.person_id for s in suggest_for(index, person.id, exclusions, len(people))
            }
            assert all(shown[other] == cap for other in everyone_eligible - mine)
    assert run.exposure.max_appearances == max(shown.values(), default=0)
    assert run.exposure.entries == sum(shown.values())


def _fan(viewer: int) -> Profile:
    return Profile(
        id=f"fan{viewer}",
        organization_id=f"o{viewer}",
        sector="PROVIDER",
        segments=(),
        interest_ids=("ai",),
        seeking=(),
        offering=(),
        community_ids=(),
        open_to_competitors=False,
    )


def test_popular_person_is_kept_by_their_best_matches_and_the_move_is_reported():
    star = replace(_fan(99), id="star", sector="VENDOR", community_ids=("c1",))  # cross-sector
    fans = [_fan(n) for n in range(4)]
    fans[0] = replace(fans[0], community_ids=("c1",))  # the star's best match
    index = build_index([star, *fans], CATALOG)
    uncapped = suggest_all(index, k=1)
    capped = suggest_all(index, k=1, exposure_cap=2)
    assert [uncapped.lists[f.id][0].person_id for f in fans] == ["star"] * 4
    assert sum(entries[0].person_id == "star" for entries in capped.lists.values() if entries) == 2
    assert capped.lists["fan0"][0].person_id == "star"
    assert (capped.exposure.entries_replaced, capped.exposure.short_lists) == (2, 0)
    assert capped.exposure.share_replaced == 2 / 5
    assert 0 < capped.exposure.score_retained < 1


def test_cap_larger_than_the_event_changes_nothing():
    people, _ = [_fan(n) for n in range(5)], None
    index = build_index(people, CATALOG)
    assert suggest_all(index, k=2, exposure_cap=50).lists == suggest_all(index, k=2).lists
