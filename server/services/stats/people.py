"""How many people the event has: registered, listed (opted in), and active (signed in once)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from server.db.client import Database
from server.db.collections import PEOPLE


@dataclass(frozen=True)
class PeopleCounts:
    people: int
    listed: int
    active: int


async def count_people(db: Database) -> PeopleCounts:
    people = db[PEOPLE.name]
    registered, listed, active = await asyncio.gather(
        people.count_documents({}),
        people.count_documents({"listed": True}),
        people.count_documents({"first_signed_in_at": {"$ne": None}}),
    )
    return PeopleCounts(registered, listed, active)
