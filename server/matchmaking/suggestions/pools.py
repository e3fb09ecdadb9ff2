"""Candidate pools: each viewer's best candidates in rank order, computed in blocks of rows."""

from __future__ import annotations

from collections.abc import Mapping, Set
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from server.matchmaking.suggestions.index import Floats32, Ints, MatchIndex
from server.matchmaking.suggestions.scoring import INELIGIBLE, BlockScorer

BLOCK_CELLS = 8_000_000  # scores held per block: rows x people
THREADS = 2

Exclusions = Mapping[str, Set[str]]


def excluded_positions(index: MatchIndex, exclusions: Exclusions) -> dict[int, Ints]:
    """Exclusions as row -> column numbers; ids unknown to the index are ignored."""
    found: dict[int, Ints] = {}
    for viewer, others in exclusions.items():
        row = index.position.get(viewer)
        columns = [index.position[o] for o in others if o in index.position]
        if row is not None and columns:
            found[row] = np.array(columns, dtype=np.int64)
    return found


def ranked_row(score: Floats32, depth: int) -> Ints:
    """The `depth` best eligible columns of one row, best first, ties to the lower column."""
    eligible = np.flatnonzero(score > INELIGIBLE)
    if len(eligible) > depth:
        cut = np.partition(score[eligible], len(eligible) - depth)[len(eligible) - depth]
        above = eligible[score[eligible] > cut]
        tied = eligible[score[eligible] == cut][: depth - len(above)]
        eligible = np.concatenate([above, tied])
    order = np.lexsort((eligible, -score[eligible]))
    return eligible[order]


def ranked_block(score: Floats32, depth: int) -> tuple[Ints, Floats32]:
    """Per row: the best `depth` columns (padded with -1) and their scores."""
    rows, people = score.shape
    depth = min(depth, people)
    if depth == 0:
        return np.full((rows, 0), -1, dtype=np.int64), np.zeros((rows, 0), dtype=np.float32)
    top = np.argpartition(-score, depth - 1, axis=1)[:, :depth]
    top_score = np.take_along_axis(score, top, axis=1)
    order = np.lexsort((top, -top_score), axis=1)
    top = np.take_along_axis(top, order, axis=1)
    top_score = np.take_along_axis(top_score, order, axis=1)
    threshold = top_score[:, -1]
    # Where ties cross the cut, take the tied columns in column order, as ranked_row does.
    tied_everywhere = np.count_nonzero(score == threshold[:, None], axis=1)
    tied_kept = np.count_nonzero(top_score == threshold[:, None], axis=1)
    for r in np.flatnonzero((threshold > INELIGIBLE) & (tied_everywhere > tied_kept)):
        top[r] = ranked_row(score[r], depth)
        top_score[r] = score[r, top[r]]
    top[top_score <= INELIGIBLE] = -1
    return top.astype(np.int64), top_score


def candidate_pools(
    index: MatchIndex,
    rows: Ints,
    depth: int,
    excluded: Mapping[int, Ints],
    skip: Mapping[int, Ints] | None = None,
) -> tuple[Ints, Floats32]:
    """Best `depth` candidates of each row in `rows` (and their float32 scores), best first.

    `skip` removes further columns per row (candidates already tried).
    """
    scorer = BlockScorer(index)
    size = max(index.size, 1)
    step = max(1, BLOCK_CELLS // size)
    blocks = [rows[start : start + step] for start in range(0, len(rows), step)]

    def one_block(block: Ints) -> tuple[Ints, Floats32]:
        score = scorer.scores(block)
        for n, row in enumerate(block.tolist()):
            for extra in (excluded.get(row), skip.get(row) if skip else None):
                if extra is not None:
                    score[n, extra] = INELIGIBLE
        return ranked_block(score, depth)

    if len(blocks) > 1:
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(one_block, blocks))
    else:
        results = [one_block(b) for b in blocks]
    if not results:
        width = min(depth, index.size)
        return np.full((0, width), -1, dtype=np.int64), np.zeros((0, width), dtype=np.float32)
    return np.vstack([r[0] for r in results]), np.vstack([r[1] for r in results])
