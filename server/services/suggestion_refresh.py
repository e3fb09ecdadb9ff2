"""Refreshing suggestion lists shortly after a profile changes, off the request path.

A change asks for a refresh due a few seconds later (another change pushes it back: debounced).
Any app process may take due requests; a lease lets another take over if one dies midway.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument, UpdateOne

from server.db.client import Database
from server.db.collections import SUGGESTION_REFRESHES, SUGGESTIONS
from server.matchmaking.suggestions.engine import Suggestion, suggest_for
from server.matchmaking.suggestions.index import build_index
from server.services.matchmaking_inputs import EngineInputs, load_inputs
from server.services.matchmaking_settings import MatchmakingSettings, get_settings
from server.services.suggestions import store_lists

LEASE = timedelta(seconds=120)
BATCH = 200


async def request_refresh(
    db: Database, person_ids: Iterable[str], now: datetime, delay: timedelta
) -> None:
    writes = [
        UpdateOne(
            {"_id": person_id},
            {"$set": {"due_at": now + delay}, "$setOnInsert": {"lease_until": now}},
            upsert=True,
        )
        for person_id in dict.fromkeys(person_ids)
    ]
    if writes:
        await db[SUGGESTION_REFRESHES.name].bulk_write(writes, ordered=False)


async def _claim(db: Database, now: datetime) -> list[tuple[str, datetime]]:
    """Due requests nobody holds, leased to this process: (person id, due time)."""
    claimed: list[tuple[str, datetime]] = []
    refreshes = db[SUGGESTION_REFRESHES.name]
    while len(claimed) < BATCH:
        doc = await refreshes.find_one_and_update(
            {"due_at": {"$lte": now}, "lease_until": {"$lte": now}},
            {"$set": {"lease_until": now + LEASE}},
            return_document=ReturnDocument.AFTER,
        )
        if doc is None:
            break
        claimed.append((doc["_id"], doc["due_at"]))
    return claimed


async def _at_capacity(db: Database, cap: int | None) -> frozenset[str]:
    """People already shown in `cap` stored lists."""
    if cap is None:
        return frozenset()
    pipeline: list[dict[str, Any]] = [
        {"$unwind": "$items"},
        {"$group": {"_id": "$items.person_id", "shown": {"$sum": 1}}},
        {"$match": {"shown": {"$gte": cap}}},
    ]
    cursor = await db[SUGGESTIONS.name].aggregate(pipeline)
    return frozenset([doc["_id"] async for doc in cursor])


def _recompute(
    inputs: EngineInputs,
    settings: MatchmakingSettings,
    viewers: Sequence[str],
    full: frozenset[str],
) -> dict[str, tuple[Suggestion, ...]]:
    index = build_index(inputs.profiles, inputs.catalog, settings.weights)
    return {
        viewer: suggest_for(index, viewer, inputs.exclusions, settings.list_size, full - {viewer})
        for viewer in viewers
        if viewer in index.position
    }


async def refresh_due(db: Database, now: datetime) -> int:
    """Recompute the lists of people whose refresh is due, and of those who list them."""
    claimed = await _claim(db, now)
    if not claimed:
        return 0
    changed = [person_id for person_id, _ in claimed]
    listing = db[SUGGESTIONS.name].find({"items.person_id": {"$in": changed}}, {"_id": 1})
    viewers = list(dict.fromkeys([*changed, *[doc["_id"] async for doc in listing]]))
    settings = await get_settings(db)
    inputs = await load_inputs(db)
    full = await _at_capacity(db, settings.exposure_cap)
    lists = await asyncio.to_thread(_recompute, inputs, settings, viewers, full)
    await store_lists(db, lists, now)
    refreshes = db[SUGGESTION_REFRESHES.name]
    for person_id, due_at in claimed:
        done = await refreshes.delete_one({"_id": person_id, "due_at": due_at})
        if done.deleted_count == 0:  # changed again meanwhile: free it for its own turn
            await refreshes.update_one({"_id": person_id}, {"$set": {"lease_until": now}})
    return len(viewers)
