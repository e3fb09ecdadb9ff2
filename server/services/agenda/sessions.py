"""The agenda: sessions, filtered by day, track and interest, and each person's bookmarks."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import AGENDA_SESSIONS, BOOKMARKS
from server.errors import NotFound
from server.services.event.records import get_event
from server.services.people.records import new_id


@dataclass(frozen=True)
class AgendaFilter:
    day: date | None = None  # in the event's timezone
    track: str | None = None
    interest_id: str | None = None
    session_ids: frozenset[str] | None = None


async def list_sessions(db: Database, filters: AgendaFilter) -> list[Document]:
    query: dict[str, Any] = {}
    if filters.day is not None:
        zone = ZoneInfo((await get_event(db))["timezone"])
        start = datetime.combine(filters.day, time(), zone)
        query["starts_at"] = {"$gte": start, "$lt": start + timedelta(days=1)}
    if filters.track:
        query["track"] = filters.track
    if filters.interest_id:
        query["interest_ids"] = filters.interest_id
    if filters.session_ids is not None:
        query["_id"] = {"$in": sorted(filters.session_ids)}
    return await db[AGENDA_SESSIONS.name].find(query).sort([("starts_at", 1), ("_id", 1)]).to_list()


async def get_session(db: Database, session_id: str) -> Document:
    session = await db[AGENDA_SESSIONS.name].find_one({"_id": session_id})
    if session is None:
        raise NotFound("No such session.")
    return session


async def bookmark(db: Database, person: Document, session_id: str, now: datetime) -> Document:
    session = await get_session(db, session_id)
    doc = {"_id": new_id(), "person_id": person["_id"], "session_id": session_id, "created_at": now}
    with contextlib.suppress(DuplicateKeyError):  # already bookmarked: that is fine
        await db[BOOKMARKS.name].insert_one(doc)
    return session


async def remove_bookmark(db: Database, person: Document, session_id: str) -> Document:
    session = await get_session(db, session_id)
    await db[BOOKMARKS.name].delete_one({"person_id": person["_id"], "session_id": session_id})
    return session


async def bookmarked_session_ids(db: Database, person_id: str) -> set[str]:
    cursor = db[BOOKMARKS.name].find({"person_id": person_id}, {"session_id": 1})
    return {doc["session_id"] async for doc in cursor}
