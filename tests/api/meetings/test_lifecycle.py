"""The life of a meeting: every transition of the state machine, and every refusal."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import CONNECTIONS
from tests.support.clock import ManualClock
from tests.support.meetings import (
    CANCEL,
    FIRST_SLOT,
    MY_MEETINGS,
    PROPOSE,
    RESPOND,
    RULES,
    SECOND_SLOT,
    Expo,
    at,
    error_of,
    iso,
)

EMAIL = "query($id: ID!) { person(id: $id) { email } }"


async def test_accepting_makes_the_two_people_connections(expo: Expo, db: Database) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    assert await expo.data("ana", EMAIL, id=expo.id("dan")) == {"person": {"email": None}}
    accepted = (await expo.data("dan", RESPOND, id=meeting["id"], accept=True))["respondToMeeting"]
    assert (accepted["status"], accepted["awaitingResponseFrom"], accepted["expiresAt"]) == (
        "ACCEPTED", None, None,
    )  # fmt: skip
    assert await expo.data("ana", EMAIL, id=expo.id("dan")) == {
        "person": {"email": "dan@city.example"}
    }
    [connection] = await db[CONNECTIONS.name].find({}).to_list()
    assert connection["people"] == sorted([expo.id("ana"), expo.id("dan")])


async def test_declining_frees_the_slot(expo: Expo) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    declined = await expo.data("dan", RESPOND, id=meeting["id"], accept=False)
    assert declined["respondToMeeting"]["status"] == "DECLINED"
    assert (await expo.booked("cara", "dan", FIRST_SLOT))["status"] == "PENDING"


async def test_only_the_invitee_answers_and_only_participants_act(expo: Expo) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    error = error_of(await expo.run("ana", RESPOND, id=meeting["id"], accept=True))
    assert error == {"code": "FORBIDDEN"}
    for query, variables in (
        (RESPOND, {"accept": True}),
        (CANCEL, {}),
        (PROPOSE, {"startsAt": iso(SECOND_SLOT)}),
    ):
        error = error_of(await expo.run("cara", query, id=meeting["id"], **variables))
        assert error == {"code": "FORBIDDEN"}
    assert error_of(await expo.run("cara", RESPOND, id="nope", accept=True)) == {
        "code": "NOT_FOUND"
    }
    meeting_query = "query($id: ID!) { meeting(id: $id) { id } }"
    assert error_of(await expo.run("cara", meeting_query, id=meeting["id"])) == {
        "code": "FORBIDDEN"
    }
    assert await expo.data("olga", meeting_query, id=meeting["id"]) == {
        "meeting": {"id": meeting["id"]}
    }


async def test_answering_twice_is_conflict_with_the_state(expo: Expo) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    await expo.data("dan", RESPOND, id=meeting["id"], accept=True)
    for name, accept in (("dan", True), ("dan", False), ("ana", True)):
        error = error_of(await expo.run(name, RESPOND, id=meeting["id"], accept=accept))
        assert error == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": "ACCEPTED"}
    cancelled = await expo.data("ana", CANCEL, id=meeting["id"], reason="Flight moved")
    assert (cancelled["cancelMeeting"]["status"], cancelled["cancelMeeting"]["cancelReason"]) == (
        "CANCELLED", "Flight moved",
    )  # fmt: skip
    for name in ("ana", "dan"):
        error = error_of(await expo.run(name, CANCEL, id=meeting["id"]))
        assert error == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": "CANCELLED"}
    error = error_of(await expo.run("dan", PROPOSE, id=meeting["id"], startsAt=iso(SECOND_SLOT)))
    assert error == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": "CANCELLED"}


async def test_withdrawing_a_request_frees_the_slot_for_both(expo: Expo) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    withdrawn = await expo.data("ana", CANCEL, id=meeting["id"])
    assert withdrawn["cancelMeeting"]["status"] == "CANCELLED"
    error = error_of(await expo.run("dan", RESPOND, id=meeting["id"], accept=True))
    assert error == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": "CANCELLED"}
    await expo.booked("cara", "dan", FIRST_SLOT)
    await expo.booked("ana", "renee", FIRST_SLOT)


async def test_proposing_a_new_time_waits_for_the_other_person_again(expo: Expo) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    await expo.data("dan", RESPOND, id=meeting["id"], accept=True)
    moved = (await expo.data("dan", PROPOSE, id=meeting["id"], startsAt=iso(SECOND_SLOT)))[
        "proposeNewTime"
    ]
    assert (moved["status"], moved["startsAt"], moved["awaitingResponseFrom"]) == (
        "PENDING", "2027-04-12T17:20:00+00:00", {"name": "Ana Alvarez"},
    )  # fmt: skip
    assert moved["location"] == {"id": "T01"}  # it keeps its table when that is free
    error = error_of(await expo.run("dan", RESPOND, id=meeting["id"], accept=True))
    assert error == {"code": "FORBIDDEN"}
    accepted = await expo.data("ana", RESPOND, id=meeting["id"], accept=True)
    assert accepted["respondToMeeting"]["status"] == "ACCEPTED"
    await expo.booked("cara", "dan", FIRST_SLOT)  # the old slot is free again


async def test_proposing_a_taken_or_same_or_off_grid_time_is_refused(expo: Expo) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    await expo.booked("cara", "dan", SECOND_SLOT)
    error = error_of(await expo.run("ana", PROPOSE, id=meeting["id"], startsAt=iso(SECOND_SLOT)))
    assert error == {"code": "CONFLICT", "reason": "OTHER_PERSON_BUSY"}
    error = error_of(await expo.run("ana", PROPOSE, id=meeting["id"], startsAt=iso(FIRST_SLOT)))
    assert error == {"code": "BAD_USER_INPUT", "field": "startsAt"}
    error = error_of(await expo.run("ana", PROPOSE, id=meeting["id"], startsAt=iso(at(12, 17, 5))))
    assert error == {"code": "BAD_USER_INPUT", "field": "startsAt", "reason": "NOT_ON_GRID"}


async def test_unanswered_request_expires_and_frees_the_slot(
    expo: Expo, clock: ManualClock
) -> None:
    await expo.data("olga", RULES, input={"requestTtlHours": 1})
    meeting = await expo.booked("ana", "dan", at(13, 17))
    clock.advance(hours=1)
    [expired] = (await expo.data("ana", MY_MEETINGS))["myMeetings"]
    assert (expired["status"], expired["expiresAt"]) == ("EXPIRED", None)
    error = error_of(await expo.run("dan", RESPOND, id=meeting["id"], accept=True))
    assert error == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": "EXPIRED"}
    again = await expo.booked("cara", "dan", at(13, 17))  # the expired hold gave way
    assert again["location"] == {"id": "T01"}
    statuses = await expo.data("dan", MY_MEETINGS)
    assert [m["status"] for m in statuses["myMeetings"]] == ["EXPIRED", "PENDING"]


async def test_a_request_expires_when_its_slot_starts(expo: Expo, clock: ManualClock) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    clock.advance(hours=1)
    error = error_of(await expo.run("dan", RESPOND, id=meeting["id"], accept=True))
    assert error == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": "EXPIRED"}


async def test_a_started_meeting_cannot_be_cancelled_or_moved(
    expo: Expo, clock: ManualClock
) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    await expo.data("dan", RESPOND, id=meeting["id"], accept=True)
    clock.advance(hours=1, minutes=5)
    assert error_of(await expo.run("ana", CANCEL, id=meeting["id"])) == {
        "code": "CONFLICT", "reason": "ALREADY_STARTED",
    }  # fmt: skip
    error = error_of(await expo.run("ana", PROPOSE, id=meeting["id"], startsAt=iso(at(13, 17))))
    assert error == {"code": "CONFLICT", "reason": "ALREADY_STARTED"}


async def test_my_meetings_filters_by_status_in_time_order(expo: Expo) -> None:
    later = await expo.booked("ana", "dan", SECOND_SLOT)
    earlier = await expo.booked("cara", "ana", FIRST_SLOT)
    declined = await expo.booked("ana", "renee", at(13, 17))
    await expo.data("dan", RESPOND, id=later["id"], accept=True)
    await expo.data("renee", RESPOND, id=declined["id"], accept=False)
    everything = await expo.data("ana", MY_MEETINGS)
    assert [m["id"] for m in everything["myMeetings"]] == [
        earlier["id"],
        later["id"],
        declined["id"],
    ]
    pending = await expo.data("ana", MY_MEETINGS, status=["PENDING"])
    assert [m["id"] for m in pending["myMeetings"]] == [earlier["id"]]
    settled = await expo.data("ana", MY_MEETINGS, status=["ACCEPTED", "DECLINED"])
    assert [m["id"] for m in settled["myMeetings"]] == [later["id"], declined["id"]]
    assert await expo.data("ana", MY_MEETINGS, status=[]) == {"myMeetings": []}


async def test_history_records_each_change(expo: Expo) -> None:
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    await expo.data("dan", PROPOSE, id=meeting["id"], startsAt=iso(SECOND_SLOT))
    await expo.data("ana", CANCEL, id=meeting["id"], reason="Sorry")
    query = (
        "query($id: ID!) { meeting(id: $id) { changes { action byOrganizer reason startsAt } } }"
    )
    changes = (await expo.data("dan", query, id=meeting["id"]))["meeting"]["changes"]
    assert changes == [
        {"action": "REQUEST", "byOrganizer": False, "reason": None, "startsAt": None},
        {"action": "PROPOSE_TIME", "byOrganizer": False, "reason": None,
         "startsAt": "2027-04-12T17:20:00+00:00"},
        {"action": "CANCEL", "byOrganizer": False, "reason": "Sorry", "startsAt": None},
    ]  # fmt: skip
