"""After a whole-event matchmaking run, the people whose list gained someone hear of it once,
in the transaction that stores their new list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database
from server.db.collections import SUGGESTIONS
from server.db.transactions import in_transaction
from server.matchmaking.suggestions.engine import Suggestion
from server.notifications.outbox import notify
from server.services.matchmaking.suggestions import store_lists
from server.vocabulary import NotificationKind

TITLE = "New people to meet"
BODY = "Your suggestions have new people in them, each with the reasons to meet."
# FCM collapses by key on each phone: a person's newest notice of this kind replaces an older
# one not yet shown, while everyone's notices share one push job per chunk of people.
COLLAPSE_KEY = "new-suggestions"
TTL = timedelta(hours=12)  # a later run says the same again; a day-old push says nothing new
IN_CHUNK = 100  # previous lists are read 100 at a time: long `$in` lists are slow on some servers


def gained(previous: set[str], entries: Sequence[Suggestion]) -> bool:
    return any(entry.person_id not in previous for entry in entries)


async def store_and_tell(
    db: Database, lists: Mapping[str, Sequence[Suggestion]], now: datetime
) -> int:
    """Store these viewers' lists (one chunk of a run) and tell those whose list gained
    someone, in one transaction: one inbox write and one push job for them all. Returns how
    many were told."""
    viewers = list(lists)

    async def work(session: AsyncClientSession) -> int:
        before: dict[str, set[str]] = {}
        for start in range(0, len(viewers), IN_CHUNK):
            query = {"_id": {"$in": viewers[start : start + IN_CHUNK]}}
            cursor = db[SUGGESTIONS.name].find(query, {"items.person_id": 1}, session=session)
            async for doc in cursor:
                before[doc["_id"]] = {item["person_id"] for item in doc["items"]}
        await store_lists(db, lists, now, session=session)
        told = [v for v in viewers if gained(before.get(v, set()), lists[v])]
        await notify(
            db, session, told, kind=NotificationKind.NEW_SUGGESTIONS, title=TITLE, body=BODY,
            now=now, collapse_key=COLLAPSE_KEY, ttl=TTL,
        )  # fmt: skip
        return len(told)

    return await in_transaction(db, work)
