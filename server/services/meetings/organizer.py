"""Organizer changes to the grid and its places; displaced meetings are re-placed or cancelled."""

from __future__ import annotations

import contextlib
import itertools
from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import EVENTS, LOCATIONS, MEETINGS, PEOPLE
from server.db.transactions import in_transaction
from server.errors import BadUserInput, Conflict, NotFound
from server.services.common import validation
from server.services.event.records import get_event
from server.services.meetings.availability import available_slots
from server.services.meetings.booking import release_expired
from server.services.meetings.grid import Span, as_utc, grid_of
from server.services.meetings.participants import people_of
from server.services.meetings.replacing import ChangeReport, replace_or_cancel
from server.vocabulary import LocationKind

MAX_SPANS = 60
REPAIR_WINDOW = timedelta(minutes=3)  # longer than a transaction retries (120 s)
SLOT_MINUTES = range(5, 241)
SLOT_GONE = "The organizers removed this meeting time."
PLACE_GONE = "The organizers closed the place of this meeting."


def _checked_hours(event: Document, hours: list[Span], slot_minutes: int) -> list[Span]:
    if slot_minutes not in SLOT_MINUTES:
        raise BadUserInput("slotMinutes must be between 5 and 240.", field="slotMinutes")
    if len(hours) > MAX_SPANS:
        raise BadUserInput(f"At most {MAX_SPANS} spans of meeting hours.", field="hours")
    spans = sorted(Span(as_utc(h.starts_at, "hours"), as_utc(h.ends_at, "hours")) for h in hours)
    for span in spans:
        if span.ends_at - span.starts_at < timedelta(minutes=slot_minutes):
            raise BadUserInput("Each span of meeting hours must hold one slot.", field="hours")
        if span.starts_at < event["starts_at"] or span.ends_at > event["ends_at"]:
            raise BadUserInput("Meeting hours must lie within the event.", field="hours")
    for before, after in itertools.pairwise(spans):
        if before.overlaps(after):
            raise BadUserInput("Spans of meeting hours must not overlap.", field="hours")
    return spans


async def _active_future(db: Database, query: dict[str, object], now: datetime) -> list[Document]:
    async def expire(session: AsyncClientSession) -> int:
        return await release_expired(db, session, now)

    await in_transaction(db, expire)
    cursor = db[MEETINGS.name].find({**query, "holds_slot": True, "starts_at": {"$gt": now}})
    return await cursor.sort("starts_at", 1).to_list()


async def set_meeting_hours(
    db: Database, organizer: Document, hours: list[Span], slot_minutes: int, now: datetime, *,
    reminder_minutes: int,
) -> ChangeReport:  # fmt: skip
    """Meetings no longer on the grid move to the nearest slot free for both, or are cancelled."""
    event = await get_event(db)
    spans = _checked_hours(event, hours, slot_minutes)
    stored = [{"starts_at": s.starts_at, "ends_at": s.ends_at} for s in spans]
    await db[EVENTS.name].update_one(
        {"_id": event["_id"]},
        {"$set": {"meeting_hours": stored, "slot_minutes": slot_minutes,
                  **_changed_by(organizer, now)}},
    )  # fmt: skip
    report = ChangeReport()
    await _repair(db, organizer, now, reminder_minutes, report)
    return report


def _changed_by(organizer: Document, now: datetime) -> dict[str, object]:
    return {"grid_changed_at": now, "grid_changed_by": organizer["_id"]}


async def _nearest_free_slots(db: Database, meeting: Document, now: datetime) -> list[Span]:
    people = await people_of(db, meeting)
    free = await available_slots(db, people[0], people[1], now) if len(people) == 2 else []
    free.sort(key=lambda slot: abs(slot.starts_at - meeting["starts_at"]))
    return free[:5]


async def _repair(
    db: Database, organizer: Document, now: datetime, reminder_minutes: int,
    report: ChangeReport, touched_since: datetime | None = None,
) -> None:  # fmt: skip
    """Every active future meeting (touched since then, if given) off the grid moves to the
    nearest slot free for both, every one at a place that no longer exists to another free
    place at its time; what cannot move is cancelled. One rule for the organizer's change and
    for the sweep after it."""
    grid = grid_of(await get_event(db))
    on_grid = {(slot.starts_at, slot.ends_at) for slot in grid.slots()}
    places = {doc["_id"] async for doc in db[LOCATIONS.name].find({}, {"_id": 1})}
    query: dict[str, object] = {}
    if touched_since is not None:
        query["updated_at"] = {"$gte": touched_since}
    for meeting in await _active_future(db, query, now):
        if (meeting["starts_at"], meeting["ends_at"]) not in on_grid:
            reason, slots = SLOT_GONE, await _nearest_free_slots(db, meeting, now)
        elif meeting.get("location_id") not in places:
            reason, slots = PLACE_GONE, [Span(meeting["starts_at"], meeting["ends_at"])]
        else:
            continue
        with contextlib.suppress(Conflict):  # changed meanwhile: looked at again next time
            await replace_or_cancel(
                db, meeting, slots, organizer, reason, now, report, reminder_minutes
            )


async def repair_displaced(db: Database, now: datetime, *, reminder_minutes: int) -> int:
    """The sweep after an organizer's change: a booking that read the old grid or places before
    the change may commit after the change's own pass (a transaction gives up retrying after
    120 s). For a while after each change, looks again at the meetings booked or changed
    around it; returns how many it moved or cancelled."""
    event = await db[EVENTS.name].find_one({}, {"grid_changed_at": 1, "grid_changed_by": 1})
    if event is None or event.get("grid_changed_at") is None:
        return 0
    if now - event["grid_changed_at"] > REPAIR_WINDOW:
        return 0
    organizer = await db[PEOPLE.name].find_one({"_id": event["grid_changed_by"]})
    report = ChangeReport()
    since = event["grid_changed_at"] - REPAIR_WINDOW  # a booking's clock reads when it began
    await _repair(db, organizer or {"_id": None}, now, reminder_minutes, report, since)
    return len(report.moved) + len(report.cancelled)


async def add_location(db: Database, location_id: str, name: str, kind: LocationKind) -> Document:
    doc = {
        "_id": validation.required_text(location_id, "id", 40),
        "name": validation.required_text(name, "name", validation.MAX_NAME_LENGTH),
        "kind": kind.value,
    }
    await db[LOCATIONS.name].replace_one({"_id": doc["_id"]}, doc, upsert=True)
    return doc


async def remove_location(
    db: Database, organizer: Document, location_id: str, now: datetime, *, reminder_minutes: int
) -> ChangeReport:
    """Its meetings move to another free place at the same time, or are cancelled; past and
    inactive meetings there forget it, so nothing points at a place that no longer exists."""
    removed = await db[LOCATIONS.name].find_one_and_delete({"_id": location_id})
    if removed is None:
        raise NotFound("No such meeting location.")
    await db[EVENTS.name].update_one({}, {"$set": _changed_by(organizer, now)})
    report = ChangeReport()
    await _repair(db, organizer, now, reminder_minutes, report)
    await db[MEETINGS.name].update_many(
        {"location_id": location_id}, {"$set": {"location_id": None}}
    )
    return report
