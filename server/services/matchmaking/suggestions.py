"""Stored suggestion lists: written by matchmaking, read with dismissals and blocks applied."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo import ReplaceOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import DISMISSALS, EXPOSURE_COUNTS, MEETINGS, PEOPLE, SUGGESTIONS
from server.matchmaking.suggestions.engine import Suggestion
from server.matchmaking.suggestions.reasons import ReasonKind
from server.services.common import validation
from server.services.follow_ups.matching import reopened
from server.services.introductions.reading import introduced_to

CHUNK = 500


@dataclass(frozen=True)
class ShownSuggestion:
    person: Document
    score: float
    reasons: list[dict[str, str]]


def _list_doc(viewer_id: str, entries: Iterable[Suggestion], now: datetime) -> dict[str, Any]:
    items = [
        {
            "person_id": entry.person_id,
            "score": round(entry.score, 6),
            "reasons": [{"kind": str(r.kind), "detail": r.detail} for r in entry.reasons],
        }
        for entry in entries
    ]
    return {"_id": viewer_id, "items": items, "computed_at": now}


async def _in_chunks(
    collection: Any, writes: list[Any], session: AsyncClientSession | None = None
) -> None:
    for start in range(0, len(writes), CHUNK):
        await collection.bulk_write(writes[start : start + CHUNK], ordered=False, session=session)


async def store_lists(
    db: Database,
    lists: Mapping[str, Iterable[Suggestion]],
    now: datetime,
    previous: Mapping[str, set[str]] | None = None,
    session: AsyncClientSession | None = None,
) -> None:
    """Replace the stored lists of these viewers. Given their `previous` lists, the counts of
    lists showing each person move by the difference (a whole-event run recounts instead)."""
    lists = {viewer: tuple(entries) for viewer, entries in lists.items()}
    writes = [
        ReplaceOne({"_id": viewer}, _list_doc(viewer, entries, now), upsert=True)
        for viewer, entries in lists.items()
    ]
    await _in_chunks(db[SUGGESTIONS.name], writes, session)
    if previous is None:
        return
    delta: Counter[str] = Counter()
    for viewer, entries in lists.items():
        delta.update(entry.person_id for entry in entries)
        delta.subtract(previous.get(viewer, set()))
    changes = [
        UpdateOne({"_id": person}, {"$inc": {"shown": change}}, upsert=True)
        for person, change in delta.items()
        if change
    ]
    await _in_chunks(db[EXPOSURE_COUNTS.name], changes, session)


async def recount_exposure(db: Database, lists: Mapping[str, Iterable[Suggestion]]) -> None:
    """Counts of lists showing each person, from a complete set of lists."""
    counts = Counter(entry.person_id for entries in lists.values() for entry in entries)
    await db[EXPOSURE_COUNTS.name].delete_many({})
    docs = [{"_id": person, "shown": shown} for person, shown in counts.items()]
    for start in range(0, len(docs), CHUNK):
        await db[EXPOSURE_COUNTS.name].insert_many(docs[start : start + CHUNK], ordered=False)


async def exposure_counts(db: Database, people: Iterable[str]) -> dict[str, int]:
    """In how many stored lists each of these people appears."""
    cursor = db[EXPOSURE_COUNTS.name].find({"_id": {"$in": sorted(set(people))}})
    return {doc["_id"]: doc["shown"] async for doc in cursor}


async def _hidden_from(db: Database, viewer_id: str) -> set[str]:
    """People the viewer dismissed or blocked, people who blocked the viewer, and people the
    viewer already has a pending or accepted meeting with (stored lists predate those), save
    after a meeting the viewer recorded as a NO_SHOW (follow_ups/matching.py)."""
    query = {"$or": [{"person_id": viewer_id}, {"other_id": viewer_id, "kind": "BLOCKED"}]}
    hidden: set[str] = set()
    async for doc in db[DISMISSALS.name].find(query, {"person_id": 1, "other_id": 1}):
        hidden.add(doc["other_id"] if doc["person_id"] == viewer_id else doc["person_id"])
    meetings = (
        await db[MEETINGS.name]
        .find({"participants": viewer_id, "holds_slot": True}, {"participants": 1})
        .to_list()
    )
    missed = await reopened(db, viewer_id) if meetings else set()
    for doc in meetings:
        if (doc["_id"], viewer_id) not in missed:
            hidden.update(doc["participants"])
    hidden.discard(viewer_id)
    return hidden


async def suggestions_for(db: Database, viewer: Document, first: int) -> list[ShownSuggestion]:
    """The viewer's best `first` suggestions still valid now: listed, not dismissed or blocked,
    no meeting already pending or accepted between them. People introduced to the viewer come
    first, whatever the engine thought, with who introduced them as the first reason."""
    validation.page_size(first)
    stored = await db[SUGGESTIONS.name].find_one({"_id": viewer["_id"]})
    introduced = await introduced_to(db, viewer["_id"])
    if stored is None and not introduced:
        return []
    hidden = await _hidden_from(db, viewer["_id"])
    pins = {pin.person_id: pin for pin in introduced if pin.person_id not in hidden}
    scored = {item["person_id"]: item for item in (stored or {}).get("items", [])}
    items = [item for person_id, item in scored.items() if person_id not in hidden | set(pins)]
    ids = [*pins, *(pin.by_id for pin in pins.values()), *(item["person_id"] for item in items)]
    people = {doc["_id"]: doc async for doc in db[PEOPLE.name].find({"_id": {"$in": ids}})}
    shown = [
        _pinned(people[person_id], people.get(pin.by_id), scored.get(person_id))
        for person_id, pin in pins.items()
        if person_id in people
    ]
    shown += [
        ShownSuggestion(people[item["person_id"]], item["score"], item["reasons"])
        for item in items
        if people.get(item["person_id"], {}).get("listed") is True
    ]
    return shown[:first]


async def is_suggested(db: Database, viewer_id: str, person_id: str) -> bool:
    """Whether the viewer's stored list holds this person (recorded on requests, for the
    organizers' suggestion-to-request rate)."""
    query = {"_id": viewer_id, "items.person_id": person_id}
    return await db[SUGGESTIONS.name].find_one(query, {"_id": 1}) is not None


def _pinned(person: Document, by: Document | None, item: dict[str, Any] | None) -> ShownSuggestion:
    """Someone introduced to the viewer (an unlisted person too: they accepted it)."""
    by_name = by["name"] if by is not None else "someone"
    reason = {"kind": str(ReasonKind.INTRODUCTION), "detail": f"Introduced by {by_name}"}
    score, reasons = (item["score"], item["reasons"]) if item is not None else (0.0, [])
    return ShownSuggestion(person, score, [reason, *reasons])
