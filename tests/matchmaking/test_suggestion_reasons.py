"""Reasons name what two people share, from the viewer's side, and are true of both."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings

from server.matchmaking import (
    Profile,
    Reason,
    ReasonKind,
    Weights,
    build_index,
    suggest_all,
    suggest_for,
)
from server.matchmaking.suggestions.reasons import SHOWN_NAMES
from server.matchmaking.suggestions.rules import reason_holds
from tests.matchmaking.strategies import CATALOG, COMMUNITIES, LABELS, events


@settings(max_examples=60, deadline=None)
@given(events())
def test_every_reason_is_true_of_both_people_and_names_only_shared_things(event):
    profiles, exclusions = event
    by_id = {p.id: p for p in profiles}
    run = suggest_all(build_index(profiles, CATALOG), exclusions, k=20)
    for viewer_id, entries in run.lists.items():
        viewer = by_id[viewer_id]
        for suggestion in entries:
            other = by_id[suggestion.person_id]
            for reason in suggestion.reasons:
                assert reason_holds(reason, viewer, other)
                if reason.kind is ReasonKind.SHARED_INTEREST:
                    named = {i for i, label in LABELS.items() if label in reason.detail}
                    shared = set(viewer.interest_ids) & set(other.interest_ids)
                    assert named <= shared
                    assert len(named) == min(len(shared), SHOWN_NAMES)
                if reason.kind is ReasonKind.SHARED_COMMUNITY:
                    named = {c for c, name in COMMUNITIES.items() if name in reason.detail}
                    assert named == set(viewer.community_ids) & set(other.community_ids)


def _pair() -> list[Profile]:
    viewer = Profile(
        id="tech",
        organization_id="mercy",
        sector="PROVIDER",
        segments=("ultrasound service",),
        interest_ids=("ai", "imaging", "mri"),
        seeking=("CROSS_REFERRAL",),
        offering=("MENTORSHIP",),
        community_ids=("c1",),
        open_to_competitors=True,
    )
    other = Profile(
        id="iso",
        organization_id="probe-fix",
        sector="SERVICE_ORGANIZATION",
        segments=("ultrasound service", "imaging parts"),
        interest_ids=("ai", "imaging"),
        seeking=("MENTORSHIP",),
        offering=("CROSS_REFERRAL",),
        community_ids=("c1",),
        open_to_competitors=True,
    )
    return [viewer, other]


def test_reasons_read_from_the_viewers_side_in_order_of_contribution():
    (suggestion,) = suggest_for(build_index(_pair(), CATALOG), "tech")
    assert suggestion.reasons == (
        Reason(
            ReasonKind.COMPLEMENTARY_INTENT,
            "You seek a cross-referral partner and they offer one; "
            "they seek mentorship and you offer it",
        ),
        Reason(ReasonKind.SHARED_INTEREST, "You both work on AI diagnostics and imaging service"),
        Reason(ReasonKind.SHARED_COMMUNITY, "You are both members of Women in HTM"),
        Reason(
            ReasonKind.COOPETITION,
            "Your companies compete in ultrasound service, and you are both open to meeting"
            " competitors",
        ),
        Reason(
            ReasonKind.CROSS_SECTOR,
            "You work at a hospital or health system and they work at a service organization",
        ),
    )


def test_score_is_the_sum_of_the_weighted_signals_and_the_same_both_ways():
    index = build_index(_pair(), CATALOG)
    (seen_by_tech,) = suggest_for(index, "tech")
    (seen_by_iso,) = suggest_for(index, "iso")
    rare = math.log(3 / 2) + 1  # MRI safety: one of two people; the shared two have idf 1
    similarity = 2 / (math.sqrt(2) * math.sqrt(2 + rare**2))
    defaults = Weights()
    expected = (
        (defaults.shared_interest + defaults.coopetition) * similarity
        + defaults.complementary_intent
        + defaults.cross_sector
        + defaults.shared_community
    )
    assert (seen_by_tech.score, seen_by_iso.score) == (
        pytest.approx(expected),
        pytest.approx(expected),
    )


def test_more_than_three_shared_interests_end_with_a_count():
    viewer, other = _pair()
    many = tuple(LABELS)
    people = [replace(viewer, interest_ids=many), replace(other, interest_ids=many)]
    (suggestion,) = suggest_for(build_index(people, CATALOG), "tech")
    shared = next(r for r in suggestion.reasons if r.kind is ReasonKind.SHARED_INTEREST)
    assert shared.detail.endswith("and 3 more")
