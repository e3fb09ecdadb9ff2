"""The rules of MATCHMAKING.md as a checker over finished lists (for tests and benchmarks)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from server.matchmaking.suggestions.engine import NO_EXCLUSIONS, Suggestion
from server.matchmaking.suggestions.pools import Exclusions
from server.matchmaking.suggestions.reasons import Reason, ReasonKind
from server.matchmaking.suggestions.records import Profile

CREATING = {
    ReasonKind.SHARED_INTEREST,
    ReasonKind.COMPLEMENTARY_INTENT,
    ReasonKind.SHARED_COMMUNITY,
}


def colleagues(a: Profile, b: Profile) -> bool:
    return a.organization_id is not None and a.organization_id == b.organization_id


def organizations_compete(
    a_id: str | None, a_segments: Iterable[str], b_id: str | None, b_segments: Iterable[str]
) -> bool:
    """Two organizations compete when they are different and share a market segment."""
    same = a_id is not None and a_id == b_id
    return not same and bool(set(a_segments) & set(b_segments))


def sectors_differ(a: str | None, b: str | None) -> bool:
    """Cross-sector: both sectors known, and different."""
    return None not in (a, b) and a != b


def competitors(a: Profile, b: Profile) -> bool:
    return organizations_compete(a.organization_id, a.segments, b.organization_id, b.segments)


def reason_holds(reason: Reason, viewer: Profile, other: Profile) -> bool:
    """Whether the fact behind a reason is true of both people."""
    kind = reason.kind
    if kind is ReasonKind.SHARED_INTEREST:
        return bool(set(viewer.interest_ids) & set(other.interest_ids))
    if kind is ReasonKind.COMPLEMENTARY_INTENT:
        return bool(
            set(viewer.seeking) & set(other.offering) or set(other.seeking) & set(viewer.offering)
        )
    if kind is ReasonKind.COOPETITION:
        both_open = viewer.open_to_competitors and other.open_to_competitors
        return both_open and competitors(viewer, other)
    if kind is ReasonKind.CROSS_SECTOR:
        return sectors_differ(viewer.sector, other.sector)
    return bool(set(viewer.community_ids) & set(other.community_ids))


def _entry_problems(
    viewer: Profile, other: Profile | None, s: Suggestion, banned: bool
) -> list[str]:
    where = f"{viewer.id} -> {s.person_id}"
    if other is None:
        return [f"{where}: unknown person"]
    checks = [
        (other.id == viewer.id, "suggested to themselves"),
        (colleagues(viewer, other), "colleagues from the same organization"),
        (banned, "excluded (dismissed, blocked or already meeting)"),
        (not other.listed, "unlisted person shown"),
        (
            competitors(viewer, other)
            and not (viewer.open_to_competitors and other.open_to_competitors),
            "competitor suggestion without both open to competitors",
        ),
        (not any(r.kind in CREATING for r in s.reasons), "no reason that creates a match"),
        (not all(reason_holds(r, viewer, other) for r in s.reasons), "a reason is not true"),
        (len({r.kind for r in s.reasons}) != len(s.reasons), "a reason kind repeats"),
    ]
    return [f"{where}: {message}" for failed, message in checks if failed]


def suggestion_violations(
    profiles: Sequence[Profile],
    lists: Mapping[str, Sequence[Suggestion]],
    exclusions: Exclusions = NO_EXCLUSIONS,
    exposure_cap: int | None = None,
) -> list[str]:
    """Every broken rule, one line each (empty when the lists obey MATCHMAKING.md)."""
    by_id = {p.id: p for p in profiles}
    problems: list[str] = []
    shown: Counter[str] = Counter()
    for viewer_id, entries in lists.items():
        viewer = by_id[viewer_id]
        banned = exclusions.get(viewer_id, frozenset())
        for s in entries:
            problems += _entry_problems(viewer, by_id.get(s.person_id), s, s.person_id in banned)
            shown[s.person_id] += 1
        if len({s.person_id for s in entries}) != len(entries):
            problems.append(f"{viewer_id}: a person appears twice in the list")
        if any(a.score < b.score - 1e-6 for a, b in pairwise(entries)):
            problems.append(f"{viewer_id}: list is not ordered by score")
    if exposure_cap is not None:
        problems += [f"{p} appears in {n} lists" for p, n in shown.items() if n > exposure_cap]
    return problems
