"""Reasons: why two people were matched, in words, from the viewer's point of view."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from server.matchmaking.suggestions.index import Floats, Ints, MatchIndex
from server.matchmaking.suggestions.records import Profile

SHOWN_NAMES = 3  # longer lists end with "and N more"


class ReasonKind(StrEnum):
    SHARED_INTEREST = "SHARED_INTEREST"
    COMPLEMENTARY_INTENT = "COMPLEMENTARY_INTENT"
    COOPETITION = "COOPETITION"
    CROSS_SECTOR = "CROSS_SECTOR"
    SHARED_COMMUNITY = "SHARED_COMMUNITY"


KIND_ORDER = tuple(ReasonKind)  # matches the columns of scoring.contributions


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


@dataclass(frozen=True)
class _Facts:
    interests: frozenset[str]
    seeking: frozenset[str]
    offering: frozenset[str]
    segments: frozenset[str]
    communities: frozenset[str]
    sector: str | None


def _facts(profile: Profile) -> _Facts:
    return _Facts(
        frozenset(profile.interest_ids),
        frozenset(profile.seeking),
        frozenset(profile.offering),
        frozenset(profile.segments),
        frozenset(profile.community_ids),
        profile.sector,
    )


class ReasonWriter:
    """Writes the reasons of pairs of one index; caches texts that repeat across pairs."""

    def __init__(self, index: MatchIndex) -> None:
        self.index = index
        self.catalog = index.catalog
        self._cache: dict[tuple[object, ...], Reason] = {}
        self._facts: dict[int, _Facts] = {}

    def reasons_of(self, viewers: Ints, others: Ints, parts: Floats) -> list[tuple[Reason, ...]]:
        """For each pair: one reason per contributing signal, largest contribution first."""
        order = np.argsort(-parts, axis=1, kind="stable").tolist()
        contributing = np.count_nonzero(parts > 0, axis=1).tolist()
        pairs = zip(viewers.tolist(), others.tolist(), order, contributing, strict=True)
        return [
            tuple(self._reason(KIND_ORDER[k], self._of(v), self._of(o)) for k in kinds[:count])
            for v, o, kinds, count in pairs
        ]

    def _of(self, row: int) -> _Facts:
        facts = self._facts.get(row)
        if facts is None:
            facts = self._facts[row] = _facts(self.index.profiles[row])
        return facts

    def _reason(self, kind: ReasonKind, viewer: _Facts, other: _Facts) -> Reason:
        if kind is ReasonKind.SHARED_INTEREST:
            key: tuple[object, ...] = (kind, viewer.interests & other.interests)
        elif kind is ReasonKind.COMPLEMENTARY_INTENT:
            key = (kind, viewer.seeking & other.offering, other.seeking & viewer.offering)
        elif kind is ReasonKind.COOPETITION:
            key = (kind, viewer.segments & other.segments)
        elif kind is ReasonKind.CROSS_SECTOR:
            key = (kind, viewer.sector, other.sector)
        else:
            key = (kind, viewer.communities & other.communities)
        reason = self._cache.get(key)
        if reason is None:
            reason = self._cache[key] = Reason(kind, self._detail(key))
        return reason

    def _detail(self, key: tuple[object, ...]) -> str:
        kind, *facts = key
        if kind is ReasonKind.SHARED_INTEREST:
            return f"You both work on {_enumerate(self._rarest_first(facts[0]))}"
        if kind is ReasonKind.COMPLEMENTARY_INTENT:
            return self._intents(facts[0], facts[1])
        if kind is ReasonKind.COOPETITION:
            segments = _enumerate(sorted(_strings(facts[0])))
            return (
                f"Your companies compete in {segments}, and you are both open to meeting"
                " competitors"
            )
        if kind is ReasonKind.CROSS_SECTOR:
            mine, theirs = (self.catalog.sector(str(s)) for s in facts)
            return f"You work at {mine} and they work at {theirs}"
        names = sorted(self.catalog.community(c) for c in _strings(facts[0]))
        return f"You are both members of {_enumerate(names)}"

    def _rarest_first(self, interest_ids: object) -> list[str]:
        columns = self.index.vocabulary.interests
        idf = self.index.idf
        ranked = sorted(_strings(interest_ids), key=lambda i: (-idf[columns[i]], i))
        return [self.catalog.interest(i) for i in ranked]

    def _intents(self, they_meet: object, you_meet: object) -> str:
        clauses = []
        for kind in sorted(_strings(they_meet)):
            phrase = self.catalog.intent(kind)
            clauses.append(f"you seek {phrase.noun} and they offer {phrase.pronoun}")
        for kind in sorted(_strings(you_meet)):
            phrase = self.catalog.intent(kind)
            clauses.append(f"they seek {phrase.noun} and you offer {phrase.pronoun}")
        return _sentence("; ".join(clauses))


def _strings(values: object) -> list[str]:
    assert isinstance(values, frozenset)
    return [str(v) for v in values]
