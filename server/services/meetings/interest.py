"""Mutual interest: one person says they want to meet another; when both have, the pair is
eligible for the organizers' auto-scheduling."""

from __future__ import annotations

import contextlib
from datetime import datetime

from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import MEETING_INTERESTS
from server.errors import BadUserInput
from server.services.meetings.participants import visible_person


def _interest_id(from_id: str, to_id: str) -> str:
    return f"{from_id}>{to_id}"


async def express_interest(
    db: Database, person: Document, other_id: str, now: datetime
) -> tuple[Document, bool]:
    """Record it (doing it twice is harmless); returns the other person and whether it is mutual."""
    if other_id == person["_id"]:
        raise BadUserInput("You cannot express interest in yourself.", field="personId")
    other = await visible_person(db, person, other_id)
    doc = {"_id": _interest_id(person["_id"], other_id), "from_id": person["_id"],
           "to_id": other_id, "created_at": now}  # fmt: skip
    with contextlib.suppress(DuplicateKeyError):  # said before: that is fine
        await db[MEETING_INTERESTS.name].insert_one(doc)
    back = await db[MEETING_INTERESTS.name].find_one({"_id": _interest_id(other_id, person["_id"])})
    return other, back is not None


async def withdraw_interest(db: Database, person: Document, other_id: str) -> bool:
    """True when there was an interest to withdraw."""
    result = await db[MEETING_INTERESTS.name].delete_one(
        {"_id": _interest_id(person["_id"], other_id)}
    )
    return result.deleted_count > 0


async def mutual_pairs(db: Database) -> set[tuple[str, str]]:
    """Every pair (ids sorted) where each expressed interest in the other."""
    said = {(doc["from_id"], doc["to_id"]) async for doc in db[MEETING_INTERESTS.name].find({})}
    return {(a, b) for a, b in said if a < b and (b, a) in said}


async def interests_of(db: Database, person_id: str) -> list[tuple[str, bool]]:
    """Whom the person wants to meet, oldest first, each with whether it is mutual."""
    interests = db[MEETING_INTERESTS.name]
    said = await interests.find({"from_id": person_id}).sort("created_at", 1).to_list()
    back = {
        doc["from_id"]
        async for doc in interests.find(
            {"to_id": person_id, "from_id": {"$in": [d["to_id"] for d in said]}}
        )
    }
    return [(doc["to_id"], doc["to_id"] in back) for doc in said]


async def is_mutual(db: Database, one_id: str, other_id: str) -> bool:
    """Whether each of the two expressed interest in the other (one indexed read)."""
    ids = [_interest_id(one_id, other_id), _interest_id(other_id, one_id)]
    return await db[MEETING_INTERESTS.name].count_documents({"_id": {"$in": ids}}) == 2
