"""A booking that read the places and the grid before an organizer changed them: its
transaction reads them again, so no meeting is held at a removed place or off the grid."""

from __future__ import annotations

import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import MEETINGS, PEOPLE
from server.errors import Conflict
from server.services.event.records import get_event
from server.services.meetings.booking import Claim, book
from server.services.meetings.grid import grid_of, slot_at
from server.services.meetings.locations import candidate_locations
from server.services.meetings.records import new_meeting
from server.vocabulary import MeetingSource, MeetingStatus
from tests.api.meetings.test_organizer_changes import REMOVE, _hours
from tests.support.clock import ManualClock
from tests.support.meetings import MEETING_HOURS, SECOND_SLOT, SET_HOURS, Expo


async def _claim_read_now(expo: Expo, db: Database, clock: ManualClock) -> Claim:
    """Ana asking Cara for the second slot, with the slot and the places as they are now."""
    ids = [expo.id("ana"), expo.id("cara")]
    people = {doc["_id"]: doc async for doc in db[PEOPLE.name].find({"_id": {"$in": ids}})}
    ana, cara = people[ids[0]], people[ids[1]]
    slot = slot_at(grid_of(await get_event(db)), SECOND_SLOT, clock())
    places = await candidate_locations(db, [cara, ana])
    assert places == ["T01", "T02", "T03"]
    return Claim((ana, cara), slot, tuple(places))


async def _hold(db: Database, claim: Claim, clock: ManualClock) -> Document:
    """Book the claim as a request does."""
    ana, cara = claim.people
    meeting = new_meeting(
        ana, cara, claim.slot, status=MeetingStatus.PENDING, source=MeetingSource.REQUEST,
        message=None, expires_at=claim.slot.starts_at, now=clock(), by=ana["_id"],
    )  # fmt: skip

    async def write(session: AsyncClientSession, place: str) -> Document:
        doc = {**meeting, "location_id": place}
        await db[MEETINGS.name].insert_one(doc, session=session)
        return doc

    return await book(db, claim, clock(), write)


async def test_a_place_removed_after_it_was_read_is_not_held(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    claim = await _claim_read_now(expo, db, clock)
    await expo.data("olga", REMOVE, id="T01")
    assert (await _hold(db, claim, clock))["location_id"] == "T02"
    for table in ("T02", "T03"):  # that meeting moves to T03, then is cancelled
        await expo.data("olga", REMOVE, id=table)
    with pytest.raises(Conflict) as refused:
        await _hold(db, claim, clock)
    assert refused.value.extensions == {"reason": "NO_LOCATION_FREE"}
    assert await db[MEETINGS.name].count_documents({"holds_slot": True}) == 0


async def test_a_slot_removed_after_it_was_read_is_not_held(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    claim = await _claim_read_now(expo, db, clock)
    await expo.data("olga", SET_HOURS, hours=_hours(*MEETING_HOURS[1:]))  # not the first span
    with pytest.raises(Conflict) as refused:
        await _hold(db, claim, clock)
    assert (refused.value.extensions, refused.value.message) == (
        {"reason": "GRID_CHANGED"},
        "The organizers changed the meeting times; that time is no longer one of them.",
    )
    assert await db[MEETINGS.name].count_documents({}) == 0
