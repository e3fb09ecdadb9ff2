"""Candidate pools: each viewer's best candidates in rank order, computed in blocks of rows."""

from __future__ import annotations

from collections.abc import Mapping, Set
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from threadpoolctl import threadpool_limits

from server.matchmaking.suggestions.index import Floats32, Ints, MatchIndex
from server.matchmaking.suggestions.scoring import INELIGIBLE, BlockScorer

# Viewers scored per block. Measured on 2 cores: 160 rows beat blocks of a fixed number of
# cells (8M cells took a third more CPU at 10k people, 1M cells a sixth more at 50k).
BLOCK_ROWS = 160
BLOCK_CELLS_MAX = 32_000_000  # fewer rows for events so large that a block would not fit
THREADS = 2
SAMPLE_STRIDE = 8  # every 8th column sets the cut of candidates to sort

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
    eligible = np.flatnonzero(score > 0)
    if len(eligible) > depth:
        cut = np.partition(score[eligible], len(eligible) - depth)[len(eligible) - depth]
        above = eligible[score[eligible] > cut]
        tied = eligible[score[eligible] == cut][: depth - len(above)]
        eligible = np.concatenate([above, tied])
    order = np.lexsort((eligible, -score[eligible]))
    return eligible[order]


def _sampled_cut(score: Floats32, depth: int) -> Floats32:
    """Per row, a score that about depth + 5 x SAMPLE_STRIDE columns reach (from a sample)."""
    sample = score[:, ::SAMPLE_STRIDE]
    rank = min(sample.shape[1] - 1, depth // SAMPLE_STRIDE + 4)
    cut: Floats32 = -np.partition(-sample, rank, axis=1)[:, rank]
    return np.maximum(cut, np.float32(1e-12))


def ranked_block(score: Floats32, depth: int) -> Ints:
    """Per row, the best `depth` eligible columns, best first, ties to the lower column.

    Rows are padded with -1. Candidates come from a sampled cut; rows where fewer than `depth`
    columns reach it are ranked exactly one by one.
    """
    rows, people = score.shape
    top = np.full((rows, depth), -1, dtype=np.int64)
    if depth == 0 or people == 0:
        return top
    cut = _sampled_cut(score, depth) if people > 8 * depth else np.full(rows, 1e-12, np.float32)
    row, column = np.nonzero(score >= cut[:, None])
    value = score[row, column]
    order = np.lexsort((column, -value, row))
    row, column = row[order], column[order]
    counts = np.bincount(row, minlength=rows)
    place = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    keep = place < depth
    top[row[keep], place[keep]] = column[keep]
    for r in np.flatnonzero(counts < depth).tolist():
        best = ranked_row(score[r], depth)
        top[r] = -1
        top[r, : len(best)] = best
    return top


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
    step = max(1, min(BLOCK_ROWS, BLOCK_CELLS_MAX // max(index.size, 1)))
    blocks = [rows[start : start + step] for start in range(0, len(rows), step)]

    def one_block(block: Ints) -> tuple[Ints, Floats32]:
        score = scorer.scores(block)
        for n, row in enumerate(block.tolist()):
            for extra in (excluded.get(row), skip.get(row) if skip else None):
                if extra is not None:
                    score[n, extra] = INELIGIBLE
        top = ranked_block(score, depth)
        top_score = np.take_along_axis(score, np.maximum(top, 0), axis=1)
        return top, np.where(top >= 0, top_score, INELIGIBLE)

    with threadpool_limits(1, user_api="blas"):  # blocks run in parallel; BLAS threads would
        if len(blocks) > 1:  # only compete with them (measured: a third more CPU, slower)
            with ThreadPoolExecutor(THREADS) as pool:
                results = list(pool.map(one_block, blocks))
        else:
            results = [one_block(b) for b in blocks]
    if not results:
        width = min(depth, index.size)
        return np.full((0, width), -1, dtype=np.int64), np.zeros((0, width), dtype=np.float32)
    return np.vstack([r[0] for r in results]), np.vstack([r[1] for r in results])
