"""What the matchmaking engine needs, read from the database into its plain records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from server.db.client import Database, Document
from server.db.collections import (
    COMMUNITIES,
    DISMISSALS,
    INTERESTS,
    MEETINGS,
    ORGANIZATIONS,
    PEOPLE,
)
from server.matchmaking.suggestions.records import DEFAULT_INTENT_PHRASES, Catalog, Profile
from server.services.follow_ups.matching import reopened
from server.services.matchmaking.collaboration_signals import Signals, load_signals

PROFILE_FIELDS = {
    "organization_id": 1, "interest_ids": 1, "seeking": 1, "offering": 1, "community_ids": 1,
    "open_to_competitors": 1, "listed": 1,
}  # fmt: skip


@dataclass(frozen=True)
class EngineInputs:
    profiles: list[Profile]
    catalog: Catalog
    exclusions: dict[str, set[str]]


def profile_of(person: Document, organization: Document | None) -> Profile:
    return Profile(
        id=person["_id"],
        organization_id=person.get("organization_id"),
        sector=organization.get("sector") if organization else None,
        segments=tuple(organization.get("segments", ())) if organization else (),
        interest_ids=tuple(person.get("interest_ids", ())),
        seeking=tuple(person.get("seeking", ())),
        offering=tuple(person.get("offering", ())),
        community_ids=tuple(person.get("community_ids", ())),
        open_to_competitors=bool(person.get("open_to_competitors", False)),
        listed=bool(person.get("listed", False)),
    )


async def load_profiles(
    db: Database, changed_since: datetime | None = None, signals: Signals | None = None
) -> list[Profile]:
    """Everyone's profile, or those of people changed since a time, with what their projects
    and challenges add (`signals`, read now if not given)."""
    signals = signals if signals is not None else await load_signals(db)
    organizations = {doc["_id"]: doc async for doc in db[ORGANIZATIONS.name].find({})}
    query = {} if changed_since is None else {"updated_at": {"$gte": changed_since}}
    people = db[PEOPLE.name].find(query, PROFILE_FIELDS).sort("_id", 1)
    return [
        signals.extend(profile_of(p, organizations.get(p.get("organization_id"))))
        async for p in people
    ]


async def load_catalog(db: Database, signals: Signals | None = None) -> Catalog:
    signals = signals if signals is not None else await load_signals(db)
    labels = {doc["_id"]: doc["label"] async for doc in db[INTERESTS.name].find({}, {"label": 1})}
    names = {doc["_id"]: doc["name"] async for doc in db[COMMUNITIES.name].find({}, {"name": 1})}
    names.update(signals.community_names)
    if not signals.intent_phrases:
        return Catalog(interest_labels=labels, community_names=names)
    phrases = {**DEFAULT_INTENT_PHRASES, **signals.intent_phrases}
    return Catalog(interest_labels=labels, community_names=names, intent_phrases=phrases)


async def load_exclusions(db: Database) -> dict[str, set[str]]:
    """Who must never be suggested to whom: dismissed (one way), blocked (both ways), and
    people with a pending or accepted meeting together (both ways; except, after a meeting,
    for whoever recorded NO_SHOW: see follow_ups/matching.py)."""
    excluded: dict[str, set[str]] = defaultdict(set)
    async for doc in db[DISMISSALS.name].find({}, {"person_id": 1, "other_id": 1, "kind": 1}):
        excluded[doc["person_id"]].add(doc["other_id"])
        if doc["kind"] == "BLOCKED":
            excluded[doc["other_id"]].add(doc["person_id"])
    missed = await reopened(db)
    async for doc in db[MEETINGS.name].find({"holds_slot": True}, {"participants": 1}):
        if len(doc["participants"]) == 2:
            first, second = doc["participants"]
            if (doc["_id"], first) not in missed:
                excluded[first].add(second)
            if (doc["_id"], second) not in missed:
                excluded[second].add(first)
    return dict(excluded)


async def load_inputs(db: Database) -> EngineInputs:
    signals = await load_signals(db)
    return EngineInputs(
        profiles=await load_profiles(db, signals=signals),
        catalog=await load_catalog(db, signals),
        exclusions=await load_exclusions(db),
    )
