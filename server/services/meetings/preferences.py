"""A person's meeting preferences: whether bookmarked sessions block meetings, vendor requests."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from server.db.client import Database, Document
from server.db.collections import PEOPLE


@dataclass(frozen=True)
class MeetingPreferences:
    bookmarks_block_meetings: bool = True
    accepts_vendor_requests: bool = False  # exhibitors may request a meeting


def preferences_of(person: Document) -> MeetingPreferences:
    stored = person.get("meeting_preferences") or {}
    return MeetingPreferences(
        bookmarks_block_meetings=stored.get("bookmarks_block_meetings", True),
        accepts_vendor_requests=stored.get("accepts_vendor_requests", False),
    )


async def update_preferences(
    db: Database,
    person: Document,
    *,
    bookmarks_block_meetings: bool | None,
    accepts_vendor_requests: bool | None,
) -> MeetingPreferences:
    """Omitted (None) preferences keep their values."""
    changes = {"bookmarks_block_meetings": bookmarks_block_meetings,
               "accepts_vendor_requests": accepts_vendor_requests}  # fmt: skip
    updated = replace(
        preferences_of(person),
        **{key: value for key, value in changes.items() if value is not None},
    )
    await db[PEOPLE.name].update_one(
        {"_id": person["_id"]}, {"$set": {"meeting_preferences": asdict(updated)}}
    )
    return updated
