"""Mutual interest and auto-scheduling with the matchmaking engine's timetable optimizer."""

from __future__ import annotations

from typing import Any

from server.db.client import Database
from server.db.collections import LOCATIONS
from server.matchmaking import Suggestion
from server.services.matchmaking.suggestions import store_lists
from tests.api.test_matchmaking import run_matchmaking
from tests.support.clock import ManualClock
from tests.support.meetings import (
    FIRST_SLOT,
    MY_MEETINGS,
    PREFERENCES,
    RESPOND,
    RULES,
    SECOND_SLOT,
    Expo,
    at,
    error_of,
    iso,
)

INTEREST = """mutation($id: ID!) { expressInterest(personId: $id) { person { name } mutual } }"""
WITHDRAW = "mutation($id: ID!) { withdrawInterest(personId: $id) }"
SCHEDULE = """mutation($input: AutoScheduleInput) { autoSchedule(input: $input) {
  meetingsCreated pairsConsidered totalWeight upperBound gap optimal skipped
  meetings { status source startsAt requester { name } invitee { name } location { id } } } }"""
EMAIL = "query($id: ID!) { person(id: $id) { email } }"


async def _mutual(expo: Expo, one: str, other: str) -> None:
    await expo.data(one, INTEREST, id=expo.id(other))
    await expo.data(other, INTEREST, id=expo.id(one))


def _pairs(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return sorted(
        (m["requester"]["name"], m["invitee"]["name"], m["startsAt"]) for m in report["meetings"]
    )


async def test_interest_becomes_mutual_when_both_say_so(expo: Expo) -> None:
    one_way = await expo.data("ana", INTEREST, id=expo.id("cara"))
    assert one_way == {"expressInterest": {"person": {"name": "Cara Chen"}, "mutual": False}}
    both = await expo.data("cara", INTEREST, id=expo.id("ana"))
    assert both == {"expressInterest": {"person": {"name": "Ana Alvarez"}, "mutual": True}}
    mine = await expo.data("ana", "{ myMeetingInterests { person { name } mutual } }")
    assert mine == {"myMeetingInterests": [{"person": {"name": "Cara Chen"}, "mutual": True}]}
    assert await expo.data("ana", WITHDRAW, id=expo.id("cara")) == {"withdrawInterest": True}
    assert await expo.data("ana", WITHDRAW, id=expo.id("cara")) == {"withdrawInterest": False}
    error = error_of(await expo.run("ana", INTEREST, id=expo.id("ana")))
    assert error == {"code": "BAD_USER_INPUT", "field": "personId"}
    assert error_of(await expo.run("ana", INTEREST, id=expo.id("eve"))) == {"code": "NOT_FOUND"}


async def test_auto_schedule_books_mutual_pairs_in_one_step(expo: Expo) -> None:
    await _mutual(expo, "ana", "cara")
    await _mutual(expo, "dan", "renee")
    await expo.data("ana", INTEREST, id=expo.id("dan"))  # one way only: not eligible
    window = {"startsAt": iso(at(12, 17)), "endsAt": iso(at(12, 17, 20))}  # a single slot
    report = (await expo.data("olga", SCHEDULE, input=window))["autoSchedule"]
    assert {key: value for key, value in report.items() if key != "meetings"} == {
        "meetingsCreated": 2, "pairsConsidered": 2, "totalWeight": 2.0, "upperBound": 2.0,
        "gap": 0.0, "optimal": True, "skipped": 0,
    }  # fmt: skip
    assert _pairs(report) == [
        ("Ana Alvarez", "Cara Chen", "2027-04-12T17:00:00+00:00"),
        ("Dan Dimitrov", "Renée Roux", "2027-04-12T17:00:00+00:00"),
    ]
    assert {(m["status"], m["source"]) for m in report["meetings"]} == {
        ("ACCEPTED", "MUTUAL_INTEREST")
    }
    assert sorted(m["location"]["id"] for m in report["meetings"]) == ["T01", "T02"]
    # both wanted it: they are connections now
    assert await expo.data("ana", EMAIL, id=expo.id("cara")) == {
        "person": {"email": "cara@bolt.example"}
    }
    again = (await expo.data("olga", SCHEDULE))["autoSchedule"]
    assert (again["pairsConsidered"], again["meetingsCreated"]) == (0, 0)


async def test_auto_schedule_keeps_to_everyones_free_slots(expo: Expo) -> None:
    await _mutual(expo, "ana", "cara")
    block = "mutation($s: DateTime!, $e: DateTime!) { blockTime(startsAt: $s, endsAt: $e) { id } }"
    await expo.data("ana", block, s=iso(at(12, 17)), e=iso(at(12, 18, 40)))
    await expo.booked("cara", "dan", at(12, 18, 40))
    report = (await expo.data("olga", SCHEDULE, input={"endsAt": iso(at(12, 23))}))["autoSchedule"]
    assert _pairs(report) == [("Ana Alvarez", "Cara Chen", "2027-04-12T21:00:00+00:00")]


async def test_speed_networking_books_suggested_pairs_without_connecting_them(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    ids = expo.id
    await store_lists(db, {
        ids("ana"): [Suggestion(ids("cara"), 0.8, ()), Suggestion(ids("dan"), 0.3, ())],
        ids("dan"): [Suggestion(ids("renee"), 0.5, ())],
    }, clock())  # fmt: skip
    options = {"mode": "SPEED_NETWORKING", "maxMeetingsPerPerson": 1}
    report = (await expo.data("olga", SCHEDULE, input=options))["autoSchedule"]
    assert (report["meetingsCreated"], report["pairsConsidered"]) == (2, 3)
    assert round(report["totalWeight"], 6) == 1.3
    assert (report["optimal"], report["gap"]) == (True, 0.0)
    assert {(m["requester"]["name"], m["invitee"]["name"]) for m in report["meetings"]} == {
        ("Ana Alvarez", "Cara Chen"), ("Dan Dimitrov", "Renée Roux"),
    }  # fmt: skip
    assert {m["source"] for m in report["meetings"]} == {"SPEED_NETWORKING"}
    assert await expo.data("ana", EMAIL, id=ids("cara")) == {"person": {"email": None}}
    [mine] = (await expo.data("ana", MY_MEETINGS))["myMeetings"]
    assert mine["status"] == "ACCEPTED"


async def test_auto_schedule_is_for_organizers_with_sane_options(expo: Expo) -> None:
    assert error_of(await expo.run("ben", SCHEDULE)) == {"code": "FORBIDDEN"}
    for options, field in (
        ({"maxMeetingsPerPerson": 0}, "maxMeetingsPerPerson"),
        ({"timeLimitSeconds": 0}, "timeLimitSeconds"),
        ({"startsAt": "2027-04-12T17:00:00"}, "startsAt"),
    ):
        error = error_of(await expo.run("olga", SCHEDULE, input=options))
        assert error == {"code": "BAD_USER_INPUT", "field": field}


async def test_matchmaking_leaves_out_people_already_meeting(expo: Expo) -> None:
    await run_matchmaking(expo.api, expo.world)
    names = "{ suggestions { person { name } } }"
    assert await expo.data("ana", names) == {"suggestions": [{"person": {"name": "Cara Chen"}}]}
    await expo.booked("ana", "cara", at(12, 17))
    await run_matchmaking(expo.api, expo.world)
    assert await expo.data("ana", names) == {"suggestions": []}


async def test_speed_networking_keeps_to_who_may_request_whom(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    """An exhibitor meets an attendee in a round nobody asked for only if the attendee opted in
    to vendor requests, as for a request."""
    ids = expo.id
    await store_lists(db, {
        ids("ben"): [Suggestion(ids("dan"), 0.9, ())],  # exhibitor and attendee
        ids("ana"): [Suggestion(ids("cara"), 0.5, ())],
    }, clock())  # fmt: skip
    speed = {"mode": "SPEED_NETWORKING"}
    report = (await expo.data("olga", SCHEDULE, input=speed))["autoSchedule"]
    assert (report["pairsConsidered"], _names(report)) == (1, [("Ana Alvarez", "Cara Chen")])
    await expo.data("dan", PREFERENCES, input={"acceptsVendorRequests": True})
    report = (await expo.data("olga", SCHEDULE, input=speed))["autoSchedule"]
    assert (report["pairsConsidered"], _names(report)) == (1, [("Ben Brooks", "Dan Dimitrov")])


async def test_auto_schedule_keeps_to_daily_meeting_limits(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    """Cara may meet once a day and already meets Ana on the first day: of her two suggested
    partners she meets one, on the second day."""
    await expo.data("olga", RULES, input={"maxMeetingsPerDay": 1})
    first = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=first["id"], accept=True)
    ids = expo.id
    await store_lists(db, {
        ids("cara"): [Suggestion(ids("dan"), 0.9, ()), Suggestion(ids("renee"), 0.8, ())],
    }, clock())  # fmt: skip
    options = {"mode": "SPEED_NETWORKING", "maxMeetingsPerPerson": 4}
    report = (await expo.data("olga", SCHEDULE, input=options))["autoSchedule"]
    assert report["pairsConsidered"] == 2
    [meeting] = report["meetings"]
    people = {meeting["requester"]["name"], meeting["invitee"]["name"]}
    assert (people, meeting["startsAt"][:10]) == ({"Cara Chen", "Dan Dimitrov"}, "2027-04-13")
    assert (round(report["totalWeight"], 6), round(report["upperBound"], 6)) == (0.9, 0.9)


async def test_a_slot_whose_tables_are_all_taken_is_left_out(expo: Expo, db: Database) -> None:
    """One table, already held in the first of two slots: the engine is offered the second
    only, so it plans one meeting there instead of one in each slot and a skipped one."""
    await db[LOCATIONS.name].delete_many({"_id": {"$in": ["T02", "T03"]}})
    await expo.booked("dan", "renee", FIRST_SLOT)
    await _mutual(expo, "ana", "cara")
    await _mutual(expo, "ben", "olga")
    window = {"startsAt": iso(FIRST_SLOT), "endsAt": iso(at(12, 17, 40))}  # two slots
    report = (await expo.data("olga", SCHEDULE, input=window))["autoSchedule"]
    assert {key: value for key, value in report.items() if key != "meetings"} == {
        "meetingsCreated": 1, "pairsConsidered": 2, "totalWeight": 1.0, "upperBound": 1.0,
        "gap": 0.0, "optimal": True, "skipped": 0,
    }  # fmt: skip
    [meeting] = report["meetings"]
    assert (meeting["startsAt"], meeting["location"]) == (iso(SECOND_SLOT), {"id": "T01"})


def _names(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((m["requester"]["name"], m["invitee"]["name"]) for m in report["meetings"])
