"""The database itself refuses a second active hold of a person or a place in one slot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pymongo.errors import DuplicateKeyError

from server.db.client import Database
from server.db.collections import MEETINGS, ensure_collections

SLOT = datetime(2027, 4, 12, 17, tzinfo=UTC)


def _hold(meeting_id: str, people: list[str], place: str, holds: bool = True) -> dict[str, object]:
    return {"_id": meeting_id, "participants": people, "location_id": place, "starts_at": SLOT,
            "holds_slot": holds}  # fmt: skip


async def test_a_person_holds_a_slot_once_whichever_side_they_are_on(db: Database) -> None:
    await ensure_collections(db)
    meetings = db[MEETINGS.name]
    await meetings.insert_one(_hold("m1", ["ana", "cara"], "T01"))
    with pytest.raises(DuplicateKeyError):
        await meetings.insert_one(_hold("m2", ["dan", "cara"], "T02"))
    with pytest.raises(DuplicateKeyError):
        await meetings.insert_one(_hold("m3", ["ana", "dan"], "T03"))


async def test_a_place_holds_one_meeting_per_slot(db: Database) -> None:
    await ensure_collections(db)
    meetings = db[MEETINGS.name]
    await meetings.insert_one(_hold("m1", ["ana", "cara"], "T01"))
    with pytest.raises(DuplicateKeyError):
        await meetings.insert_one(_hold("m2", ["dan", "eve"], "T01"))


async def test_meetings_that_no_longer_hold_do_not_block(db: Database) -> None:
    await ensure_collections(db)
    meetings = db[MEETINGS.name]
    await meetings.insert_one(_hold("m1", ["ana", "cara"], "T01", holds=False))
    await meetings.insert_one(_hold("m2", ["ana", "cara"], "T01"))
    await meetings.update_one({"_id": "m2"}, {"$set": {"holds_slot": False}})
    await meetings.insert_one(_hold("m3", ["cara", "dan"], "T01"))
    assert await meetings.count_documents({"holds_slot": True}) == 1
