"""Telling matchmaking who not to suggest: dismissing a suggestion, blocking a person."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import DISMISSALS
from server.errors import BadUserInput
from server.services.matchmaking.refresh import request_refresh
from server.services.people import blocks
from server.services.people.records import get_person, new_id

DISMISSED = "DISMISSED"
BLOCKED = blocks.BLOCKED


async def _record(
    db: Database, viewer: Document, other_id: str, kind: str, now: datetime
) -> Document:
    if other_id == viewer["_id"]:
        raise BadUserInput("that is you.", field="personId")
    other = await get_person(db, other_id)
    doc = {"_id": new_id(), "person_id": viewer["_id"], "other_id": other_id, "kind": kind,
           "created_at": now}  # fmt: skip
    with contextlib.suppress(DuplicateKeyError):  # saying it twice is fine
        await db[DISMISSALS.name].insert_one(doc)
    return other


async def dismiss(
    db: Database, viewer: Document, other_id: str, now: datetime, refresh_delay: timedelta
) -> None:
    """The viewer never sees this person suggested again; their list refills shortly."""
    await _record(db, viewer, other_id, DISMISSED, now)
    await request_refresh(db, [viewer["_id"]], now, refresh_delay)


async def block(
    db: Database, viewer: Document, other_id: str, now: datetime, refresh_delay: timedelta
) -> None:
    """Neither is suggested to the other again; both lists refill shortly."""
    await _record(db, viewer, other_id, BLOCKED, now)
    await request_refresh(db, [viewer["_id"], other_id], now, refresh_delay)
