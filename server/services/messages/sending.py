"""Sending a message: the message, its place in the conversation and its notice (inbox, live,
push) written in one transaction; a retry with the same client message id stores it once.

In a conversation already open a message costs, after the sign-in check: the rate-limit
counter, the block rule (two reads), and one transaction of four writes (the conversation's
count, the message, the inbox notice, the push job) and its commit. The first message between
two people also checks that they are connected (see reach.py), once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import CONVERSATIONS, MESSAGES, PEOPLE
from server.db.transactions import in_transaction
from server.errors import BadUserInput, Conflict, Forbidden, NotFound
from server.notifications.outbox import notify
from server.services.common import rate_limits
from server.services.messages.reach import Reach, require_reach, require_unblocked
from server.services.messages.records import (
    client_message_id,
    conversation_id,
    message_body,
    new_message,
    preview,
)
from server.services.people.records import new_id
from server.vocabulary import NotificationKind

MAX_PER_MINUTE = 20
PUSH_TTL = timedelta(hours=24)  # a message's push later than this is no use; the inbox keeps it
TOO_FAST = "You are sending messages too quickly. Try again in {seconds} seconds."
REUSED = "This client message id was already used for another message."


class _NotOpen(Exception):
    """No conversation between the two yet: the first message must check they are connected."""


def rate_window(person_id: str) -> rate_limits.Window:
    return rate_limits.Window(f"messages:{person_id}", MAX_PER_MINUTE, 60, TOO_FAST)


async def send_message(
    db: Database,
    sender: Document,
    to_id: str,
    body: str,
    client_id: str | None,
    now: datetime,
) -> Document:
    """Send `body` to `to_id`; returns the stored message (the earlier one on a retry)."""
    if to_id == sender["_id"]:
        raise BadUserInput("You cannot message yourself.", field="toPersonId")
    body, client_id = message_body(body), client_message_id(client_id)
    await rate_limits.count(db, rate_window(sender["_id"]), now)
    await require_unblocked(db, sender["_id"], to_id)
    opening: Reach | None = None
    for _ in range(3):
        try:
            return await _deliver(db, sender, to_id, body, client_id, now, opening)
        except _NotOpen:
            opening = await _first_message_allowed(db, sender["_id"], to_id)
        except DuplicateKeyError:
            earlier = await _sent_before(db, sender["_id"], client_id)
            if earlier is not None:
                if (earlier["to_id"], earlier["body"]) != (to_id, body):
                    raise Conflict(REUSED, reason="CLIENT_MESSAGE_ID_REUSED") from None
                return earlier
            # another first message opened the conversation meanwhile: send into it
    raise Conflict("The conversation changed meanwhile. Send it again.", reason="CHANGED")


async def _first_message_allowed(db: Database, sender_id: str, to_id: str) -> Reach:
    """The person exists and is visible, and the two are connected."""
    other = await db[PEOPLE.name].find_one({"_id": to_id}, {"listed": 1})
    if other is None:
        raise NotFound("No such person.")
    try:
        return await require_reach(db, sender_id, to_id)
    except Forbidden:
        if other.get("listed") is True:
            raise
        raise NotFound("No such person.") from None  # unlisted and not connected: no hint


async def _sent_before(db: Database, sender_id: str, client_id: str | None) -> Document | None:
    if client_id is None:
        return None
    return await db[MESSAGES.name].find_one({"from_id": sender_id, "client_id": client_id})


def _conversation_update(
    message_id: str, sender_id: str, to_id: str, body: str, now: datetime, opening: Reach | None
) -> dict[str, Any]:
    last = {"_id": message_id, "from_id": sender_id, "to_id": to_id, "body": body, "sent_at": now}
    update: dict[str, Any] = {
        "$inc": {"seq": 1, f"unread.{to_id}": 1},
        "$set": {"last_at": now, "last": last},
    }
    if opening is not None:
        update["$setOnInsert"] = {
            "people": sorted((sender_id, to_id)),
            "opened_at": now,
            "opened_by": sender_id,
            "reason": opening.value,
        }
    return update


async def _deliver(
    db: Database,
    sender: Document,
    to_id: str,
    body: str,
    client_id: str | None,
    now: datetime,
    opening: Reach | None,
) -> Document:
    sender_id, message_id = sender["_id"], new_id()
    update = _conversation_update(message_id, sender_id, to_id, body, now, opening)

    async def work(session: AsyncClientSession) -> Document:
        conversation = await db[CONVERSATIONS.name].find_one_and_update(
            {"_id": conversation_id(sender_id, to_id)},
            update,
            upsert=opening is not None,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        if conversation is None:
            raise _NotOpen
        message = new_message(message_id, conversation, sender_id, to_id, body, client_id, now)
        await db[MESSAGES.name].insert_one(message, session=session)
        await notify(
            db,
            session,
            [to_id],
            kind=NotificationKind.MESSAGE,
            title=sender["name"],
            body=preview(body),
            now=now,
            collapse_key=f"messages-{sender_id}",  # the newest message of a conversation shows
            ttl=PUSH_TTL,
            about={"personId": sender_id, "subjectId": message_id},
        )
        return message

    return await in_transaction(db, work)
