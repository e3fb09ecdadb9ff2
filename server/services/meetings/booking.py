"""Holding a slot for two people and a place, atomically: the database refuses a double booking."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.db.collections import EVENTS, LOCATIONS, MEETINGS
from server.db.transactions import in_transaction
from server.errors import Conflict
from server.services.meetings.grid import Grid, Span, grid_of
from server.services.meetings.locations import is_booth_location
from server.services.meetings.records import change
from server.services.meetings.states import Action
from server.services.meetings.transitions import apply
from server.vocabulary import MeetingStatus

Write = Callable[[AsyncClientSession, str], Awaitable[Document]]
Check = Callable[[AsyncClientSession], Awaitable[None]]
NO_PLACE = "No table or booth is free at that time. Pick another time."
GRID_CHANGED = "The organizers changed the meeting times; that time is no longer one of them."


@dataclass(frozen=True)
class Claim:
    """Two people (the one acting first) and a slot; places are tried in the order given."""

    people: tuple[Document, Document]
    slot: Span
    places: tuple[str, ...]
    meeting_id: str | None = None  # a meeting being moved: its own holds do not count

    def busy(self, person_id: str) -> Conflict:
        if person_id == self.people[0]["_id"]:
            return Conflict("You already have a meeting at that time.", reason="YOU_ARE_BUSY")
        name = self.people[1]["name"]
        return Conflict(f"{name} already has a meeting at that time.", reason="OTHER_PERSON_BUSY")


async def release_expired(
    db: Database, session: AsyncClientSession, now: datetime,
    starts_at: datetime | None = None, limit: int = 0,
) -> int:  # fmt: skip
    """Requests (in this slot, or anywhere; at most `limit`, 0: all) that nobody answered in
    time give up their holds and turn EXPIRED, and the people waiting for them are told.
    Returns how many expired."""
    where = {} if starts_at is None else {"starts_at": starts_at}
    due = await db[MEETINGS.name].find(
        {**where, "holds_slot": True, "status": MeetingStatus.PENDING.value,
         "expires_at": {"$lte": now}},
        session=session,
    ).sort("expires_at", 1).limit(limit).to_list()  # fmt: skip
    for meeting in due:
        entry = change(now, Action.EXPIRE.value, None)
        await apply(db, meeting, MeetingStatus.EXPIRED, entry, now, session=session)
    return len(due)


async def grid_in(db: Database, session: AsyncClientSession) -> Grid | None:
    """The grid as this transaction reads it: an organizer may have changed it since the slots
    were checked (None: no event)."""
    fields = {"meeting_hours": 1, "slot_minutes": 1, "timezone": 1}
    event = await db[EVENTS.name].find_one({}, fields, session=session)
    return grid_of(event) if event is not None else None


async def existing_places(db: Database, session: AsyncClientSession, places: list[str]) -> set[str]:
    """Which of these places still exist, as this transaction reads them."""
    cursor = db[LOCATIONS.name].find({"_id": {"$in": places}}, {"_id": 1}, session=session)
    return {doc["_id"] async for doc in cursor}


async def _ensure_on_grid(db: Database, session: AsyncClientSession, slot: Span) -> None:
    grid = await grid_in(db, session)
    if grid is None or slot not in grid.slots():
        raise Conflict(GRID_CHANGED, reason="GRID_CHANGED")


def _pick(free: list[str], retrying: bool) -> str:
    """The first free place; on a retry, any free shared place. Concurrent requests in one slot
    all want its first free table, and all but one conflict on it; a retry that takes the first
    again queues behind the others' commits, one at a time (seen as minute-long requests under
    load), while a spread retry rarely meets another. A free booth stays first: it is the
    exhibitor's own."""
    if retrying and not is_booth_location(free[0]):
        return random.choice(free)  # spreading load, not a secret
    return free[0]


async def _claim(
    db: Database, session: AsyncClientSession, claim: Claim, now: datetime, retrying: bool
) -> str:
    """Inside the transaction: the place this claim gets, or CONFLICT saying why there is none.
    The slot must still be on the grid and the place must still exist (an organizer's change
    since they were read leaves neither to a meeting)."""
    await _ensure_on_grid(db, session, claim.slot)
    await release_expired(db, session, now, claim.slot.starts_at)
    holds: dict[str, Any] = {"starts_at": claim.slot.starts_at, "holds_slot": True}
    if claim.meeting_id is not None:
        holds["_id"] = {"$ne": claim.meeting_id}
    ids = [person["_id"] for person in claim.people]
    meetings = db[MEETINGS.name]
    clash = await meetings.find_one({**holds, "participants": {"$in": ids}}, session=session)
    if clash is not None:
        raise claim.busy(next(i for i in ids if i in clash["participants"]))
    places = list(claim.places)
    existing = await existing_places(db, session, places)
    cursor = meetings.find({**holds, "location_id": {"$in": places}}, session=session)
    taken = {doc["location_id"] async for doc in cursor}
    free = [place for place in places if place in existing and place not in taken]
    if not free:
        raise Conflict(NO_PLACE, reason="NO_LOCATION_FREE")
    return _pick(free, retrying)


async def book(
    db: Database, claim: Claim, now: datetime, write: Write, check: Check | None = None
) -> Document:
    """Run `check(session)` (refusals that no other slot would change, such as quotas), then
    claim the slot and run `write(session, place)`, all in one transaction. A concurrent
    booking that committed first makes the unique indexes refuse ours: a taken place is
    tried again with the next one; a taken person is CONFLICT."""

    attempts = 0

    async def work(session: AsyncClientSession) -> Document:
        nonlocal attempts
        attempts += 1  # with_transaction runs this again after a write conflict
        if check is not None:
            await check(session)
        return await write(session, await _claim(db, session, claim, now, attempts > 1))

    for _ in range(len(claim.places) + 1):
        try:
            return await in_transaction(db, work)
        except DuplicateKeyError as error:
            key = (error.details or {}).get("keyValue") or {}
            if "participants" in key:
                raise claim.busy(key["participants"]) from None
    raise Conflict(NO_PLACE, reason="NO_LOCATION_FREE")
