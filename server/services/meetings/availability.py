"""Who is free when: meeting hours minus blocked times, bookmarked sessions and held slots."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from server.db.client import Database, Document
from server.db.collections import AGENDA_SESSIONS, BLOCKED_TIMES, BOOKMARKS, MEETINGS
from server.errors import Conflict
from server.services.event.records import get_event
from server.services.meetings.grid import Span, grid_of
from server.services.meetings.locations import candidate_locations
from server.services.meetings.participants import visible_person
from server.services.meetings.preferences import preferences_of
from server.services.meetings.states import ACTIVE, status_of
from server.vocabulary import MeetingStatus


async def blocking_spans_of(
    db: Database, people: list[Document], now: datetime
) -> dict[str, list[Span]]:
    """Each person's blocked times, and their bookmarked sessions unless they turned that off
    (three queries, however many people)."""
    ids = [person["_id"] for person in people]
    spans: dict[str, list[Span]] = {person_id: [] for person_id in ids}
    blocks = db[BLOCKED_TIMES.name].find({"person_id": {"$in": ids}, "ends_at": {"$gt": now}})
    async for block in blocks:
        spans[block["person_id"]].append(Span(block["starts_at"], block["ends_at"]))
    readers = [p["_id"] for p in people if preferences_of(p).bookmarks_block_meetings]
    marks = await db[BOOKMARKS.name].find({"person_id": {"$in": readers}}).to_list()
    session_ids = sorted({mark["session_id"] for mark in marks})
    query = {"_id": {"$in": session_ids}, "ends_at": {"$gt": now}}
    times = {
        d["_id"]: Span(d["starts_at"], d["ends_at"])
        async for d in db[AGENDA_SESSIONS.name].find(query)
    }
    for mark in marks:
        if mark["session_id"] in times:
            spans[mark["person_id"]].append(times[mark["session_id"]])
    return spans


async def blocking_spans(db: Database, person: Document, now: datetime) -> list[Span]:
    return (await blocking_spans_of(db, [person], now))[person["_id"]]


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


async def place_load(db: Database, places: list[str], now: datetime) -> Counter[datetime]:
    """How many of these places each future slot has taken, counted by the database."""
    holding = [
        {"status": MeetingStatus.ACCEPTED.value},
        {"status": MeetingStatus.PENDING.value, "expires_at": {"$gt": now}},
    ]
    match = {"location_id": {"$in": places}, "holds_slot": True, "starts_at": {"$gt": now},
             "$or": holding}  # fmt: skip
    pipeline: list[dict[str, Any]] = [
        {"$match": match},
        {"$group": {"_id": "$starts_at", "taken": {"$sum": 1}}},
    ]
    cursor = await db[MEETINGS.name].aggregate(pipeline)
    return Counter({doc["_id"]: doc["taken"] async for doc in cursor})


async def available_slots(
    db: Database, viewer: Document, other: Document, now: datetime
) -> list[Span]:
    """Future slots where both people are free and one of their meeting places is free."""
    grid = grid_of(await get_event(db))
    spans = await blocking_spans_of(db, [viewer, other], now)
    blocked = spans[viewer["_id"]] + spans[other["_id"]]
    held = await active_holds(db, {"participants": {"$in": [viewer["_id"], other["_id"]]}}, now)
    taken = {doc["starts_at"] for doc in held}
    places = await candidate_locations(db, [other, viewer])
    load = await place_load(db, places, now)
    return [
        slot
        for slot in grid.slots(after=now)
        if slot.starts_at not in taken
        and load[slot.starts_at] < len(places)
        and not any(span.overlaps(slot) for span in blocked)
    ]


async def available_slots_with(
    db: Database, viewer: Document, other_id: str, now: datetime
) -> list[Span]:
    """`availableSlots(withPersonId)`: NOT_FOUND for someone the viewer may not see."""
    other = await visible_person(db, viewer, other_id)
    return await available_slots(db, viewer, other, now)
