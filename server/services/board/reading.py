"""Reading posts: the board (newest first, by kind and interest), a community's or project's
posts, a post's replies (oldest first), and one post; each as its reader may see it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from server.db.client import Database, Document
from server.db.collections import PEOPLE, POSTS
from server.errors import Forbidden, NotFound
from server.services.board.access import NOT_LISTED, Reader
from server.services.board.records import BOARD, Place, find_post
from server.services.common.pagination import Page, time_cursor, time_position
from server.services.common.validation import page_size
from server.vocabulary import PostKind

SCAN_ROUNDS = 5  # pages read past hidden posts before a page is returned short


async def _authors(db: Database, posts: Sequence[Document]) -> dict[str, Document]:
    ids = list({post["author_id"] for post in posts if post.get("author_id")})
    if not ids:
        return {}
    found = db[PEOPLE.name].find({"_id": {"$in": ids}}, {"listed": 1})
    return {doc["_id"]: doc async for doc in found}


async def _visible_page(
    db: Database,
    reader: Reader,
    query: dict[str, Any],
    first: int,
    after: str | None,
    newest_first: bool,
) -> Page[Document]:
    """A page of the posts matching `query` that the reader sees. Blocked authors are left out
    by the query; the listing rule of the board is checked on each post read."""
    if reader.blocked:
        query = {**query, "author_id": {"$nin": sorted(reader.blocked)}}
    order = -1 if newest_first else 1
    kept: list[Document] = []
    position, exhausted = after, False
    for _ in range(SCAN_ROUNDS):
        where = time_position(position, "created_at", newest_first)
        cursor = db[POSTS.name].find({"$and": [query, where]} if where else query)
        batch = await cursor.sort([("created_at", order), ("_id", order)]).to_list(first + 1)
        authors = await _authors(db, batch)
        kept += [
            post
            for post in batch
            if reader.sees_author_of(post, authors.get(post.get("author_id") or ""))
        ]
        exhausted = len(batch) <= first
        if batch:
            position = time_cursor(batch[-1]["created_at"], batch[-1]["_id"])
        if exhausted or len(kept) > first:
            break
    items = kept[:first]
    if len(kept) > first:
        return Page(items, time_cursor(items[-1]["created_at"], items[-1]["_id"]), True)
    if not exhausted:  # read as far as a request should: the next page goes on from there
        return Page(items, position, True)
    last = time_cursor(items[-1]["created_at"], items[-1]["_id"]) if items else None
    return Page(items, last, False)


async def board_page(
    db: Database,
    reader: Reader,
    kind: PostKind | None,
    interest_id: str | None,
    first: int,
    after: str | None,
) -> Page[Document]:
    """The event-wide board, newest first."""
    if not reader.may_read(Place()):
        raise Forbidden(NOT_LISTED, reason="NOT_LISTED")
    query: dict[str, Any] = {"where": BOARD, "reply_to_id": None}
    if kind is not None:
        query["kind"] = kind.value
    if interest_id is not None:
        query["interest_ids"] = interest_id
    return await _visible_page(db, reader, query, page_size(first), after, newest_first=True)


async def place_page(
    db: Database, reader: Reader, place: Place, first: int, after: str | None
) -> Page[Document]:
    """A community's or a project's posts, newest first; empty to people who may not read it."""
    page_size(first)
    if not reader.may_read(place):
        return Page([], None, False)
    query = {"where": place.key, "reply_to_id": None}
    return await _visible_page(db, reader, query, first, after, newest_first=True)


async def replies_page(
    db: Database, reader: Reader, post: Document, first: int, after: str | None
) -> Page[Document]:
    """A post's replies, oldest first (the post itself was checked by whoever read it)."""
    query = {"reply_to_id": post["_id"]}
    return await _visible_page(db, reader, query, page_size(first), after, newest_first=False)


async def read_post(db: Database, reader: Reader, post_id: str) -> Document:
    """One post (or reply) the reader may see; NOT_FOUND otherwise, as if it did not exist."""
    post = await find_post(db, post_id)
    parent = await find_post(db, post["reply_to_id"]) if post.get("reply_to_id") else None
    for shown in (post, parent):
        if shown is None:
            continue
        authors = await _authors(db, [shown])
        author = authors.get(shown.get("author_id") or "")
        if not (reader.may_read(Place.of(shown)) and reader.sees_author_of(shown, author)):
            raise NotFound("No such post.")
    return post
