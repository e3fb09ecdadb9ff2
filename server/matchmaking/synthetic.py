"""Seeded synthetic events and timetable instances shaped like a healthcare-technology expo."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from server.matchmaking.suggestions.records import DEFAULT_INTENT_PHRASES, Catalog, Profile
from server.matchmaking.timetable.instance import Attendee, CandidatePair, Slot, TimetableInstance

SECTORS = ("VENDOR", "PROVIDER", "SERVICE_ORGANIZATION", "PRIVATE_PRACTICE", "ACADEMIC",
           "EDUCATION", "NONPROFIT", "GOVERNMENT", "PAYER", "OTHER")  # fmt: skip
SECTOR_SHARE = (0.32, 0.24, 0.16, 0.05, 0.06, 0.04, 0.04, 0.03, 0.03, 0.03)
INTENTS = tuple(DEFAULT_INTENT_PHRASES)


def _zipf_choice(rng: np.random.Generator, options: int, count: int) -> list[int]:
    weights = 1.0 / np.arange(1, options + 1) ** 0.8
    picked = rng.choice(options, size=min(count, options), replace=False, p=weights / weights.sum())
    return sorted(int(p) for p in picked)


def _organizations(rng: np.random.Generator, people: int) -> npt.NDArray[np.int64]:
    """Organization number of each person: sizes 1-40, most small, in shuffled order."""
    sizes = np.minimum(rng.geometric(1 / 8, size=people), 40)
    org_of = np.repeat(np.arange(people), sizes)[:people]
    return rng.permutation(org_of).astype(np.int64)


def synthetic_event(
    people: int, seed: int = 0, interests: int = 160, segments: int = 40, communities: int = 12
) -> tuple[list[Profile], Catalog]:
    """Profiles with organizations of 1-40 people, Zipf-popular interests and segments."""
    rng = np.random.default_rng(seed)
    organizations = max(1, people // 8)
    org_sector = rng.choice(len(SECTORS), size=organizations, p=SECTOR_SHARE)
    org_segments = [
        _zipf_choice(rng, segments, int(rng.integers(1, 4))) for _ in range(organizations)
    ]
    org_of = rng.zipf(1.6, size=people) % organizations
    profiles = []
    for n in range(people):
        org = int(org_of[n])
        ticks = int(min(rng.geometric(1 / 7), 50))
        member = rng.random() < 0.3
        profiles.append(
            Profile(
                id=f"p{n}",
                organization_id=f"o{org}" if rng.random() < 0.95 else None,
                sector=SECTORS[int(org_sector[org])],
                segments=tuple(f"s{s}" for s in org_segments[org]),
                interest_ids=tuple(f"i{i}" for i in _zipf_choice(rng, interests, ticks)),
                seeking=tuple(
                    INTENTS[i] for i in _zipf_choice(rng, len(INTENTS), int(rng.integers(0, 4)))
                ),
                offering=tuple(
                    INTENTS[i] for i in _zipf_choice(rng, len(INTENTS), int(rng.integers(0, 4)))
                ),
                community_ids=tuple(
                    f"c{c}" for c in _zipf_choice(rng, communities, int(rng.integers(1, 3)))
                )
                if member
                else (),
                open_to_competitors=bool(rng.random() < 0.7),
                listed=bool(rng.random() < 0.97),
            )
        )
    catalog = Catalog(
        interest_labels={f"i{i}": f"topic {i}" for i in range(interests)},
        community_names={f"c{c}": f"community {c}" for c in range(communities)},
    )
    return profiles, catalog


def synthetic_timetable(
    people: int, seed: int = 0, slots: int = 12, pairs_per_person: float = 6.0
) -> TimetableInstance:
    """12 slots over two days, tables for a sixth of the people, ~6 candidate pairs each.

    Most people are free all day; some miss a few slots or come for one day only; they want
    3-8 meetings; pairs join people of different organizations who share a free slot.
    """
    rng = np.random.default_rng(seed)
    slot_records = tuple(
        Slot(f"d{1 + s // (slots // 2)}-{s % (slots // 2):02d}") for s in range(slots)
    )
    half = slots // 2
    available = []
    for _ in range(people):
        roll = rng.random()
        if roll < 0.15:
            free = set(range(half)) if rng.random() < 0.5 else set(range(half, slots))
        else:
            free = set(range(slots)) - set(
                rng.choice(slots, size=int(rng.integers(0, 4)), replace=False)
            )
        available.append(free)
    org_of = rng.integers(0, max(1, people // 5), size=people)
    seen: set[tuple[int, int]] = set()
    pair_list: list[CandidatePair] = []
    target = int(people * pairs_per_person / 2)
    for _attempt in range(50 * target + 100):
        if len(pair_list) >= target:
            break
        a, b = (int(x) for x in rng.integers(0, people, size=2))
        key = (min(a, b), max(a, b))
        if a == b or key in seen or org_of[a] == org_of[b] or not available[a] & available[b]:
            continue
        seen.add(key)
        pair_list.append(CandidatePair(f"p{a}", f"p{b}", round(float(rng.uniform(0.05, 1.0)), 3)))
    return TimetableInstance(
        slots=slot_records,
        locations=tuple(f"T{t:04d}" for t in range(max(1, people // 6))),
        people=tuple(
            Attendee(
                f"p{n}",
                f"o{org_of[n]}",
                int(rng.integers(3, 9)),
                tuple(slot_records[s].id for s in sorted(available[n])),
            )
            for n in range(people)
        ),
        pairs=tuple(pair_list),
    )
