"""The in-app inbox: a person's own notifications, newest first; marking them read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import NOTIFICATIONS
from server.db.transactions import in_transaction
from server.errors import BadUserInput, NotFound
from server.services.common.validation import page_size

MAX_MARK = 100
# A notice is stamped when its transaction starts, so one committed late can carry a time a
# little before one already seen: catching up replays this much before the last one seen.
REPLAY_WINDOW = timedelta(seconds=60)
MAX_CATCH_UP = 500
NEWEST_FIRST = [("created_at", -1), ("_id", -1)]


async def list_notifications(
    db: Database, person_id: str, first: int, unread_only: bool
) -> list[Document]:
    query: dict[str, Any] = {"person_id": person_id}
    if unread_only:
        query["read_at"] = None
    cursor = db[NOTIFICATIONS.name].find(query).sort(NEWEST_FIRST).limit(page_size(first))
    return await cursor.to_list()


async def unread_count(db: Database, person_id: str) -> int:
    return await db[NOTIFICATIONS.name].count_documents({"person_id": person_id, "read_at": None})


async def mark_read(db: Database, person_id: str, ids: Sequence[str], now: datetime) -> int:
    """Marks the caller's own unread notifications among `ids`; returns how many. Others' ids
    count as nothing: they are neither read nor revealed."""
    if len(ids) > MAX_MARK:
        raise BadUserInput(f"Mark at most {MAX_MARK} notifications at a time.", field="ids")
    wanted = {"_id": {"$in": list(dict.fromkeys(ids))}, "person_id": person_id, "read_at": None}

    async def work(session: AsyncClientSession) -> int:
        unread = await db[NOTIFICATIONS.name].find(wanted, {"_id": 1}, session=session).to_list()
        if not unread:
            return 0
        # no shared read counter on the announcement: thousands opening one announcement at
        # once would all write one document and conflict; reads are counted when asked for
        await db[NOTIFICATIONS.name].update_many(
            {"_id": {"$in": [doc["_id"] for doc in unread]}},
            {"$set": {"read_at": now}},
            session=session,
        )
        return len(unread)

    return await in_transaction(db, work)


async def replay_start(db: Database, person_id: str, after_id: str) -> datetime:
    """Where catching up after `after_id` starts: shortly before it was created."""
    after = await db[NOTIFICATIONS.name].find_one({"_id": after_id, "person_id": person_id})
    if after is None:
        raise NotFound("No such notification.")
    created_at: datetime = after["created_at"]
    return created_at - REPLAY_WINDOW


async def notifications_since(db: Database, person_id: str, since: datetime) -> list[Document]:
    """The person's notifications created at or after `since`, oldest first."""
    query = {"person_id": person_id, "created_at": {"$gte": since}}
    cursor = db[NOTIFICATIONS.name].find(query).sort([("created_at", 1), ("_id", 1)])
    return await cursor.limit(MAX_CATCH_UP).to_list()
