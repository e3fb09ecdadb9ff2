"""Refreshing suggestion lists shortly after a profile changes, off the request path.

A change asks for a refresh due a few seconds later (another change pushes it back: debounced).
Any app process may take due requests; a lease lets another take over if one dies midway.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime, timedelta

from pymongo import ReturnDocument, UpdateOne

from server.db.client import Database
from server.db.collections import SUGGESTION_REFRESHES, SUGGESTIONS
from server.matchmaking.suggestions.engine import Suggestion, suggest_for
from server.matchmaking.suggestions.index import MatchIndex
from server.matchmaking.suggestions.pools import Exclusions
from server.services.matchmaking.index_cache import MatchIndexCache
from server.services.matchmaking.inputs import load_exclusions
from server.services.matchmaking.settings import MatchmakingSettings, get_settings
from server.services.matchmaking.suggestions import exposure_counts, store_lists

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


def _capped_lists(
    index: MatchIndex,
    pools: dict[str, tuple[Suggestion, ...]],
    shown: dict[str, int],
    exclusions: Exclusions,
    k: int,
    cap: int,
    current: dict[str, set[str]],
) -> dict[str, tuple[Suggestion, ...]]:
    """Each viewer's list from their pool, leaving out people already in `cap` other lists."""
    lists: dict[str, tuple[Suggestion, ...]] = {}
    for viewer, pool in pools.items():
        mine = current.get(viewer, set())
        full = {
            s.person_id for s in pool if shown.get(s.person_id, 0) - (s.person_id in mine) >= cap
        }
        lists[viewer] = suggest_for(index, viewer, exclusions, k, full)
        for entry in lists[viewer]:  # later viewers in this batch see these places taken
            if entry.person_id not in mine:
                shown[entry.person_id] = shown.get(entry.person_id, 0) + 1
    return lists


async def _new_lists(
    db: Database,
    index: MatchIndex,
    viewers: list[str],
    exclusions: Exclusions,
    settings: MatchmakingSettings,
    current: dict[str, set[str]],
) -> dict[str, tuple[Suggestion, ...]]:
    """Each viewer's list again, the engine's work in a worker thread so that the event loop
    keeps serving requests meanwhile."""
    k, cap = settings.list_size, settings.exposure_cap
    viewers = [viewer for viewer in viewers if viewer in index.position]
    depth = k if cap is None else 3 * k

    def pools_of() -> dict[str, tuple[Suggestion, ...]]:
        return {viewer: suggest_for(index, viewer, exclusions, depth) for viewer in viewers}

    pools = await asyncio.to_thread(pools_of)
    if cap is None:
        return pools
    shown = await exposure_counts(db, (s.person_id for pool in pools.values() for s in pool))
    return await asyncio.to_thread(_capped_lists, index, pools, shown, exclusions, k, cap, current)


async def refresh_due(db: Database, now: datetime, cache: MatchIndexCache) -> int:
    """Recompute the lists of people whose refresh is due, and of those who list them."""
    claimed = await _claim(db, now)
    if not claimed:
        return 0
    changed = [person_id for person_id, _ in claimed]
    current: dict[str, set[str]] = {}
    # two indexed queries: an $or of them scans the whole collection on some servers
    for query in ({"_id": {"$in": changed}}, {"items.person_id": {"$in": changed}}):
        async for doc in db[SUGGESTIONS.name].find(query, {"items.person_id": 1}):
            current[doc["_id"]] = {item["person_id"] for item in doc["items"]}
    viewers = list(dict.fromkeys([*changed, *current]))
    settings = await get_settings(db)
    index = await cache.current(db, settings.weights, now)
    exclusions = await load_exclusions(db)
    lists = await _new_lists(db, index, viewers, exclusions, settings, current)
    await store_lists(db, lists, now, previous=current)
    refreshes = db[SUGGESTION_REFRESHES.name]
    for person_id, due_at in claimed:
        done = await refreshes.delete_one({"_id": person_id, "due_at": due_at})
        if done.deleted_count == 0:  # changed again meanwhile: free it for its own turn
            await refreshes.update_one({"_id": person_id}, {"$set": {"lease_until": now}})
    return len(lists)
