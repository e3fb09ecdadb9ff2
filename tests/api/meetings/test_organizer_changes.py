"""Organizers remove times and places: meetings move where they can and are cancelled otherwise;
nothing is left pointing at a slot or place that no longer exists."""

from __future__ import annotations

import asyncio
from datetime import UTC
from typing import Any

from server.db.client import Database
from server.db.collections import LOCATIONS, MEETINGS
from server.services.meetings.organizer import repair_displaced
from tests.support.clock import ManualClock
from tests.support.meetings import (
    FIRST_SLOT,
    MEETING_HOURS,
    RESPOND,
    SECOND_SLOT,
    SET_HOURS,
    Expo,
    at,
    error_of,
    iso,
)

REMOVE = """mutation($id: ID!) { removeMeetingLocation(id: $id) {
  moved { id startsAt location { id } status changes { action byOrganizer reason } }
  cancelled { id status cancelReason } } }"""
ADD = """mutation($id: ID!, $title: String!) {
  addMeetingLocation(id: $id, name: $title, kind: TABLE) { id name kind } }"""


def _hours(*spans: tuple[object, object]) -> list[dict[str, str]]:
    return [{"startsAt": iso(start), "endsAt": iso(end)} for start, end in spans]  # type: ignore[arg-type]


async def test_removing_a_table_moves_its_meetings_to_another_table(expo: Expo) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)
    report = (await expo.data("olga", REMOVE, id="T01"))["removeMeetingLocation"]
    assert report == {
        "moved": [{
            "id": meeting["id"], "startsAt": "2027-04-12T17:00:00+00:00",
            "location": {"id": "T02"}, "status": "ACCEPTED",
            "changes": [
                {"action": "REQUEST", "byOrganizer": False, "reason": None},
                {"action": "ACCEPT", "byOrganizer": False, "reason": None},
                {"action": "MOVE", "byOrganizer": True,
                 "reason": "The organizers closed the place of this meeting."},
            ],
        }],
        "cancelled": [],
    }  # fmt: skip


async def test_removing_the_last_free_table_cancels_with_the_reason(
    expo: Expo, db: Database
) -> None:
    await db[LOCATIONS.name].delete_many({"_id": {"$in": ["T03"]}})
    first = await expo.booked("ana", "cara", FIRST_SLOT)
    second = await expo.booked("dan", "renee", FIRST_SLOT)
    report = (await expo.data("olga", REMOVE, id="T02"))["removeMeetingLocation"]
    assert report["moved"] == []
    assert report["cancelled"] == [{
        "id": second["id"], "status": "CANCELLED",
        "cancelReason": "The organizers closed the place of this meeting. "
                        "No other time or place was free for both of you.",
    }]  # fmt: skip
    assert await db[MEETINGS.name].count_documents({"location_id": "T02"}) == 0
    assert (await expo.data("ana", "{ myMeetings { location { id } } }")) == {
        "myMeetings": [{"location": {"id": "T01"}}]
    }
    assert first["location"] == {"id": "T01"}


async def test_past_meetings_forget_a_removed_place(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)
    clock.advance(hours=2)
    report = (await expo.data("olga", REMOVE, id="T01"))["removeMeetingLocation"]
    assert report == {"moved": [], "cancelled": []}
    stored = await db[MEETINGS.name].find_one({"_id": meeting["id"]})
    assert stored is not None
    assert (stored["status"], stored["location_id"]) == ("ACCEPTED", None)


async def test_removing_a_slot_moves_meetings_to_the_nearest_slot_free_for_both(
    expo: Expo,
) -> None:
    first = await expo.booked("ana", "cara", FIRST_SLOT)
    second = await expo.booked("dan", "renee", FIRST_SLOT)
    block = "mutation($s: DateTime!, $e: DateTime!) { blockTime(startsAt: $s, endsAt: $e) { id } }"
    await expo.data("dan", block, s=iso(SECOND_SLOT), e=iso(at(12, 19)))  # the rest of the morning
    hours = _hours((SECOND_SLOT, at(12, 19)), *MEETING_HOURS[1:])
    report = (await expo.data("olga", SET_HOURS, hours=hours))["setMeetingHours"]
    assert report == {
        "moved": [
            {"id": first["id"], "startsAt": "2027-04-12T17:20:00+00:00", "location": {"id": "T01"}},
            {
                "id": second["id"],
                "startsAt": "2027-04-12T21:00:00+00:00",
                "location": {"id": "T02"},
            },
        ],
        "cancelled": [],
    }
    event = await expo.data("ana", "{ event { slotMinutes meetingHours { startsAt } } }")
    assert event["event"]["meetingHours"][0] == {"startsAt": "2027-04-12T17:20:00+00:00"}


async def test_a_meeting_with_no_free_slot_left_is_cancelled(expo: Expo) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.booked("ana", "dan", SECOND_SLOT)
    hours = _hours((at(12, 17, 20), at(12, 17, 40)))
    report = (await expo.data("olga", SET_HOURS, hours=hours))["setMeetingHours"]
    assert report == {
        "moved": [],
        "cancelled": [{
            "id": meeting["id"],
            "cancelReason": "The organizers removed this meeting time. "
                            "No other time or place was free for both of you.",
        }],
    }  # fmt: skip


async def test_a_new_slot_length_re_places_meetings_off_the_new_grid(expo: Expo) -> None:
    meeting = await expo.booked("ana", "cara", SECOND_SLOT)  # 17:20
    hours = _hours(*MEETING_HOURS)
    report = (await expo.data("olga", SET_HOURS, hours=hours, minutes=30))["setMeetingHours"]
    assert report["moved"] == [
        {"id": meeting["id"], "startsAt": "2027-04-12T17:30:00+00:00", "location": {"id": "T01"}}
    ]
    [moved] = (await expo.data("cara", "{ myMeetings { endsAt } }"))["myMeetings"]
    assert moved == {"endsAt": "2027-04-12T18:00:00+00:00"}


async def test_bad_meeting_hours_are_refused(expo: Expo) -> None:
    cases = [
        (_hours((at(12, 18), at(12, 19)), (at(12, 18, 30), at(12, 20))), 20, "hours"),
        (_hours((at(12, 17), at(12, 17, 10))), 20, "hours"),
        (_hours((at(11, 17), at(11, 19))), 20, "hours"),  # before the event
        (_hours((at(12, 17), at(12, 19))), 2, "slotMinutes"),
    ]
    for hours, minutes, field in cases:
        error = error_of(await expo.run("olga", SET_HOURS, hours=hours, minutes=minutes))
        assert error == {"code": "BAD_USER_INPUT", "field": field}


async def test_grid_and_places_are_organizers_only(expo: Expo) -> None:
    hours = _hours(*MEETING_HOURS)
    assert error_of(await expo.run("ben", SET_HOURS, hours=hours)) == {"code": "FORBIDDEN"}
    assert error_of(await expo.run("ana", REMOVE, id="T01")) == {"code": "FORBIDDEN"}
    assert error_of(await expo.run("ana", ADD, id="T09", title="Table 9")) == {"code": "FORBIDDEN"}
    assert error_of(await expo.run("olga", REMOVE, id="T99")) == {"code": "NOT_FOUND"}
    added = await expo.data("olga", ADD, id="T09", title="Table 9")
    assert added == {"addMeetingLocation": {"id": "T09", "name": "Table 9", "kind": "TABLE"}}


async def _location_when_moved(db: Database, meeting_id: str, stale: str) -> dict[str, Any]:
    """The meeting once the app's sweep has moved it off the `stale` place (20 s at most)."""
    deadline = asyncio.get_running_loop().time() + 20.0
    while True:
        doc = await db[MEETINGS.name].find_one({"_id": meeting_id})
        assert doc is not None
        if doc["location_id"] != stale or asyncio.get_running_loop().time() > deadline:
            return doc
        await asyncio.sleep(0.1)


async def test_a_booking_landing_on_a_removed_table_after_the_change_is_moved_by_the_sweep(
    expo: Expo, db: Database
) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)  # at T01
    report = (await expo.data("olga", REMOVE, id="T03"))["removeMeetingLocation"]
    assert report == {"moved": [], "cancelled": []}
    # what a booking that read the places before the change and committed after its pass
    # leaves behind (no request can do this by itself any more)
    await db[MEETINGS.name].update_one({"_id": meeting["id"]}, {"$set": {"location_id": "T03"}})
    doc = await _location_when_moved(db, meeting["id"], "T03")
    last = doc["history"][-1]
    assert (doc["location_id"], doc["status"]) == ("T01", "PENDING")
    assert (last["action"], last["by"], last["reason"]) == (
        "MOVE",
        expo.id("olga"),
        "The organizers closed the place of this meeting.",
    )


async def test_the_sweep_looks_again_only_for_a_while_after_a_change(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("olga", SET_HOURS, hours=_hours(*MEETING_HOURS))  # the same hours
    clock.advance(minutes=4)
    await db[MEETINGS.name].update_one(
        {"_id": meeting["id"]},
        {"$set": {"starts_at": at(12, 17, 5)}},  # off the grid
    )
    assert await repair_displaced(db, clock(), reminder_minutes=15) == 0
    still = await db[MEETINGS.name].find_one({"_id": meeting["id"]})
    assert still is not None
    assert still["starts_at"].replace(tzinfo=UTC) == at(12, 17, 5)  # left alone, 4 min after
    await db[MEETINGS.name].update_one({"_id": meeting["id"]}, {"$set": {"starts_at": FIRST_SLOT}})
    await expo.data("olga", SET_HOURS, hours=_hours(*MEETING_HOURS))  # nothing off the grid
    await db[MEETINGS.name].update_one(
        {"_id": meeting["id"]},
        {"$set": {"starts_at": at(12, 17, 5), "updated_at": clock()}},  # after the pass
    )
    # right after a change, the sweep (this call, or the app's own loop) puts it back on the grid
    await repair_displaced(db, clock(), reminder_minutes=15)
    doc = await db[MEETINGS.name].find_one({"_id": meeting["id"]})
    assert doc is not None
    assert (doc["starts_at"].replace(tzinfo=UTC), doc["status"]) == (FIRST_SLOT, "PENDING")
