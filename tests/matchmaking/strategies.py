"""Hypothesis strategies for small events and timetable instances (shared by the tests here)."""

from __future__ import annotations

from hypothesis import strategies as st

from server.matchmaking import (
    Attendee,
    CandidatePair,
    Catalog,
    Profile,
    Slot,
    TimetableInstance,
)

INTERESTS = ("ai", "imaging", "cyber", "sterile", "ultrasound", "mri")
LABELS = {
    "ai": "AI diagnostics",
    "imaging": "imaging service",
    "cyber": "device cybersecurity",
    "sterile": "sterile processing",
    "ultrasound": "ultrasound repair",
    "mri": "MRI safety",
}
COMMUNITIES = {"c1": "Women in HTM", "c2": "Imaging Leaders Circle"}
CATALOG = Catalog(interest_labels=LABELS, community_names=COMMUNITIES)
INTENTS = ("CROSS_REFERRAL", "MENTORSHIP", "PROCUREMENT")


def _subset(options: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(options), unique=True, max_size=len(options)).map(tuple)


@st.composite
def profiles(draw: st.DrawFn, size: int) -> Profile:
    return Profile(
        id=f"p{size}",
        organization_id=draw(st.sampled_from([None, "o1", "o2", "o3", "o4"])),
        sector=draw(st.sampled_from([None, "VENDOR", "PROVIDER", "SERVICE_ORGANIZATION"])),
        segments=draw(_subset(("ultrasound service", "imaging parts", "biomed staffing"))),
        interest_ids=draw(_subset(INTERESTS)),
        seeking=draw(_subset(INTENTS)),
        offering=draw(_subset(INTENTS)),
        community_ids=draw(_subset(tuple(COMMUNITIES))),
        open_to_competitors=draw(st.booleans()),
        listed=draw(st.booleans().map(lambda hidden: not hidden) | st.just(True)),
    )


@st.composite
def events(draw: st.DrawFn, max_people: int = 14) -> tuple[list[Profile], dict[str, set[str]]]:
    """Profiles p0..pN and exclusions between them."""
    people = draw(st.integers(min_value=1, max_value=max_people))
    found = [draw(profiles(n)) for n in range(people)]
    ids = [p.id for p in found]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=8))
    exclusions: dict[str, set[str]] = {}
    for a, b in pairs:
        exclusions.setdefault(a, set()).add(b)
    return found, exclusions


@st.composite
def instances(draw: st.DrawFn, max_people: int = 7, max_pairs: int = 7) -> TimetableInstance:
    slots = tuple(Slot(f"s{n}") for n in range(draw(st.integers(1, 3))))
    tables = tuple(f"T{n}" for n in range(draw(st.integers(1, 3))))
    people = tuple(
        Attendee(
            id=f"p{n}",
            organization=draw(st.sampled_from([None, "o1", "o2"])),
            max_meetings=draw(st.integers(0, 3)),
            available=tuple(s.id for s in slots if draw(st.booleans())),
        )
        for n in range(draw(st.integers(2, max_people)))
    )
    ids = [p.id for p in people]
    ends = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda ab: ab[0] != ab[1])
    chosen = draw(st.lists(ends, max_size=max_pairs, unique_by=lambda ab: frozenset(ab)))
    weight = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.8, 1.0])
    pairs = tuple(CandidatePair(a, b, draw(weight)) for a, b in chosen)
    return TimetableInstance(slots, tables, people, pairs)
