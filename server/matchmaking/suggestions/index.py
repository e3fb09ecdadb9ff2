"""The event's profiles encoded as arrays (the match index), built once and updated per person."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from server.matchmaking.suggestions.records import Catalog, Profile, Weights

Floats = npt.NDArray[np.float64]
Floats32 = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Vocabulary:
    """Column numbers of every interest, intent kind, segment, community, sector, organization."""

    interests: dict[str, int]
    intents: dict[str, int]
    segments: dict[str, int]
    communities: dict[str, int]
    sectors: dict[str, int]
    organizations: dict[str, int]

    def covers(self, profile: Profile) -> bool:
        return (
            all(i in self.interests for i in profile.interest_ids)
            and all(k in self.intents for k in (*profile.seeking, *profile.offering))
            and all(s in self.segments for s in profile.segments)
            and all(c in self.communities for c in profile.community_ids)
            and (profile.sector is None or profile.sector in self.sectors)
            and (profile.organization_id is None or profile.organization_id in self.organizations)
        )


@dataclass(frozen=True)
class MatchIndex:
    """Everything the scorer needs, one row per person (rows follow `profiles`).

    Treat as immutable: `update_profile` returns a new index and leaves this one untouched.
    """

    profiles: tuple[Profile, ...]
    catalog: Catalog
    weights: Weights
    position: dict[str, int]
    vocabulary: Vocabulary
    interest_bits: Floats32  # person x interest, 1 where ticked
    idf: Floats  # per interest, rarer is larger
    interest_vectors: Floats  # idf-weighted, each non-empty row of unit length
    seek: Floats32  # person x intent kind, 1 where sought
    offer: Floats32  # person x intent kind, 1 where offered
    segment_bits: Floats32  # person x segment of their organization
    community_vectors: Floats  # person x community, each non-empty row of unit length
    sector: Ints  # sector number, -1 when unknown
    organization: Ints  # organization number, -1 when none
    open_to_competitors: Bools
    listed: Bools
    segment_sets: dict[tuple[str, ...], int]  # each distinct set of segments, numbered
    segment_group: Ints  # number of each person's set of segments
    fast: FastFeatures

    @property
    def size(self) -> int:
        return len(self.profiles)


@dataclass(frozen=True)
class FastFeatures:
    """float32 copies for the block scorer (rebuilt with the index)."""

    interests: Floats32
    seek_share: Floats32
    communities: Floats32
    segment_sets: Floats32  # distinct segment set x segment
    # Intents and communities as one product: viewer rows of `others_left` (times per-column
    # weights) against `others_right`.
    others_left: Floats32  # seek share | offer | communities
    others_right: Floats32  # offer | seek share | communities
    sector: npt.NDArray[np.int16]  # -1 when unknown
    organization: npt.NDArray[np.int32]  # -1 when none


def _fast(
    interest_vectors: Floats,
    seek: Floats32,
    offer: Floats32,
    community_vectors: Floats,
    sector: Ints,
    organization: Ints,
    sets: dict[tuple[str, ...], int],
    vocabulary: Vocabulary,
) -> FastFeatures:
    seek_share = seek / np.maximum(seek.sum(axis=1, keepdims=True), np.float32(1.0))
    communities = community_vectors.astype(np.float32)
    return FastFeatures(
        interests=interest_vectors.astype(np.float32),
        seek_share=seek_share,
        communities=communities,
        segment_sets=_bits(list(sets), vocabulary.segments),
        others_left=np.hstack([seek_share, offer, communities]),
        others_right=np.hstack([offer, seek_share, communities]),
        sector=sector.astype(np.int16),
        organization=organization.astype(np.int32),
    )


def _segment_groups(
    profiles: Sequence[Profile], known: dict[tuple[str, ...], int]
) -> tuple[dict[tuple[str, ...], int], Ints]:
    sets = dict(known)
    group = [sets.setdefault(tuple(sorted(set(p.segments))), len(sets)) for p in profiles]
    return sets, np.array(group, dtype=np.int64)


def _numbering(values: Iterable[str]) -> dict[str, int]:
    return {value: n for n, value in enumerate(sorted(set(values)))}


def _vocabulary(profiles: Sequence[Profile], catalog: Catalog) -> Vocabulary:
    return Vocabulary(
        interests=_numbering(
            [*catalog.interest_labels, *(i for p in profiles for i in p.interest_ids)]
        ),
        intents=_numbering(
            [*catalog.intent_phrases, *(k for p in profiles for k in (*p.seeking, *p.offering))]
        ),
        segments=_numbering(s for p in profiles for s in p.segments),
        communities=_numbering(c for p in profiles for c in p.community_ids),
        sectors=_numbering([*catalog.sector_phrases, *(p.sector for p in profiles if p.sector)]),
        organizations=_numbering(p.organization_id for p in profiles if p.organization_id),
    )


def _bits(rows: Sequence[Iterable[str]], columns: dict[str, int]) -> Floats32:
    bits = np.zeros((len(rows), len(columns)), dtype=np.float32)
    for row, values in enumerate(rows):
        bits[row, [columns[v] for v in values]] = 1.0
    return bits


def _unit_rows(matrix: Floats) -> Floats:
    norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
    unit: Floats = matrix / np.where(norms > 0, norms, 1.0)[:, None]
    return unit


def _idf(interest_bits: Floats32) -> Floats:
    people = interest_bits.shape[0]
    ticked_by = interest_bits.sum(axis=0, dtype=np.float64)
    idf: Floats = np.log((1.0 + people) / (1.0 + ticked_by)) + 1.0
    return idf


def _code(value: str | None, columns: dict[str, int]) -> int:
    return -1 if value is None else columns[value]


def build_index(
    profiles: Sequence[Profile], catalog: Catalog | None = None, weights: Weights | None = None
) -> MatchIndex:
    """Encode the event's profiles; ids must be unique."""
    catalog = catalog or Catalog()
    position = {p.id: n for n, p in enumerate(profiles)}
    if len(position) != len(profiles):
        raise ValueError("profile ids must be unique")
    vocabulary = _vocabulary(profiles, catalog)
    interest_bits = _bits([p.interest_ids for p in profiles], vocabulary.interests)
    idf = _idf(interest_bits)
    communities = _bits([p.community_ids for p in profiles], vocabulary.communities)
    interest_vectors = _unit_rows(interest_bits * idf)
    community_vectors = _unit_rows(communities.astype(np.float64))
    seek = _bits([p.seeking for p in profiles], vocabulary.intents)
    offer = _bits([p.offering for p in profiles], vocabulary.intents)
    sector = np.array([_code(p.sector, vocabulary.sectors) for p in profiles], dtype=np.int64)
    organization = np.array(
        [_code(p.organization_id, vocabulary.organizations) for p in profiles], dtype=np.int64
    )
    sets, segment_group = _segment_groups(profiles, {})
    return MatchIndex(
        profiles=tuple(profiles),
        catalog=catalog,
        weights=weights or Weights(),
        position=position,
        vocabulary=vocabulary,
        interest_bits=interest_bits,
        idf=idf,
        interest_vectors=interest_vectors,
        seek=seek,
        offer=offer,
        segment_bits=_bits([p.segments for p in profiles], vocabulary.segments),
        community_vectors=community_vectors,
        sector=sector,
        organization=organization,
        open_to_competitors=np.array([p.open_to_competitors for p in profiles], dtype=np.bool_),
        listed=np.array([p.listed for p in profiles], dtype=np.bool_),
        segment_sets=sets,
        segment_group=segment_group,
        fast=_fast(
            interest_vectors, seek, offer, community_vectors, sector, organization, sets, vocabulary
        ),
    )


Array = TypeVar("Array", bound=np.ndarray[Any, Any])


def _with_row(array: Array, row: int, value: Any) -> Array:
    copy = array.copy()
    copy[row] = value
    return copy


def update_profile(index: MatchIndex, profile: Profile) -> MatchIndex:
    """Return the index with one person's profile replaced (or added).

    Equal to `build_index` over the edited profiles, but only re-encodes one row when the
    profile uses known vocabulary (interest rarity is refreshed for everyone, cheaply).
    """
    row = index.position.get(profile.id)
    vocabulary = index.vocabulary
    if row is None or not vocabulary.covers(profile):
        profiles = list(index.profiles)
        if row is None:
            profiles.append(profile)
        else:
            profiles[row] = profile
        return build_index(profiles, index.catalog, index.weights)
    interest_bits = _with_row(
        index.interest_bits, row, _bits([profile.interest_ids], vocabulary.interests)[0]
    )
    communities = _bits([profile.community_ids], vocabulary.communities)[0].astype(np.float64)
    idf = _idf(interest_bits)
    interest_vectors = _unit_rows(interest_bits * idf)
    seek = _with_row(index.seek, row, _bits([profile.seeking], vocabulary.intents)[0])
    offer = _with_row(index.offer, row, _bits([profile.offering], vocabulary.intents)[0])
    community_vectors = _with_row(index.community_vectors, row, _unit_rows(communities[None, :])[0])
    sector = _with_row(index.sector, row, _code(profile.sector, vocabulary.sectors))
    organization = _with_row(
        index.organization, row, _code(profile.organization_id, vocabulary.organizations)
    )
    sets, group = _segment_groups([profile], index.segment_sets)
    return replace(
        index,
        profiles=(*index.profiles[:row], profile, *index.profiles[row + 1 :]),
        interest_bits=interest_bits,
        idf=idf,
        interest_vectors=interest_vectors,
        seek=seek,
        offer=offer,
        segment_bits=_with_row(
            index.segment_bits, row, _bits([profile.segments], vocabulary.segments)[0]
        ),
        community_vectors=community_vectors,
        sector=sector,
        organization=organization,
        open_to_competitors=_with_row(index.open_to_competitors, row, profile.open_to_competitors),
        listed=_with_row(index.listed, row, profile.listed),
        segment_sets=sets,
        segment_group=_with_row(index.segment_group, row, group[0]),
        fast=_fast(
            interest_vectors, seek, offer, community_vectors, sector, organization, sets, vocabulary
        ),
    )
