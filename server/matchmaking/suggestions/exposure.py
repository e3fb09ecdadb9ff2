"""Exposure spreading: viewers propose down their ranking; a capped person keeps the best."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from server.matchmaking.suggestions.index import Floats32, Ints

# Given viewer rows and per-row columns to skip, the next candidates (padded with -1) and scores.
MorePools = Callable[[Ints, dict[int, Ints], int], tuple[Ints, Floats32]]


@dataclass(frozen=True)
class ExposureReport:
    """How much the exposure cap moved the lists, compared with the uncapped top-k.

    `entries_replaced` counts uncapped top-k entries that are not in the final lists;
    `share_replaced` divides it by all uncapped top-k entries; `mean_rank_displacement` is the
    mean, over final entries, of (rank in the viewer's uncapped ranking - final position);
    `score_retained` is the sum of final scores over the sum of uncapped top-k scores;
    `short_lists` counts lists shorter than uncapped because every other candidate was taken.
    """

    cap: int | None
    lists: int
    entries: int
    entries_replaced: int
    share_replaced: float
    mean_rank_displacement: float
    score_retained: float
    people_at_cap: int
    max_appearances: int
    short_lists: int


@dataclass(frozen=True)
class Placement:
    """Accepted list entries: viewer row, candidate column, rank in the viewer's ranking, score."""

    viewer: Ints
    candidate: Ints
    rank: Ints
    score: Floats32


def uncapped(pool: Ints, pool_score: Floats32, k: int) -> Placement:
    viewer, rank = np.nonzero(pool[:, :k] >= 0)
    return Placement(viewer, pool[viewer, rank], rank, pool_score[viewer, rank])


def _keep_best(contest: Placement, cap: int) -> Placement:
    """Each candidate keeps the `cap` highest-scoring viewers (ties: lower viewer row)."""
    order = np.lexsort((contest.viewer, -contest.score, contest.candidate))
    candidate = contest.candidate[order]
    starts = np.flatnonzero(np.r_[True, candidate[1:] != candidate[:-1]])
    place = np.arange(len(candidate)) - np.repeat(starts, np.diff(np.r_[starts, len(candidate)]))
    kept = order[place < cap]
    return Placement(
        contest.viewer[kept], contest.candidate[kept], contest.rank[kept], contest.score[kept]
    )


def _join(a: Placement, b: Placement) -> Placement:
    return Placement(
        np.concatenate([a.viewer, b.viewer]),
        np.concatenate([a.candidate, b.candidate]),
        np.concatenate([a.rank, b.rank]),
        np.concatenate([a.score, b.score]),
    )


def _select(p: Placement, mask: npt.NDArray[np.bool_]) -> Placement:
    return Placement(p.viewer[mask], p.candidate[mask], p.rank[mask], p.score[mask])


def spread(pool: Ints, pool_score: Floats32, k: int, cap: int, more: MorePools) -> Placement:
    """Capacitated deferred acceptance: the result is stable for viewers and candidates."""
    pool, pool_score = pool.copy(), pool_score.copy()
    viewers, depth = pool.shape
    rank_base = np.zeros(viewers, dtype=np.int64)
    valid = np.count_nonzero(pool >= 0, axis=1)
    tried = np.zeros(viewers, dtype=np.int64)
    skip: dict[int, Ints] = {}
    empty = np.zeros(0, dtype=np.int64)
    held = Placement(empty, empty, empty, np.zeros(0, dtype=np.float32))
    count = np.zeros(viewers, dtype=np.int64)
    while True:
        take = np.clip(np.minimum(k - count, valid - tried), 0, None)
        proposing = np.flatnonzero(take)
        if not len(proposing):
            exhausted = np.flatnonzero((count < k) & (valid == pool.shape[1]) & (tried == valid))
            if not len(exhausted) or pool.shape[1] == 0:
                return held
            for v in exhausted.tolist():
                skip[v] = np.concatenate([skip.get(v, empty), pool[v, : valid[v]]])
            fresh, fresh_score = more(exhausted, skip, depth)
            rank_base[exhausted] += valid[exhausted]
            pool[exhausted], pool_score[exhausted] = -1, 0.0
            pool[exhausted, : fresh.shape[1]] = fresh
            pool_score[exhausted, : fresh.shape[1]] = fresh_score
            valid[exhausted] = np.count_nonzero(fresh >= 0, axis=1)
            tried[exhausted] = 0
            continue
        row = np.repeat(proposing, take[proposing])
        within = np.arange(len(row)) - np.repeat(
            np.cumsum(take[proposing]) - take[proposing], take[proposing]
        )
        column = tried[row] + within
        tried[proposing] += take[proposing]
        offers = Placement(row, pool[row, column], rank_base[row] + column, pool_score[row, column])
        touched = np.zeros(viewers, dtype=np.bool_)
        touched[offers.candidate] = True
        contested = touched[held.candidate]
        winners = _keep_best(_join(_select(held, contested), offers), cap)
        held = _join(_select(held, ~contested), winners)
        count = np.bincount(held.viewer, minlength=viewers)


def report(final: Placement, before: Placement, k: int, cap: int | None) -> ExposureReport:
    viewers = int(max(final.viewer.max(initial=-1), before.viewer.max(initial=-1)) + 1)
    order = np.lexsort((final.rank, final.viewer))
    ranks, owners = final.rank[order], final.viewer[order]
    starts = np.searchsorted(owners, owners)
    position = np.arange(len(owners)) - starts
    appearances = np.bincount(final.candidate, minlength=1)
    before_len = np.bincount(before.viewer, minlength=viewers)
    after_len = np.bincount(final.viewer, minlength=viewers)
    kept = int(np.count_nonzero(final.rank < k))
    before_total = float(before.score.sum(dtype=np.float64))
    return ExposureReport(
        cap=cap,
        lists=int(np.count_nonzero(after_len)),
        entries=len(final.viewer),
        entries_replaced=len(before.viewer) - kept,
        share_replaced=(len(before.viewer) - kept) / max(len(before.viewer), 1),
        mean_rank_displacement=float((ranks - position).mean()) if len(ranks) else 0.0,
        score_retained=float(final.score.sum(dtype=np.float64)) / before_total
        if before_total
        else 1.0,
        people_at_cap=int(np.count_nonzero(appearances >= cap)) if cap is not None else 0,
        max_appearances=int(appearances.max(initial=0)),
        short_lists=int(np.count_nonzero(after_len < before_len)),
    )
