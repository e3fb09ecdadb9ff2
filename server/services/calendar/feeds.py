"""Feed tokens: random, shown to their person, stored only as a digest, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import CALENDAR_FEEDS, PEOPLE


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_path(token: str) -> str:
    return f"/calendar/{token}.ics"


async def issue_feed_token(db: Database, person: Document, now: datetime) -> str:
    """A new secret feed token; the previous one stops working."""
    feeds = db[CALENDAR_FEEDS.name]
    token = secrets.token_urlsafe(32)
    for _ in range(3):
        await feeds.delete_many({"person_id": person["_id"]})
        try:
            await feeds.insert_one(
                {"_id": _digest(token), "person_id": person["_id"], "created_at": now}
            )
        except DuplicateKeyError:  # a concurrent call for the same person: replace theirs
            continue
        return token
    raise RuntimeError("could not store a calendar feed token")


async def revoke_feed_token(db: Database, person: Document) -> bool:
    """True when there was a feed to revoke."""
    result = await db[CALENDAR_FEEDS.name].delete_many({"person_id": person["_id"]})
    return result.deleted_count > 0


async def feed_owner(db: Database, token: str) -> Document | None:
    """The person whose feed this token opens, or None (unknown or revoked)."""
    feed = await db[CALENDAR_FEEDS.name].find_one({"_id": _digest(token)})
    if feed is None:
        return None
    return await db[PEOPLE.name].find_one({"_id": feed["person_id"]})
