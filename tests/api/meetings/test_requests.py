"""Requesting a meeting: what a request holds, and every refusal with its code and reason."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import MEETINGS
from tests.support.clock import ManualClock
from tests.support.meetings import (
    FIRST_SLOT,
    PREFERENCES,
    REQUEST,
    RULES,
    Expo,
    at,
    error_of,
    iso,
)


async def test_request_holds_the_slot_and_a_table_until_answered(expo: Expo, db: Database) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    assert meeting == {
        "id": meeting["id"], "status": "PENDING", "startsAt": "2027-04-12T17:00:00+00:00",
        "endsAt": "2027-04-12T17:20:00+00:00", "message": None, "source": "REQUEST",
        "expiresAt": "2027-04-12T17:00:00+00:00", "cancelReason": None,
        "requester": {"name": "Ana Alvarez"}, "invitee": {"name": "Cara Chen"},
        "awaitingResponseFrom": {"name": "Cara Chen"}, "location": {"id": "T01"},
    }  # fmt: skip
    stored = await db[MEETINGS.name].find_one({"_id": meeting["id"]})
    assert stored is not None
    assert (stored["holds_slot"], stored["participants"]) == (
        True, [expo.id("ana"), expo.id("cara")],
    )  # fmt: skip


async def test_request_expires_after_the_event_set_time_when_that_comes_first(
    expo: Expo,
) -> None:
    await expo.data("olga", RULES, input={"requestTtlHours": 2})
    meeting = await expo.booked("ana", "cara", at(13, 17))
    assert meeting["expiresAt"] == "2027-04-12T18:00:00+00:00"  # two hours after 16:00


async def test_request_message_is_kept_trimmed(expo: Expo) -> None:
    result = await expo.request("ana", "cara", FIRST_SLOT, "  Imaging   referrals? ")
    assert result["data"]["requestMeeting"]["message"] == "Imaging referrals?"


async def test_grid_edges_are_bad_user_input_with_the_reason(expo: Expo) -> None:
    cases = {
        at(12, 16, 40): "OUTSIDE_MEETING_HOURS",  # 09:40 local, before the first span
        at(12, 17, 10): "NOT_ON_GRID",
        at(12, 19): "OUTSIDE_MEETING_HOURS",  # the end of a span is not a start
        at(12, 20, 50): "OUTSIDE_MEETING_HOURS",
    }
    for starts_at, reason in cases.items():
        error = error_of(await expo.request("ana", "cara", starts_at))
        assert error == {"code": "BAD_USER_INPUT", "field": "startsAt", "reason": reason}


async def test_slot_crossing_the_end_of_meeting_hours_is_refused(expo: Expo, db: Database) -> None:
    await db["events"].update_one({}, {"$set": {"slot_minutes": 45}})  # 17:00, 17:45, 18:30...
    error = error_of(await expo.request("ana", "cara", at(12, 18, 30)))  # ...would end 19:15
    assert error == {
        "code": "BAD_USER_INPUT", "field": "startsAt", "reason": "CROSSES_MEETING_HOURS",
    }  # fmt: skip
    meeting = await expo.booked("ana", "cara", at(12, 17, 45))
    assert meeting["endsAt"] == "2027-04-12T18:30:00+00:00"


async def test_past_slot_and_time_without_offset_are_refused(
    expo: Expo, clock: ManualClock
) -> None:
    clock.advance(hours=1, minutes=5)  # 10:05 local: the 10:00 slot has begun
    error = error_of(await expo.request("ana", "cara", FIRST_SLOT))
    assert error == {"code": "BAD_USER_INPUT", "field": "startsAt", "reason": "IN_THE_PAST"}
    variables = {"inviteeId": expo.id("cara"), "startsAt": "2027-04-12T18:00:00"}
    error = error_of(await expo.run("ana", REQUEST, input=variables))
    assert error == {"code": "BAD_USER_INPUT", "field": "startsAt"}


async def test_requesting_yourself_is_bad_user_input(expo: Expo) -> None:
    error = error_of(await expo.request("ana", "ana", FIRST_SLOT))
    assert error == {"code": "BAD_USER_INPUT", "field": "inviteeId"}


async def test_unknown_and_unlisted_people_are_not_found(expo: Expo) -> None:
    # eve is not listed in the directory: to others she does not exist
    assert error_of(await expo.request("ana", "eve", FIRST_SLOT)) == {"code": "NOT_FOUND"}
    variables = {"inviteeId": "nobody", "startsAt": iso(FIRST_SLOT)}
    assert error_of(await expo.run("ana", REQUEST, input=variables)) == {"code": "NOT_FOUND"}


async def test_request_needs_sign_in(expo: Expo) -> None:
    variables = {"inviteeId": expo.id("cara"), "startsAt": iso(FIRST_SLOT)}
    result = await expo.api.execute(REQUEST, {"input": variables})
    assert error_of(result) == {"code": "UNAUTHENTICATED"}


async def test_long_message_is_bad_user_input(expo: Expo) -> None:
    error = error_of(await expo.request("ana", "cara", FIRST_SLOT, "x" * 501))
    assert error == {"code": "BAD_USER_INPUT", "field": "message"}


async def test_exhibitor_requests_only_people_who_opted_in_to_vendor_requests(
    expo: Expo,
) -> None:
    error = error_of(await expo.request("ben", "dan", FIRST_SLOT))
    assert error == {"code": "FORBIDDEN", "reason": "NO_VENDOR_REQUESTS"}
    assert await expo.data("dan", PREFERENCES, input={"acceptsVendorRequests": True}) == {
        "updateMeetingPreferences": {"acceptsVendorRequests": True, "bookmarksBlockMeetings": True}
    }
    meeting = await expo.booked("ben", "dan", FIRST_SLOT)
    assert meeting["location"] == {"id": "booth-org-acme-imaging-service"}  # his booth


async def test_event_can_let_exhibitors_request_anyone(expo: Expo) -> None:
    await expo.data("olga", RULES, input={"exhibitorRequestsNeedOptIn": False})
    assert (await expo.booked("ben", "dan", FIRST_SLOT))["status"] == "PENDING"


async def test_taken_slot_is_conflict_saying_whose(expo: Expo) -> None:
    await expo.booked("ana", "cara", FIRST_SLOT)
    error = error_of(await expo.request("dan", "cara", FIRST_SLOT))
    assert error == {"code": "CONFLICT", "reason": "OTHER_PERSON_BUSY"}
    error = error_of(await expo.request("ana", "dan", FIRST_SLOT))
    assert error == {"code": "CONFLICT", "reason": "YOU_ARE_BUSY"}
    result = await expo.request("dan", "cara", FIRST_SLOT)
    assert result["errors"][0]["message"] == "Cara Chen already has a meeting at that time."


async def test_blocked_time_and_bookmarked_session_make_a_person_unavailable(
    expo: Expo,
) -> None:
    block = """mutation($s: DateTime!, $e: DateTime!) {
      blockTime(startsAt: $s, endsAt: $e, note: "Booth duty") { note } }"""
    await expo.data("cara", block, s=iso(at(12, 17, 10)), e=iso(at(12, 17, 30)))
    for slot in (FIRST_SLOT, at(12, 17, 20)):
        error = error_of(await expo.request("ana", "cara", slot))
        assert error == {"code": "CONFLICT", "reason": "OTHER_PERSON_UNAVAILABLE"}
    error = error_of(await expo.request("cara", "ana", FIRST_SLOT))
    assert error == {"code": "CONFLICT", "reason": "YOU_ARE_UNAVAILABLE"}
    # the cybersecurity session runs 17:00-18:00 UTC on day two, in meeting hours
    await expo.data("dan", 'mutation { bookmarkSession(sessionId: "s-cyber") { id } }')
    error = error_of(await expo.request("ana", "dan", at(13, 17)))
    assert error == {"code": "CONFLICT", "reason": "OTHER_PERSON_UNAVAILABLE"}
    await expo.data("dan", PREFERENCES, input={"bookmarksBlockMeetings": False})
    assert (await expo.booked("ana", "dan", at(13, 17)))["status"] == "PENDING"


async def test_no_free_table_is_conflict(expo: Expo, db: Database) -> None:
    await db["locations"].delete_many({"_id": {"$in": ["T02", "T03"]}})
    await expo.booked("ana", "cara", FIRST_SLOT)
    error = error_of(await expo.request("dan", "renee", FIRST_SLOT))
    assert error == {"code": "CONFLICT", "reason": "NO_LOCATION_FREE"}


async def test_second_open_request_between_the_same_people_is_conflict(expo: Expo) -> None:
    first = await expo.booked("ana", "cara", FIRST_SLOT)
    error = error_of(await expo.request("cara", "ana", at(12, 17, 20)))
    assert error == {"code": "CONFLICT", "reason": "ALREADY_REQUESTED", "meetingId": first["id"]}
