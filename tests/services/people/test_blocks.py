"""A block is one rule, true in both directions, whoever blocked whom."""

from __future__ import annotations

from datetime import timedelta

from server.db.client import Database
from server.db.collections import PEOPLE
from server.services.matchmaking.feedback import block, dismiss
from server.services.people.blocks import blocked_either_way, is_blocked_between
from tests.support.clock import ManualClock
from tests.support.people import add_people


async def _ids(db: Database, clock: ManualClock) -> dict[str, str]:
    rows = [{"email": f"{name}@example.org", "name": name} for name in ("ana", "ben", "cy")]
    await add_people(db, rows, clock())
    return {doc["name"]: doc["_id"] async for doc in db[PEOPLE.name].find({})}


async def test_a_block_holds_both_ways_and_a_dismissal_is_no_block(
    db: Database, clock: ManualClock
) -> None:
    ids = await _ids(db, clock)
    ana = await db[PEOPLE.name].find_one({"_id": ids["ana"]})
    assert ana is not None
    await block(db, ana, ids["ben"], clock(), timedelta(seconds=5))
    await dismiss(db, ana, ids["cy"], clock(), timedelta(seconds=5))

    assert await is_blocked_between(db, ids["ana"], ids["ben"]) is True
    assert await is_blocked_between(db, ids["ben"], ids["ana"]) is True
    assert await is_blocked_between(db, ids["ana"], ids["cy"]) is False
    assert await blocked_either_way(db, ids["ana"]) == {ids["ben"]}
    assert await blocked_either_way(db, ids["ben"]) == {ids["ana"]}
    assert await blocked_either_way(db, ids["cy"]) == set()
