"""Reasons: why two people were matched, in words, from the viewer's point of view."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from server.matchmaking.suggestions.index import Floats, Ints, MatchIndex

SHOWN_NAMES = 3  # longer lists end with "and N more"


class ReasonKind(StrEnum):
    SHARED_INTEREST = "SHARED_INTEREST"
    COMPLEMENTARY_INTENT = "COMPLEMENTARY_INTENT"
    COOPETITION = "COOPETITION"
    CROSS_SECTOR = "CROSS_SECTOR"
    SHARED_COMMUNITY = "SHARED_COMMUNITY"
    INTRODUCTION = "INTRODUCTION"  # never scored here: the service pins people introduced


KIND_ORDER = (  # matches the columns of scoring.contributions
    ReasonKind.SHARED_INTEREST,
    ReasonKind.COMPLEMENTARY_INTENT,
    ReasonKind.COOPETITION,
    ReasonKind.CROSS_SECTOR,
    ReasonKind.SHARED_COMMUNITY,
)


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    detail: str


def _enumerate(names: list[str]) -> str:
    if len(names) > SHOWN_NAMES:
        names = [*names[:SHOWN_NAMES], f"{len(names) - SHOWN_NAMES} more"]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _columns(numbering: dict[str, int]) -> list[str]:
    """The ids of a vocabulary in column order."""
    names = [""] * len(numbering)
    for name, column in numbering.items():
        names[column] = name
    return names


def _distinct(rows: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.bool_], Ints]:
    """The distinct rows of a boolean matrix, and which one each row is."""
    packed = np.ascontiguousarray(np.packbits(rows, axis=1))
    keys = packed.view(np.dtype((np.void, max(packed.shape[1], 1)))).ravel()
    _, first, which = np.unique(keys, return_index=True, return_inverse=True)
    return rows[first], which.ravel()


def _columns_on(rows: npt.NDArray[np.bool_]) -> list[list[int]]:
    """For each row of a boolean matrix, the columns that are on."""
    row, column = np.nonzero(rows)
    ends = np.cumsum(np.bincount(row, minlength=len(rows))).tolist()
    columns = column.tolist()
    return [columns[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


class ReasonWriter:
    """Writes the reasons of pairs of one index, vectorised: each distinct fact (the set of
    interests two people share, say) is put in words once, however many pairs share it."""

    def __init__(self, index: MatchIndex) -> None:
        self.index = index
        self.catalog = index.catalog
        vocabulary = index.vocabulary
        self._interests = _columns(vocabulary.interests)
        self._intents = _columns(vocabulary.intents)
        self._segments = _columns(vocabulary.segments)
        self._communities = _columns(vocabulary.communities)
        self._sectors = _columns(vocabulary.sectors)
        # interests are named rarest first (then by id): each column's place in that order
        idf = index.idf
        by_rarity = sorted(range(len(self._interests)), key=lambda c: (-idf[c], self._interests[c]))
        self._rarity_rank = [0] * len(by_rarity)
        for rank, column in enumerate(by_rarity):
            self._rarity_rank[column] = rank
        self._interest_labels = [self.catalog.interest(i) for i in self._interests]

    def reasons_of(self, viewers: Ints, others: Ints, parts: Floats) -> list[tuple[Reason, ...]]:
        """For each pair: one reason per contributing signal, largest contribution first."""
        pairs = len(viewers)
        table = np.empty((pairs, len(KIND_ORDER)), dtype=object)
        for column, kind in enumerate(KIND_ORDER):
            rows = np.flatnonzero(parts[:, column] > 0)
            if len(rows):
                table[rows, column] = self._reasons(kind, viewers[rows], others[rows])
        order = np.argsort(-parts, axis=1, kind="stable")
        ranked = np.take_along_axis(table, order, axis=1).tolist()
        counts = np.count_nonzero(parts > 0, axis=1).tolist()
        return [tuple(row[:count]) for row, count in zip(ranked, counts, strict=True)]

    def _reasons(self, kind: ReasonKind, viewers: Ints, others: Ints) -> npt.NDArray[np.object_]:
        """The reason of this kind for each pair (all of which have it)."""
        index = self.index
        if kind is ReasonKind.CROSS_SECTOR:
            facts = np.stack([index.sector[viewers], index.sector[others]], axis=1)
            sectors, which = np.unique(facts, axis=0, return_inverse=True)
            texts = [self._cross_sector(int(a), int(b)) for a, b in sectors.tolist()]
        else:
            shared, which = _distinct(self._shared_bits(kind, viewers, others))
            texts = [self._detail(kind, on) for on in _columns_on(shared)]
        reasons = np.empty(len(texts), dtype=object)
        reasons[:] = [Reason(kind, text) for text in texts]
        return reasons[which.ravel()]

    def _shared_bits(self, kind: ReasonKind, viewers: Ints, others: Ints) -> npt.NDArray[np.bool_]:
        index = self.index
        if kind is ReasonKind.SHARED_INTEREST:
            return (index.interest_bits[viewers] > 0) & (index.interest_bits[others] > 0)
        if kind is ReasonKind.COMPLEMENTARY_INTENT:
            they_meet = (index.seek[viewers] > 0) & (index.offer[others] > 0)
            you_meet = (index.seek[others] > 0) & (index.offer[viewers] > 0)
            return np.hstack([they_meet, you_meet])
        if kind is ReasonKind.COOPETITION:
            return (index.segment_bits[viewers] > 0) & (index.segment_bits[others] > 0)
        vectors = index.community_vectors
        return (vectors[viewers] > 0) & (vectors[others] > 0)

    def _detail(self, kind: ReasonKind, on: list[int]) -> str:
        """The words for one shared fact, given the columns that are on in it."""
        if kind is ReasonKind.SHARED_INTEREST:
            labels = self._interest_labels
            ranked = sorted(on, key=self._rarity_rank.__getitem__)
            return f"You both work on {_enumerate([labels[c] for c in ranked])}"
        if kind is ReasonKind.COMPLEMENTARY_INTENT:
            width = len(self._intents)
            return self._intent_text(
                [self._intents[c] for c in on if c < width],
                [self._intents[c - width] for c in on if c >= width],
            )
        if kind is ReasonKind.COOPETITION:
            segments = _enumerate(sorted(self._segments[c] for c in on))
            return (
                f"Your companies compete in {segments}, and you are both open to meeting"
                " competitors"
            )
        names = sorted(self.catalog.community(self._communities[c]) for c in on)
        return f"You are both members of {_enumerate(names)}"

    def _cross_sector(self, mine: int, theirs: int) -> str:
        mine_text, theirs_text = (self.catalog.sector(self._sectors[s]) for s in (mine, theirs))
        return f"You work at {mine_text} and they work at {theirs_text}"

    def _intent_text(self, they_meet: list[str], you_meet: list[str]) -> str:
        clauses = []
        for kind in sorted(they_meet):
            phrase = self.catalog.intent(kind)
            default = f"you seek {phrase.noun} and they offer {phrase.pronoun}"
            clauses.append(phrase.when_you_seek or default)
        for kind in sorted(you_meet):
            phrase = self.catalog.intent(kind)
            default = f"they seek {phrase.noun} and you offer {phrase.pronoun}"
            clauses.append(phrase.when_they_seek or default)
        return _sentence("; ".join(clauses))
