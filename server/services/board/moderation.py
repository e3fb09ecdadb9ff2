"""Moderation: the author or an organizer deletes a post (with its replies and kudos); anyone
who can see a post reports it; organizers read the reports; a challenge is marked closed."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from server.auth.permissions import is_organizer
from server.db.client import Database, Document
from server.db.collections import KUDOS, POST_REPORTS, POSTS
from server.db.transactions import in_transaction
from server.errors import BadUserInput, Forbidden
from server.services.board.access import reader_for
from server.services.board.composer import plain_text
from server.services.board.reading import read_post
from server.services.board.records import find_post, is_open_challenge
from server.services.common.validation import page_size
from server.services.matchmaking.collaboration import challenge_changed
from server.services.people.records import new_id
from server.vocabulary import PostKind

MAX_REASON_LENGTH = 500


async def _own_or_moderated(db: Database, person: Document, post_id: str, doing: str) -> Document:
    """The post, if the person wrote it or is an organizer; others learn only that it exists
    when they can see it."""
    post = await find_post(db, post_id)
    if is_organizer(person) or post.get("author_id") == person["_id"]:
        return post
    await read_post(db, await reader_for(db, person), post_id)  # NOT_FOUND if hidden from them
    raise Forbidden(f"Only its author or an organizer can {doing} a post.")


async def delete_post(
    db: Database, person: Document, post_id: str, now: datetime, refresh_delay: timedelta
) -> None:
    post = await _own_or_moderated(db, person, post_id, "delete")
    replies = db[POSTS.name].find({"reply_to_id": post_id}, {"_id": 1})
    gone = [post_id, *[doc["_id"] async for doc in replies]]

    async def work(session: AsyncClientSession) -> None:
        await db[POSTS.name].delete_many({"_id": {"$in": gone}}, session=session)
        await db[KUDOS.name].delete_many({"post_id": {"$in": gone}}, session=session)

    await in_transaction(db, work)  # reports stay for the organizers, without the post
    if is_open_challenge(post):
        await challenge_changed(db, post["author_id"], post["interest_ids"], now, refresh_delay)


async def close_challenge(
    db: Database, person: Document, post_id: str, now: datetime, refresh_delay: timedelta
) -> Document:
    """The challenge is solved or withdrawn: it stays on the board, closed, and matchmaking
    stops using it. Closing twice is harmless."""
    post = await _own_or_moderated(db, person, post_id, "close")
    if post["kind"] != PostKind.CHALLENGE.value or post.get("reply_to_id") is not None:
        raise BadUserInput("Only a challenge can be closed.", field="postId")
    if post.get("closed_at") is not None:
        return post
    was_open = is_open_challenge(post)
    await db[POSTS.name].update_one({"_id": post_id}, {"$set": {"closed_at": now}})
    if was_open:
        await challenge_changed(db, post["author_id"], post["interest_ids"], now, refresh_delay)
    return {**post, "closed_at": now}


async def report_post(
    db: Database, reporter: Document, post_id: str, reason: str, now: datetime
) -> None:
    """Anyone who can see a post may report it, once (a second report changes nothing)."""
    post = await read_post(db, await reader_for(db, reporter), post_id)
    text = plain_text(reason, "reason", MAX_REASON_LENGTH)
    doc = {
        "_id": new_id(),
        "post_id": post["_id"],
        "reporter_id": reporter["_id"],
        "reason": text,
        "created_at": now,
    }
    with contextlib.suppress(DuplicateKeyError):  # reported before
        await db[POST_REPORTS.name].insert_one(doc)


async def list_reports(db: Database, first: int) -> list[Document]:
    """(Organizers) the newest reports first."""
    cursor = db[POST_REPORTS.name].find({}).sort([("created_at", -1), ("_id", -1)])
    return await cursor.limit(page_size(first)).to_list()
