"""Pair scores: a fast float32 block scorer for ranking and an exact per-pair breakdown."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from server.matchmaking.suggestions.index import Floats, Floats32, Ints, MatchIndex

INELIGIBLE = np.float32(-1.0)
SIGNALS = 5  # columns of `contributions`, in ReasonKind order


def _weighted_features(index: MatchIndex, hide_unlisted: bool) -> tuple[Floats32, Floats32]:
    """Left and right factors whose product is the part of the score that creates a match."""
    w = index.weights
    seek_share = index.seek / np.maximum(index.seek.sum(axis=1, keepdims=True), 1.0)
    left = np.hstack(
        [
            w.shared_interest * index.interest_vectors,
            0.5 * w.complementary_intent * seek_share,
            0.5 * w.complementary_intent * index.offer,
            w.shared_community * index.community_vectors,
        ]
    ).astype(np.float32)
    right = np.hstack(
        [index.interest_vectors, index.offer, seek_share, index.community_vectors]
    ).astype(np.float32)
    if hide_unlisted:
        right *= index.listed[:, None].astype(np.float32)
    return left, right


def _groups(bits: Floats32) -> tuple[Floats32, Ints]:
    """Distinct rows of a 0/1 matrix, and each row's group number."""
    distinct, group = np.unique(bits, axis=0, return_inverse=True)
    return distinct.astype(np.float32), group.reshape(-1).astype(np.int64)


def _members(organization: Ints) -> tuple[Ints, Ints]:
    """People sorted by organization (no organization last) and where each organization starts."""
    order = np.argsort(organization, kind="stable").astype(np.int64)
    sizes = np.bincount(organization[organization >= 0], minlength=int(organization.max(initial=-1)) + 1)
    return order[np.count_nonzero(organization < 0) :], np.r_[0, np.cumsum(sizes)].astype(np.int64)


class BlockScorer:
    """Scores blocks of viewers against everybody; ineligible pairs get INELIGIBLE (< 0).

    `hide_unlisted=False` scores unlisted people too (to ask whom a person would see them).
    """

    def __init__(self, index: MatchIndex, hide_unlisted: bool = True) -> None:
        w = index.weights
        self.index = index
        self.left, self.right = _weighted_features(index, hide_unlisted)
        open_ = index.open_to_competitors
        self.open = open_
        self.closed_column = ~open_
        coopetition = np.sqrt(w.coopetition) * index.interest_vectors * open_[:, None]
        self.coopetition = coopetition.astype(np.float32)
        self.segment_sets, self.segment_group = _groups(index.segment_bits)
        self.sector = index.sector.astype(np.int16)
        self.cross = np.float32(w.cross_sector)
        self.unknown_sector = np.flatnonzero(index.sector < 0)
        self.colleagues, self.organization_start = _members(index.organization)

    def scores(self, rows: Ints) -> Floats32:
        index = self.index
        score = self.left[rows] @ self.right.T
        forbidden = score <= 1e-6
        sets = index.segment_bits[rows] @ self.segment_sets.T > 0
        compete = np.take(sets, self.segment_group, axis=1)
        if index.weights.coopetition > 0:
            boost = self.coopetition[rows] @ self.coopetition.T
            np.multiply(boost, compete, out=boost)
            score += boost
        rivals = compete & self.closed_column
        closed = np.flatnonzero(~self.open[rows])
        rivals[closed] = compete[closed]
        forbidden |= rivals
        if self.cross > 0:
            other = self.sector[rows, None] != self.sector[None, :]
            other[:, self.unknown_sector] = False
            other[self.sector[rows] < 0] = False
            np.add(score, self.cross, out=score, where=other)
        self._forbid_colleagues(forbidden, rows)
        np.putmask(score, forbidden, INELIGIBLE)
        return score

    def _forbid_colleagues(self, forbidden: npt.NDArray[np.bool_], rows: Ints) -> None:
        forbidden[np.arange(len(rows)), rows] = True
        org = self.index.organization[rows]
        line = np.flatnonzero(org >= 0)
        starts, ends = self.organization_start[org[line]], self.organization_start[org[line] + 1]
        sizes = ends - starts
        line = np.repeat(line, sizes)
        offsets = np.arange(len(line)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        forbidden[line, self.colleagues[np.repeat(starts, sizes) + offsets]] = True


def contributions(index: MatchIndex, viewers: Ints, others: Ints) -> Floats:
    """Exact weighted contribution of each signal, one row per (viewer, other) pair.

    Columns: shared interest, complementary intent, coopetition, cross-sector, shared community.
    Assumes the pairs are eligible (the block scorer decides that).
    """
    w = index.weights
    out = np.zeros((len(viewers), SIGNALS), dtype=np.float64)
    if len(viewers) == 0:
        return out
    vectors = index.interest_vectors
    similarity = np.einsum("ij,ij->i", vectors[viewers], vectors[others])
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
