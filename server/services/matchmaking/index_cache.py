"""This process's copy of the engine's index, kept current by reading only what changed.

A refresh after one edit then costs milliseconds of engine time instead of a rebuild. The copy
is rebuilt from scratch when weights or the interest and community names change, when people
were deleted, and at least every few minutes (an organization's sector or segments changing is
seen then, or at the next whole-event run).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from server.db.client import Database
from server.db.collections import PEOPLE
from server.matchmaking.suggestions.index import MatchIndex, build_index, update_profile
from server.matchmaking.suggestions.records import Catalog, Profile, Weights
from server.services.matchmaking.collaboration_signals import load_signals
from server.services.matchmaking.inputs import load_catalog, load_profiles

OVERLAP = timedelta(seconds=10)  # re-read recent changes: another process's clock may lag
REBUILD_EVERY = timedelta(minutes=10)


@dataclass
class _Snapshot:
    index: MatchIndex
    synced_at: datetime
    built_at: datetime


def _apply(index: MatchIndex, changed: list[Profile]) -> MatchIndex:
    for profile in changed:
        index = update_profile(index, profile)
    return index


class MatchIndexCache:
    def __init__(self) -> None:
        self._snapshot: _Snapshot | None = None

    def _stale(
        self, snapshot: _Snapshot, catalog: Catalog, weights: Weights, now: datetime
    ) -> bool:
        index = snapshot.index
        return (
            index.weights != weights
            or index.catalog != catalog
            or now - snapshot.built_at > REBUILD_EVERY
        )

    async def current(self, db: Database, weights: Weights, now: datetime) -> MatchIndex:
        signals = await load_signals(db)  # projects and challenges: read once for both
        catalog = await load_catalog(db, signals)
        snapshot = self._snapshot
        if snapshot is None or self._stale(snapshot, catalog, weights, now):
            profiles = await load_profiles(db, signals=signals)
            index = await asyncio.to_thread(build_index, profiles, catalog, weights)
            self._snapshot = _Snapshot(index, synced_at=now, built_at=now)
            return index
        changed = await load_profiles(db, snapshot.synced_at - OVERLAP, signals)
        index = await asyncio.to_thread(_apply, snapshot.index, changed)
        if await db[PEOPLE.name].estimated_document_count() < index.size:  # someone was deleted
            self._snapshot = None
            return await self.current(db, weights, now)
        self._snapshot = _Snapshot(index, synced_at=now, built_at=snapshot.built_at)
        return index
