"""Quotas: pending requests per person, accepted meetings per day; exhibitors get their own."""

from __future__ import annotations

from tests.support.meetings import (
    FIRST_SLOT,
    PREFERENCES,
    RESPOND,
    RULES,
    SECOND_SLOT,
    Expo,
    at,
    error_of,
    iso,
)


async def test_pending_request_quota(expo: Expo) -> None:
    await expo.data("olga", RULES, input={"maxPendingRequests": 2})
    await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.booked("ana", "dan", SECOND_SLOT)
    error = error_of(await expo.request("ana", "renee", at(12, 17, 40)))
    assert error == {"code": "CONFLICT", "reason": "PENDING_REQUEST_LIMIT", "limit": 2}
    await expo.data(
        "cara",
        RESPOND,
        id=(await expo.data("ana", "{ myMeetings { id } }"))["myMeetings"][0]["id"],
        accept=False,
    )
    await expo.booked("ana", "renee", at(12, 17, 40))  # an answer makes room


async def test_meetings_per_day_quota_is_checked_on_request_and_on_accept(expo: Expo) -> None:
    await expo.data("olga", RULES, input={"maxMeetingsPerDay": 1})
    first = await expo.booked("ana", "cara", FIRST_SLOT)
    second = await expo.booked("dan", "cara", SECOND_SLOT)
    await expo.data("cara", RESPOND, id=first["id"], accept=True)
    error = error_of(await expo.run("cara", RESPOND, id=second["id"], accept=True))
    assert error == {"code": "CONFLICT", "reason": "DAILY_MEETING_LIMIT", "limit": 1}
    error = error_of(await expo.request("renee", "cara", at(12, 17, 40)))
    assert error == {"code": "CONFLICT", "reason": "DAILY_MEETING_LIMIT", "limit": 1}
    await expo.booked("renee", "cara", at(13, 17))  # another day has room


async def test_exhibitors_get_their_own_numbers(expo: Expo) -> None:
    limits = {"maxPendingRequests": 1, "exhibitorMaxPendingRequests": 2,
              "exhibitorRequestsNeedOptIn": False}  # fmt: skip
    assert (await expo.data("olga", RULES, input=limits))["updateMeetingRules"] == {
        "requestTtlHours": 48, "maxPendingRequests": 1, "maxMeetingsPerDay": 8,
    }  # fmt: skip
    await expo.booked("ben", "cara", FIRST_SLOT)
    await expo.booked("ben", "dan", SECOND_SLOT)
    error = error_of(await expo.request("ben", "renee", at(12, 17, 40)))
    assert error == {"code": "CONFLICT", "reason": "PENDING_REQUEST_LIMIT", "limit": 2}
    await expo.booked("ana", "renee", at(12, 17, 40))
    error = error_of(await expo.request("ana", "dan", at(13, 17)))
    assert error == {"code": "CONFLICT", "reason": "PENDING_REQUEST_LIMIT", "limit": 1}


async def test_rules_are_for_organizers_to_change_and_checked(expo: Expo) -> None:
    error = error_of(await expo.run("ana", RULES, input={"maxPendingRequests": 50}))
    assert error == {"code": "FORBIDDEN"}
    error = error_of(await expo.run("olga", RULES, input={"maxPendingRequests": 0}))
    assert error == {"code": "BAD_USER_INPUT", "field": "maxPendingRequests"}
    rules = await expo.data(
        "dan", "{ meetingRules { maxPendingRequests exhibitorMaxMeetingsPerDay } }"
    )
    assert rules == {"meetingRules": {"maxPendingRequests": 10, "exhibitorMaxMeetingsPerDay": 16}}


async def test_preferences_are_read_back(expo: Expo) -> None:
    await expo.data("dan", PREFERENCES, input={"bookmarksBlockMeetings": False})
    mine = await expo.data(
        "dan", "{ myMeetingPreferences { bookmarksBlockMeetings acceptsVendorRequests } }"
    )
    assert mine == {
        "myMeetingPreferences": {"bookmarksBlockMeetings": False, "acceptsVendorRequests": False}
    }


async def test_a_limit_is_told_before_a_taken_or_blocked_slot(expo: Expo) -> None:
    """A person at their pending limit hears of the limit, which no other time would change."""
    await expo.data("olga", RULES, input={"maxPendingRequests": 1})
    await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.booked("dan", "renee", SECOND_SLOT)
    block = "mutation($s: DateTime!, $e: DateTime!) { blockTime(startsAt: $s, endsAt: $e) { id } }"
    await expo.data("renee", block, s=iso(at(12, 17, 40)), e=iso(at(12, 18)))
    limit = {"code": "CONFLICT", "reason": "PENDING_REQUEST_LIMIT", "limit": 1}
    assert error_of(await expo.request("ana", "dan", FIRST_SLOT)) == limit  # ana is busy then
    assert error_of(await expo.request("ana", "renee", SECOND_SLOT)) == limit  # renee is busy
    assert error_of(await expo.request("ana", "renee", at(12, 17, 40))) == limit  # renee blocked
    error = error_of(await expo.request("cara", "renee", at(12, 17, 40)))
    assert error == {"code": "CONFLICT", "reason": "OTHER_PERSON_UNAVAILABLE"}  # within limits


async def test_exhibitors_have_their_own_meetings_per_day(expo: Expo) -> None:
    limits = {"maxMeetingsPerDay": 2, "exhibitorMaxMeetingsPerDay": 1}
    await expo.data("olga", RULES, input=limits)
    first = await expo.booked("cara", "ben", FIRST_SLOT)
    await expo.data("ben", RESPOND, id=first["id"], accept=True)
    result = await expo.request("dan", "ben", SECOND_SLOT)
    assert error_of(result) == {"code": "CONFLICT", "reason": "DAILY_MEETING_LIMIT", "limit": 1}
    assert result["errors"][0]["message"] == "Ben Brooks has 1 meetings that day, the most allowed."
    second = await expo.booked("dan", "cara", SECOND_SLOT)  # an attendee may have two
    accepted = await expo.data("cara", RESPOND, id=second["id"], accept=True)
    assert accepted["respondToMeeting"]["status"] == "ACCEPTED"
    await expo.booked("dan", "ben", at(13, 17))  # another day has room
