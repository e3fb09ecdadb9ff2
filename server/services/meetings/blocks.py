"""Times a person blocks for meetings (they are free in all other meeting hours by default)."""

from __future__ import annotations

from datetime import datetime, timedelta

from server.db.client import Database, Document
from server.db.collections import BLOCKED_TIMES
from server.errors import BadUserInput, NotFound
from server.services.common import validation
from server.services.meetings.grid import as_utc
from server.services.people.records import new_id

MAX_BLOCKS = 100
MAX_BLOCK_LENGTH = timedelta(days=3)
MAX_NOTE_LENGTH = 120


async def block_time(
    db: Database, person: Document, starts_at: datetime, ends_at: datetime, note: str | None,
    now: datetime,
) -> Document:  # fmt: skip
    starts_at, ends_at = as_utc(starts_at, "startsAt"), as_utc(ends_at, "endsAt")
    if ends_at <= starts_at:
        raise BadUserInput("endsAt must be after startsAt.", field="endsAt")
    if ends_at - starts_at > MAX_BLOCK_LENGTH:
        raise BadUserInput("Block at most three days at once.", field="endsAt")
    blocks = db[BLOCKED_TIMES.name]
    if await blocks.count_documents({"person_id": person["_id"]}) >= MAX_BLOCKS:
        raise BadUserInput(f"You can block at most {MAX_BLOCKS} times.", field="startsAt")
    doc = {
        "_id": new_id(),
        "person_id": person["_id"],
        "starts_at": starts_at,
        "ends_at": ends_at,
        "note": validation.optional_text(note, "note", MAX_NOTE_LENGTH),
        "created_at": now,
    }
    await blocks.insert_one(doc)
    return doc


async def unblock_time(db: Database, person: Document, block_id: str) -> None:
    result = await db[BLOCKED_TIMES.name].delete_one({"_id": block_id, "person_id": person["_id"]})
    if result.deleted_count == 0:
        raise NotFound("No such blocked time.")


async def list_blocks(db: Database, person_id: str) -> list[Document]:
    cursor = db[BLOCKED_TIMES.name].find({"person_id": person_id}).sort("starts_at", 1)
    return await cursor.to_list()
