"""Stored suggestion lists: written by matchmaking, read with dismissals and blocks applied."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo import ReplaceOne

from server.db.client import Database, Document
from server.db.collections import DISMISSALS, PEOPLE, SUGGESTIONS
from server.matchmaking.suggestions.engine import Suggestion
from server.services import validation

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


async def store_lists(
    db: Database, lists: Mapping[str, Iterable[Suggestion]], now: datetime
) -> None:
    """Replace the stored lists of these viewers, in bulk."""
    writes = [
        ReplaceOne({"_id": viewer}, _list_doc(viewer, entries, now), upsert=True)
        for viewer, entries in lists.items()
    ]
    for start in range(0, len(writes), CHUNK):
        await db[SUGGESTIONS.name].bulk_write(writes[start : start + CHUNK], ordered=False)


async def _hidden_from(db: Database, viewer_id: str) -> set[str]:
    """People the viewer dismissed or blocked, and people who blocked the viewer."""
    query = {"$or": [{"person_id": viewer_id}, {"other_id": viewer_id, "kind": "BLOCKED"}]}
    hidden: set[str] = set()
    async for doc in db[DISMISSALS.name].find(query, {"person_id": 1, "other_id": 1}):
        hidden.add(doc["other_id"] if doc["person_id"] == viewer_id else doc["person_id"])
    return hidden


async def suggestions_for(db: Database, viewer: Document, first: int) -> list[ShownSuggestion]:
    """The viewer's best `first` suggestions still valid now (listed, not dismissed or blocked)."""
    validation.page_size(first)
    stored = await db[SUGGESTIONS.name].find_one({"_id": viewer["_id"]})
    if stored is None:
        return []
    hidden = await _hidden_from(db, viewer["_id"])
    items = [item for item in stored["items"] if item["person_id"] not in hidden]
    ids = [item["person_id"] for item in items]
    people = {
        doc["_id"]: doc async for doc in db[PEOPLE.name].find({"_id": {"$in": ids}, "listed": True})
    }
    shown = [
        ShownSuggestion(people[item["person_id"]], item["score"], item["reasons"])
        for item in items
        if item["person_id"] in people
    ]
    return shown[:first]
