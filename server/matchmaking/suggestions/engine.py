"""Suggestion lists: whole-event runs with exposure spreading, one person's list, who to refresh."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from server.matchmaking.suggestions.exposure import (
    ExposureReport,
    Placement,
    report,
    spread,
    uncapped,
)
from server.matchmaking.suggestions.index import Floats32, Ints, MatchIndex
from server.matchmaking.suggestions.pools import (
    Exclusions,
    candidate_pools,
    excluded_positions,
    ranked_row,
)
from server.matchmaking.suggestions.reasons import Reason, ReasonWriter
from server.matchmaking.suggestions.scoring import INELIGIBLE, BlockScorer, pair_scores

NO_EXCLUSIONS: Exclusions = {}
RANKING_TOLERANCE = 2e-5  # ranking works on a 1e-5 grid of scores


class Suggestion(NamedTuple):
    person_id: str
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class SuggestionRun:
    """Every person's list (best first; people with no candidate get an empty tuple)."""

    lists: Mapping[str, tuple[Suggestion, ...]]
    exposure: ExposureReport


def _pool_depth(k: int, capped: bool) -> int:
    return max(3 * k, k + 10) if capped else k


def suggest_all(
    index: MatchIndex,
    exclusions: Exclusions = NO_EXCLUSIONS,
    k: int = 10,
    exposure_cap: int | None = None,
) -> SuggestionRun:
    """Top-k suggestions for everybody; with a cap, nobody appears in more than cap lists."""
    everyone = np.arange(index.size, dtype=np.int64)
    excluded = excluded_positions(index, exclusions)
    capped = exposure_cap is not None and exposure_cap < index.size
    pool, pool_score = candidate_pools(index, everyone, _pool_depth(k, capped), excluded)
    before = uncapped(pool, pool_score, k)
    final = before
    if capped and exposure_cap is not None:

        def more(rows: Ints, skip: dict[int, Ints], depth: int) -> tuple[Ints, Floats32]:
            return candidate_pools(index, rows, depth, excluded, skip)

        final = spread(pool, pool_score, k, exposure_cap, more)
    lists = _lists(index, final)
    everybody = {p.id: lists.get(p.id, ()) for p in index.profiles}
    return SuggestionRun(everybody, report(final, before, k, exposure_cap))


def _lists(index: MatchIndex, placed: Placement) -> dict[str, tuple[Suggestion, ...]]:
    """Each viewer's suggestions for the placed pairs, best exact score first."""
    scores, parts = pair_scores(index, placed.viewer, placed.candidate)
    order = np.lexsort((placed.rank, -scores, placed.viewer))
    viewers, others, scores, parts = (
        placed.viewer[order],
        placed.candidate[order],
        scores[order],
        parts[order],
    )
    reasons = ReasonWriter(index).reasons_of(viewers, others, parts)
    ids = [profile.id for profile in index.profiles]
    lists: dict[str, list[Suggestion]] = {}
    for v, o, score, why in zip(
        viewers.tolist(), others.tolist(), scores.tolist(), reasons, strict=True
    ):
        entries = lists.get(ids[v])
        if entries is None:
            entries = lists[ids[v]] = []
        entries.append(Suggestion(ids[o], score, why))
    return {person: tuple(entries) for person, entries in lists.items()}


def _row_scores(index: MatchIndex, row: int, excluded: Sequence[int]) -> Floats32:
    score: Floats32 = BlockScorer(index).scores(np.array([row], dtype=np.int64))[0]
    score[np.asarray(excluded, dtype=np.int64)] = INELIGIBLE
    return score


def suggest_for(
    index: MatchIndex,
    person_id: str,
    exclusions: Exclusions = NO_EXCLUSIONS,
    k: int = 10,
    at_capacity: Set[str] = frozenset(),
) -> tuple[Suggestion, ...]:
    """One person's top-k (e.g. right after they edit their profile).

    `at_capacity`: people already shown in exposure-cap lists, left out here.
    """
    row = index.position[person_id]
    skipped = [index.position.get(p, -1) for p in (*exclusions.get(person_id, ()), *at_capacity)]
    others = ranked_row(_row_scores(index, row, [p for p in skipped if p >= 0]), k)
    placed = Placement(
        np.full(len(others), row), others, np.arange(len(others)), np.zeros(0, np.float32)
    )
    return _lists(index, placed).get(person_id, ())


def _weakest_kept(index: MatchIndex, lists: Mapping[int, Sequence[Suggestion]]) -> dict[int, float]:
    """Per viewer: the lowest current score among the people in their stored list."""
    viewers = [v for v, entries in lists.items() for _ in entries]
    others = [index.position.get(s.person_id, -1) for entries in lists.values() for s in entries]
    known = np.array(others) >= 0
    rows, columns = (
        np.array(viewers, dtype=np.int64)[known],
        np.array(others, dtype=np.int64)[known],
    )
    weakest: dict[int, float] = {}
    for viewer, score in zip(
        rows.tolist(), pair_scores(index, rows, columns)[0].tolist(), strict=True
    ):
        weakest[viewer] = min(score, weakest.get(viewer, np.inf))
    return weakest


def viewers_to_refresh(
    index: MatchIndex,
    person_id: str,
    lists: Mapping[str, Sequence[Suggestion]],
    exclusions: Exclusions = NO_EXCLUSIONS,
    k: int = 10,
) -> tuple[str, ...]:
    """People whose stored list may change after `person_id` edited their profile.

    Those listing them now, those with a free place they are eligible for, and those with a
    stored entry they now score at least as well as (scores are symmetric, so one row of scores
    answers for every viewer). Pass the index after `update_profile`. Rarity drift moves every
    score a little with each edit; only its effect through this person is caught here.
    """
    row = index.position[person_id]
    scorer = BlockScorer(index, hide_unlisted=False)
    eligible = np.flatnonzero(scorer.scores(np.array([row], dtype=np.int64))[0] > 0)
    if not index.listed[row]:
        eligible = eligible[:0]
    exact, _parts = pair_scores(index, eligible, np.full(len(eligible), row))
    score = dict(zip(eligible.tolist(), exact.tolist(), strict=True))
    found, full = set(), {}
    for viewer, entries in lists.items():
        column = index.position.get(viewer, -1)
        if column < 0 or column == row or person_id in exclusions.get(viewer, ()):
            continue
        if any(s.person_id == person_id for s in entries) or (column in score and len(entries) < k):
            found.add(viewer)
        elif column in score:
            full[column] = entries
    for column, weakest in _weakest_kept(index, full).items():
        if score[column] >= weakest - RANKING_TOLERANCE:
            found.add(index.profiles[column].id)
    return tuple(viewer for viewer in lists if viewer in found)
