"""A large crowd of attendees, each with one phone, written in bulk (for the kill test and the
push benchmark, where importing tens of thousands row by row would dominate the run)."""

from __future__ import annotations

from datetime import datetime

from server.db.client import Database
from server.db.collections import DEVICES, PEOPLE
from server.services.devices.preferences import Preferences, device_prefs
from server.services.people.records import new_id, profile_fields
from server.vocabulary import Role

BULK = 1000


async def add_crowd(db: Database, count: int, now: datetime) -> list[str]:
    """`count` attendees with one Android phone each (token `fid-crowd-<n>`); their ids."""
    ids = [new_id() for _ in range(count)]
    prefs = device_prefs(Preferences())
    for start in range(0, count, BULK):
        chunk = range(start, min(start + BULK, count))
        await db[PEOPLE.name].insert_many([
            {"_id": ids[n], "email": f"crowd{n}@crowd.example", "created_at": now,
             **profile_fields(name=f"Crowd Member {n}", role=Role.ATTENDEE, organization=None,
                              headline=None, interest_ids=[], seeking=[], offering=[],
                              open_to_competitors=True, listed=False, community_ids=[], now=now)}
            for n in chunk
        ])  # fmt: skip
        await db[DEVICES.name].insert_many([
            {"_id": f"fid-crowd-{n:06d}", "person_id": ids[n], "platform": "ANDROID",
             "app_version": "1.0", "last_seen_at": now, "created_at": now, "prefs": prefs}
            for n in chunk
        ])  # fmt: skip
    return ids
