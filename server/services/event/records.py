"""The event this deployment serves (one database holds one event)."""

from __future__ import annotations

from server.db.client import Database, Document
from server.db.collections import EVENTS
from server.errors import NotFound


async def get_event(db: Database) -> Document:
    event = await db[EVENTS.name].find_one({})
    if event is None:
        raise NotFound("No event has been set up yet. An organizer must import one.")
    return event
