"""Telling matchmaking that collaboration changed: the people concerned are read again and their
lists recomputed shortly (the debounced refresh)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from server.db.client import Database
from server.db.collections import PEOPLE
from server.services.matchmaking.refresh import request_refresh


async def collaboration_changed(
    db: Database, person_ids: Iterable[str], now: datetime, delay: timedelta
) -> None:
    """These people's projects or challenges changed: the index reads them again, and their
    lists (and those showing them) are recomputed shortly (debounced)."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return
    await db[PEOPLE.name].update_many({"_id": {"$in": ids}}, {"$set": {"updated_at": now}})
    await request_refresh(db, ids, now, delay)


async def challenge_changed(
    db: Database, author_id: str, interest_ids: list[str], now: datetime, delay: timedelta
) -> None:
    """A board challenge opened or closed: its author, and the people who work on its interests
    and offer help (whose lists now gain or lose the author), are recomputed."""
    helpers = db[PEOPLE.name].find(
        {"interest_ids": {"$in": interest_ids}, "offering": {"$ne": []}}, {"_id": 1}
    )
    others = [doc["_id"] async for doc in helpers] if interest_ids else []
    await collaboration_changed(db, [author_id], now, delay)
    await request_refresh(db, others, now, delay)
