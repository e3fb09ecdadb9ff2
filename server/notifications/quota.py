"""FCM's 429 pauses the whole project, not one dispatcher: the pause's end is one document that
every dispatcher, in any process, reads before it claims a job and before each batch it sends."""

from __future__ import annotations

from datetime import datetime

from server.db.client import Database
from server.db.collections import PUSH_PAUSES
from server.notifications.targets import utc

PAUSE_ID = "fcm"


async def pause_sending(db: Database, until: datetime) -> None:
    """No dispatcher sends before `until`; a pause already longer stays as it is."""
    await db[PUSH_PAUSES.name].update_one(
        {"_id": PAUSE_ID}, {"$max": {"until": until}}, upsert=True
    )


async def paused_until(db: Database, now: datetime) -> datetime | None:
    """The end of the pause under way, or None when sending may go on."""
    doc = await db[PUSH_PAUSES.name].find_one({"_id": PAUSE_ID})
    if doc is None:
        return None
    until = utc(doc["until"])
    return until if until > now else None
