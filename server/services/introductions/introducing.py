"""Introducing two people: by someone connected to both, told to both in the same transaction;
an unlisted person is introduced only once they accept."""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import INTRODUCTIONS, PEOPLE
from server.db.transactions import in_transaction
from server.errors import BadUserInput, Conflict, Forbidden, NotFound
from server.notifications.outbox import notify_each
from server.services.common import validation
from server.services.introductions import notices
from server.services.introductions.records import MAX_NOTE_LENGTH, new_introduction, pair_key
from server.services.messages.reach import require_reach
from server.services.people.blocks import is_blocked_between
from server.vocabulary import IntroductionStatus

NOT_CONNECTED = "You can introduce only people you are connected with: {name} is not one of them."
ALREADY = "Someone has already introduced these two people."
NOT_WAITING = "This introduction does not wait for your answer."
CHANGED = "This introduction changed meanwhile. Look at it again."
PENDING, ACCEPTED = IntroductionStatus.PENDING.value, IntroductionStatus.ACCEPTED.value


async def _connected_to(db: Database, by: Document, person: Document) -> None:
    """The introducer must be connected to the person; an unlisted stranger is NOT_FOUND."""
    try:
        await require_reach(db, by["_id"], person["_id"])
    except Forbidden as refusal:
        if person.get("listed") is not True:
            raise NotFound("No such person.") from None
        reason = refusal.extensions.get("reason")
        raise Forbidden(NOT_CONNECTED.format(name=person["name"]), reason=reason) from None


async def _people(db: Database, ids: list[str]) -> dict[str, Document]:
    found = {doc["_id"]: doc async for doc in db[PEOPLE.name].find({"_id": {"$in": ids}})}
    if any(person_id not in found for person_id in ids):
        raise NotFound("No such person.")
    return found


async def introduce(
    db: Database, by: Document, person_id: str, to_id: str, note: str | None, now: datetime
) -> Document:
    """Introduce `person_id` to `to_id`. Introducing the same pair again is harmless (the
    first introduction is returned); someone else's introduction of them is CONFLICT."""
    if person_id == to_id:
        raise BadUserInput("Choose two different people to introduce.", field="toPersonId")
    if by["_id"] in (person_id, to_id):
        raise BadUserInput("You cannot introduce yourself: ask to meet instead.", field="personId")
    note = validation.optional_text(note, "note", MAX_NOTE_LENGTH)
    people = await _people(db, [person_id, to_id])
    for other in (person_id, to_id):
        await _connected_to(db, by, people[other])
    if await is_blocked_between(db, person_id, to_id):
        raise Forbidden("These two people cannot be introduced.", reason="CANNOT_INTRODUCE")
    doc = new_introduction(by, people[person_id], people[to_id], note, now)
    names = {by["_id"]: by["name"], **{key: value["name"] for key, value in people.items()}}

    async def work(session: AsyncClientSession) -> None:
        await db[INTRODUCTIONS.name].insert_one(doc, session=session)
        if doc["status"] == ACCEPTED:
            told = [notices.introduced(doc, p, names) for p in doc["introduced"]]
        else:
            told = [notices.asked(doc, p, names) for p in doc["awaiting"]]
        await notify_each(db, session, told, now=now)

    try:
        await in_transaction(db, work)
    except DuplicateKeyError:
        earlier = await db[INTRODUCTIONS.name].find_one({"pair": pair_key(person_id, to_id)})
        if earlier is None or earlier["by_id"] != by["_id"]:
            raise Conflict(ALREADY, reason="ALREADY_INTRODUCED") from None
        return earlier
    return doc


async def respond(
    db: Database, person: Document, introduction_id: str, accept: bool, now: datetime
) -> Document:
    """An unlisted person accepts or declines being introduced. Once nobody else's answer is
    awaited the introduction holds, and the other person is told; a decline tells nobody."""
    person_id = person["_id"]
    introduction = await db[INTRODUCTIONS.name].find_one({"_id": introduction_id})
    if introduction is None or person_id not in introduction["introduced"]:
        raise NotFound("No such introduction.")
    if introduction["status"] != PENDING or person_id not in introduction["awaiting"]:
        status = introduction["status"]
        raise Conflict(NOT_WAITING, reason="WRONG_STATE", status=status)
    waiting = {"_id": introduction_id, "status": PENDING, "awaiting": person_id}
    if not accept:
        update = {"$set": {"status": IntroductionStatus.DECLINED.value, "awaiting": []}}
        declined = await db[INTRODUCTIONS.name].find_one_and_update(
            waiting, update, return_document=ReturnDocument.AFTER
        )
        if declined is None:
            raise Conflict(CHANGED, reason="CHANGED")
        return declined
    people = db[PEOPLE.name].find({"_id": {"$in": introduction["people"]}}, {"name": 1})
    names = {doc["_id"]: doc["name"] async for doc in people}

    async def work(session: AsyncClientSession) -> Document:
        collection = db[INTRODUCTIONS.name]
        pull = {"$pull": {"awaiting": person_id}}
        after = await collection.find_one_and_update(
            waiting, pull, return_document=ReturnDocument.AFTER, session=session
        )
        if after is None:
            raise Conflict(CHANGED, reason="CHANGED")
        if after["awaiting"]:
            return after
        holds = {"$set": {"status": ACCEPTED, "accepted_at": now}}
        after = await collection.find_one_and_update(
            {"_id": introduction_id}, holds, return_document=ReturnDocument.AFTER, session=session
        )
        assert after is not None  # read in this transaction just before
        told = [notices.introduced(after, p, names) for p in after["introduced"] if p != person_id]
        await notify_each(db, session, told, now=now)
        return after

    return await in_transaction(db, work)
