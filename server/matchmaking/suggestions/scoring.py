"""Pair scores: a fast float32 block scorer for ranking and an exact per-pair breakdown."""

from __future__ import annotations

import numpy as np

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


class BlockScorer:
    """Scores blocks of viewers against everybody; ineligible pairs get INELIGIBLE (< 0).

    `hide_unlisted=False` scores unlisted people too (to ask whom a person would see them).
    """

    def __init__(self, index: MatchIndex, hide_unlisted: bool = True) -> None:
        self.index = index
        self.left, self.right = _weighted_features(index, hide_unlisted)
        self.interests = index.interest_vectors.astype(np.float32)
        self.segments = index.segment_bits
        known = index.sector >= 0
        self.sector = np.where(known, index.sector, -2)
        self.known_sector = known
        self.organization = index.organization
        self.open = index.open_to_competitors

    def scores(self, rows: Ints) -> Floats32:
        w = self.index.weights
        base = self.left[rows] @ self.right.T
        eligible = base > 1e-6
        compete = (self.segments[rows] @ self.segments.T) > 0
        both_open = self.open[rows, None] & self.open[None, :]
        eligible &= ~(compete & ~both_open)
        score = base
        if w.coopetition > 0:
            boost = self.interests[rows] @ self.interests.T
            boost *= np.float32(w.coopetition)
            score += np.where(compete, boost, np.float32(0.0))
        if w.cross_sector > 0:
            cross = self.sector[rows, None] != self.sector[None, :]
            cross &= self.known_sector[rows, None] & self.known_sector[None, :]
            score += cross * np.float32(w.cross_sector)
        score[~eligible] = INELIGIBLE
        _drop_colleagues(score, rows, self.organization)
        return score


def _drop_colleagues(score: Floats32, rows: Ints, organization: Ints) -> None:
    score[np.arange(len(rows)), rows] = INELIGIBLE
    org = organization[rows]
    has_org = org >= 0
    if has_org.any():
        same = (org[:, None] == organization[None, :]) & has_org[:, None]
        score[same] = INELIGIBLE


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
