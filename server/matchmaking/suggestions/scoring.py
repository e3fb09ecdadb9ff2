"""Pair scores: a fast float32 block scorer for ranking and an exact per-pair breakdown."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from server.matchmaking.suggestions.index import Floats, Floats32, Ints, MatchIndex

INELIGIBLE = np.float32(-1e4)  # eligible pairs score above 0, ineligible ones below
RANK_DECIMALS = 5
SIGNALS = 5  # columns of `contributions`, in reasons.KIND_ORDER


class BlockScorer:
    """Scores blocks of viewers against everybody; ineligible pairs score below 0.

    `hide_unlisted=False` scores unlisted people too (to ask whom a person would see them).
    """

    def __init__(self, index: MatchIndex, hide_unlisted: bool = True) -> None:
        self.index = index
        self.weights = w = index.weights
        self.fast = index.fast
        self.hidden = ~index.listed if hide_unlisted else np.zeros(index.size, dtype=np.bool_)
        self.open = index.open_to_competitors
        self.closed_column = ~index.open_to_competitors
        intents = index.seek.shape[1]
        self.column_weights: Floats32 = np.concatenate(
            [np.full(2 * intents, 0.5 * w.complementary_intent),
             np.full(index.community_vectors.shape[1], w.shared_community)]
        ).astype(np.float32)  # fmt: skip
        self.unknown_sector = np.flatnonzero(self.fast.sector < 0)

    def _creating(self, rows: Ints) -> tuple[Floats32, Floats32]:
        """Shared-interest similarity, and the weighted score of the signals that create a
        match (shared interests, complementary intents, shared communities)."""
        fast = self.fast
        similarity: Floats32 = fast.interests[rows] @ fast.interests.T
        weighted: Floats32 = fast.others_left[rows] * self.column_weights
        score: Floats32 = weighted @ fast.others_right.T
        score += similarity * np.float32(self.weights.shared_interest)
        return similarity, score

    def scores(self, rows: Ints) -> Floats32:
        index = self.index
        similarity, score = self._creating(rows)
        forbidden = score <= 1e-6
        forbidden |= self.hidden
        sets = index.segment_bits[rows] @ self.fast.segment_sets.T > 0
        compete = np.take(sets, index.segment_group, axis=1)
        closed = np.flatnonzero(~self.open[rows])
        if self.weights.coopetition > 0:
            both_open = compete & self.open
            both_open[closed] = False
            similarity *= both_open
            similarity *= np.float32(self.weights.coopetition)
            score += similarity
        rivals = compete & self.closed_column
        rivals[closed] = compete[closed]
        forbidden |= rivals
        if self.weights.cross_sector > 0:
            sector = self.fast.sector
            other = sector[rows, None] != sector[None, :]
            other[:, self.unknown_sector] = False
            other[sector[rows] < 0] = False
            score += other * np.float32(self.weights.cross_sector)
        self._forbid_colleagues(forbidden, rows)
        score += forbidden.view(np.uint8) * INELIGIBLE
        # Equal scores reached by different float32 sums must tie: rank on a 1e-5 grid.
        return np.round(score, RANK_DECIMALS, out=score)

    def _forbid_colleagues(self, forbidden: npt.NDArray[np.bool_], rows: Ints) -> None:
        """Nobody is suggested to themselves or to someone of their own organization."""
        forbidden[np.arange(len(rows)), rows] = True
        organization = self.fast.organization
        mine = organization[rows]
        member = mine >= 0
        forbidden[member] |= mine[member, None] == organization[None, :]


def contributions(index: MatchIndex, viewers: Ints, others: Ints) -> Floats:
    """Exact weighted contribution of each signal, one row per (viewer, other) pair.

    Columns: shared interest, complementary intent, coopetition, cross-sector, shared community.
    Assumes the pairs are eligible (the block scorer decides that).
    """
    w = index.weights
    out = np.zeros((len(viewers), SIGNALS), dtype=np.float64)
    if len(viewers) == 0:
        return out
    needed = np.unique(np.concatenate([viewers, others]))
    vectors = sp.csr_matrix(index.interest_vectors[needed])
    mine, theirs = np.searchsorted(needed, viewers), np.searchsorted(needed, others)
    similarity = np.asarray(vectors[mine].multiply(vectors[theirs]).sum(axis=1)).ravel()
    seek_v, seek_o = index.seek[viewers], index.seek[others]
    offer_v, offer_o = index.offer[viewers], index.offer[others]
    met_v = (seek_v * offer_o).sum(axis=1, dtype=np.float64) / np.maximum(seek_v.sum(axis=1), 1.0)
    met_o = (seek_o * offer_v).sum(axis=1, dtype=np.float64) / np.maximum(seek_o.sum(axis=1), 1.0)
    compete = (index.segment_bits[viewers] * index.segment_bits[others]).sum(axis=1) > 0
    sector_v, sector_o = index.sector[viewers], index.sector[others]
    cross = (sector_v != sector_o) & (sector_v >= 0) & (sector_o >= 0)
    communities = np.einsum(
        "ij,ij->i", index.community_vectors[viewers], index.community_vectors[others]
    )
    out[:, 0] = w.shared_interest * similarity
    out[:, 1] = w.complementary_intent * 0.5 * (met_v + met_o)
    out[:, 2] = w.coopetition * similarity * compete
    out[:, 3] = w.cross_sector * cross
    out[:, 4] = w.shared_community * communities
    return out


def pair_scores(index: MatchIndex, viewers: Ints, others: Ints) -> tuple[Floats, Floats]:
    """Exact scores (rounded to 9 places so ties are ties) and their breakdown."""
    parts = contributions(index, viewers, others)
    return np.round(parts.sum(axis=1), 9), parts
