"""Kudos: one per person and post (the database's unique index says so), counted when shown;
the author hears of each."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import KUDOS
from server.db.transactions import in_transaction
from server.errors import BadUserInput
from server.notifications.outbox import notify_each
from server.services.board.access import reader_for
from server.services.board.notices import kudos_notice
from server.services.board.reading import read_post
from server.services.people.records import new_id


async def give_kudos(db: Database, giver: Document, post_id: str, now: datetime) -> Document:
    """The post; giving kudos twice changes nothing and tells nobody again."""
    post = await read_post(db, await reader_for(db, giver), post_id)
    if post.get("author_id") == giver["_id"]:
        raise BadUserInput("Kudos are for other people's posts.", field="postId")
    doc = {"_id": new_id(), "post_id": post_id, "person_id": giver["_id"], "created_at": now}

    async def work(session: AsyncClientSession) -> None:
        await db[KUDOS.name].insert_one(doc, session=session)
        if post.get("author_id"):
            notice = kudos_notice(post["author_id"], giver["name"], post)
            await notify_each(db, session, [notice], now=now)

    with contextlib.suppress(DuplicateKeyError):  # given before: one per person
        await in_transaction(db, work)
    return post


async def kudos_counts(db: Database, post_ids: Sequence[str]) -> dict[str, int]:
    """Kudos of each post, one aggregate for them all (posts without any are missing)."""
    pipeline: list[dict[str, Any]] = [
        {"$match": {"post_id": {"$in": list(post_ids)}}},
        {"$group": {"_id": "$post_id", "count": {"$sum": 1}}},
    ]
    cursor = await db[KUDOS.name].aggregate(pipeline)
    return {doc["_id"]: doc["count"] async for doc in cursor}


async def kudos_given(db: Database, person_id: str, post_ids: Sequence[str]) -> set[str]:
    """Which of these posts the person gave kudos to."""
    query = {"person_id": person_id, "post_id": {"$in": list(post_ids)}}
    return {doc["post_id"] async for doc in db[KUDOS.name].find(query, {"post_id": 1})}
