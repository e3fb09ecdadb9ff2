"""Blocks between two people: the one rule every feature asks before letting them reach each
other (requests, interest, slots, messages, posts, profile views), in both directions."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import DISMISSALS

BLOCKED = "BLOCKED"


async def is_blocked_between(db: Database, one_id: str, other_id: str) -> bool:
    """True when either of the two blocked the other."""
    pairs = [
        {"person_id": one_id, "other_id": other_id, "kind": BLOCKED},
        {"person_id": other_id, "other_id": one_id, "kind": BLOCKED},
    ]
    for pair in pairs:  # two indexed equality reads: no top-level $or (a scan on SecantusDB)
        if await db[DISMISSALS.name].find_one(pair, {"_id": 1}) is not None:
            return True
    return False


async def blocked_either_way(db: Database, person_id: str) -> set[str]:
    """Everyone this person blocked or was blocked by."""
    found: set[str] = set()
    async for doc in db[DISMISSALS.name].find(
        {"person_id": person_id, "kind": BLOCKED}, {"other_id": 1}
    ):
        found.add(doc["other_id"])
    async for doc in db[DISMISSALS.name].find(
        {"other_id": person_id, "kind": BLOCKED}, {"person_id": 1}
    ):
        found.add(doc["person_id"])
    return found
