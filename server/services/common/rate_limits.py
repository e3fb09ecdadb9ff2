"""Fixed-window counters kept in the database, so a limit holds across app processes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from server.db.client import Database
from server.db.collections import SIGNIN_ATTEMPTS
from server.errors import RateLimited

LIMIT_MESSAGE = "Too many sign-in attempts. Try again in {minutes} minutes."


@dataclass(frozen=True)
class Window:
    key: str
    limit: int
    seconds: int
    refusal: str = LIMIT_MESSAGE  # may use {minutes} and {seconds}

    def bounds(self, now: datetime) -> tuple[str, datetime]:
        start = int(now.timestamp()) // self.seconds * self.seconds
        return f"{self.key}@{start}", datetime.fromtimestamp(start + self.seconds, UTC)


def _refuse(window: Window, ends_at: datetime, now: datetime) -> RateLimited:
    seconds = max(1, math.ceil((ends_at - now).total_seconds()))  # waiting that long is enough
    minutes = max(1, round(seconds / 60))
    return RateLimited(window.refusal.format(minutes=minutes, seconds=seconds), seconds)


async def count(db: Database, window: Window, now: datetime) -> None:
    """Count one attempt; refuse it if the window already holds `limit` of them."""
    doc_id, ends_at = window.bounds(now)
    update = {"$inc": {"count": 1}, "$setOnInsert": {"expires_at": ends_at}}
    collection = db[SIGNIN_ATTEMPTS.name]
    try:
        doc = await collection.find_one_and_update(
            {"_id": doc_id}, update, upsert=True, return_document=ReturnDocument.AFTER
        )
    except DuplicateKeyError:  # two first attempts raced to create the window
        doc = await collection.find_one_and_update(
            {"_id": doc_id}, update, return_document=ReturnDocument.AFTER
        )
    if doc is not None and doc["count"] > window.limit:
        raise _refuse(window, ends_at, now)


async def ensure_open(db: Database, window: Window, now: datetime) -> None:
    """Refuse, without counting, when the window is already full."""
    doc_id, ends_at = window.bounds(now)
    doc = await db[SIGNIN_ATTEMPTS.name].find_one({"_id": doc_id, "expires_at": {"$gt": now}})
    if doc is not None and doc["count"] >= window.limit:
        raise _refuse(window, ends_at, now)
