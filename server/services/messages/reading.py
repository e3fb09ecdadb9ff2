"""Reading conversations: one's list (latest first), one conversation's messages in order,
paged backwards, and marking a conversation read."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import CONVERSATIONS, MESSAGES, NOTIFICATIONS, PEOPLE
from server.db.transactions import in_transaction
from server.errors import BadUserInput, Forbidden, NotFound
from server.services.common import validation
from server.services.messages.reach import require_reach
from server.services.messages.records import conversation_id
from server.vocabulary import NotificationKind


def empty_conversation(one_id: str, other_id: str) -> Document:
    """A conversation not started yet, as one reads it."""
    return {
        "_id": conversation_id(one_id, other_id),
        "people": sorted((one_id, other_id)),
        "seq": 0,
        "last": None,
        "unread": {},
    }


async def conversations_of(db: Database, person_id: str, first: int) -> list[Document]:
    """The person's conversations, the one with the latest message first."""
    validation.page_size(first)
    cursor = db[CONVERSATIONS.name].find({"people": person_id})
    return await cursor.sort([("last_at", -1), ("_id", 1)]).limit(first).to_list()


async def conversation_with(
    db: Database, viewer: Document, other_id: str
) -> tuple[Document, Document]:
    """The conversation with `other_id` and that person: an empty one if they are connected
    but have not written yet; FORBIDDEN if they may not write to each other, NOT_FOUND when the
    person does not exist or is unlisted and not connected."""
    if other_id == viewer["_id"]:
        raise BadUserInput("You cannot message yourself.", field="withPersonId")
    other = await db[PEOPLE.name].find_one({"_id": other_id})
    if other is None:
        raise NotFound("No such person.")
    conversation = await db[CONVERSATIONS.name].find_one(
        {"_id": conversation_id(viewer["_id"], other_id)}
    )
    if conversation is not None:
        return conversation, other
    try:
        await require_reach(db, viewer["_id"], other_id)
    except Forbidden:
        if other.get("listed") is True:
            raise
        raise NotFound("No such person.") from None
    return empty_conversation(viewer["_id"], other_id), other


def _before_seq(before: str | None) -> int | None:
    if before is None:
        return None
    if not before.isdigit():
        raise BadUserInput("the cursor is not one this server gave out.", field="before")
    return int(before)


async def messages_of(
    db: Database, conversation: Document, last: int, before: str | None
) -> list[Document]:
    """The `last` messages before the cursor `before` (a message's cursor), oldest first."""
    validation.page_size(last, "last")
    query: dict[str, object] = {"conversation_id": conversation["_id"]}
    seq = _before_seq(before)
    if seq is not None:
        query["seq"] = {"$lt": seq}
    cursor = db[MESSAGES.name].find(query).sort("seq", -1).limit(last)
    return list(reversed(await cursor.to_list()))


async def mark_read(db: Database, viewer: Document, other_id: str, now: datetime) -> int:
    """Mark the messages `other_id` sent the viewer read (and their inbox notices); returns how
    many were unread. One transaction, so a message arriving meanwhile stays unread."""
    viewer_id = viewer["_id"]
    pair = conversation_id(viewer_id, other_id)

    async def work(session: AsyncClientSession) -> int:
        marked = await db[MESSAGES.name].update_many(
            {"conversation_id": pair, "to_id": viewer_id, "read_at": None},
            {"$set": {"read_at": now}},
            session=session,
        )
        await db[CONVERSATIONS.name].update_one(
            {"_id": pair}, {"$set": {f"unread.{viewer_id}": 0}}, session=session
        )
        notices = {
            "person_id": viewer_id,
            "kind": NotificationKind.MESSAGE.value,
            "about.personId": other_id,
            "read_at": None,
        }
        await db[NOTIFICATIONS.name].update_many(
            notices, {"$set": {"read_at": now}}, session=session
        )
        return marked.modified_count

    return await in_transaction(db, work)
