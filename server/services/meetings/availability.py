"""Who is free when: meeting hours minus blocked times, bookmarked sessions and held slots."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from server.db.client import Database, Document
from server.db.collections import AGENDA_SESSIONS, BLOCKED_TIMES, MEETINGS
from server.errors import Conflict
from server.services.agenda import bookmarked_session_ids
from server.services.event import get_event
from server.services.meetings.grid import Span, grid_of
from server.services.meetings.locations import candidate_locations
from server.services.meetings.preferences import preferences_of
from server.services.meetings.states import ACTIVE, status_of


async def blocking_spans(db: Database, person: Document, now: datetime) -> list[Span]:
    """The person's blocked times, and their bookmarked sessions unless they turned that off."""
    query = {"person_id": person["_id"], "ends_at": {"$gt": now}}
    spans = [Span(d["starts_at"], d["ends_at"]) async for d in db[BLOCKED_TIMES.name].find(query)]
    if preferences_of(person).bookmarks_block_meetings:
        ids = sorted(await bookmarked_session_ids(db, person["_id"]))
        sessions = db[AGENDA_SESSIONS.name].find({"_id": {"$in": ids}, "ends_at": {"$gt": now}})
        spans += [Span(doc["starts_at"], doc["ends_at"]) async for doc in sessions]
    return spans


async def active_holds(db: Database, query: dict[str, object], now: datetime) -> list[Document]:
    """Meetings matching `query` that hold their slot now (expired requests do not)."""
    cursor = db[MEETINGS.name].find({**query, "holds_slot": True, "starts_at": {"$gt": now}})
    return [doc async for doc in cursor if status_of(doc, now) in ACTIVE]


async def ensure_free(
    db: Database, you: Document, other: Document, slot: Span, now: datetime
) -> None:
    """CONFLICT when one of the two blocked the slot or bookmarked a session in it (which of
    these it is stays private)."""
    if any(span.overlaps(slot) for span in await blocking_spans(db, you, now)):
        raise Conflict("You are not available at that time.", reason="YOU_ARE_UNAVAILABLE")
    if any(span.overlaps(slot) for span in await blocking_spans(db, other, now)):
        raise Conflict(
            f"{other['name']} is not available at that time.", reason="OTHER_PERSON_UNAVAILABLE"
        )


async def available_slots(
    db: Database, viewer: Document, other: Document, now: datetime
) -> list[Span]:
    """Future slots where both people are free and one of their meeting places is free."""
    grid = grid_of(await get_event(db))
    blocked = await blocking_spans(db, viewer, now) + await blocking_spans(db, other, now)
    held = await active_holds(db, {"participants": {"$in": [viewer["_id"], other["_id"]]}}, now)
    taken = {doc["starts_at"] for doc in held}
    places = await candidate_locations(db, [other, viewer])
    load = Counter(
        doc["starts_at"] for doc in await active_holds(db, {"location_id": {"$in": places}}, now)
    )
    return [
        slot
        for slot in grid.slots(after=now)
        if slot.starts_at not in taken
        and load[slot.starts_at] < len(places)
        and not any(span.overlaps(slot) for span in blocked)
    ]
