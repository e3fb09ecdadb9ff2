"""Changes nobody in the meeting made: organizers moving or cancelling it, auto-scheduling, an
expiry, an account deleted. The people affected are told once each; reminders follow."""

from __future__ import annotations

from datetime import timedelta

import pytest

from server.db.client import Database
from server.db.collections import LOCATIONS
from server.services.meetings.expiry import ExpirySweep
from tests.api.meetings.test_auto_schedule import SCHEDULE, _mutual
from tests.support.clock import ManualClock
from tests.support.meetings import (
    FIRST_SLOT,
    RESPOND,
    RULES,
    SECOND_SLOT,
    SET_HOURS,
    Expo,
    at,
    iso,
)
from tests.support.notices import Outbox
from tests.support.world import World

REMOVE = "mutation($id: ID!) { removeMeetingLocation(id: $id) { moved { id } cancelled { id } } }"
LEAD = timedelta(minutes=15)
CLOSED = "The organizers closed the place of this meeting."


@pytest.fixture
def outbox(db: Database, world: World) -> Outbox:
    return Outbox(db, world)


async def test_removing_a_table_tells_both_people_of_each_moved_meeting_once(
    expo: Expo, outbox: Outbox
) -> None:
    accepted = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=accepted["id"], accept=True)
    await expo.booked("dan", "renee", SECOND_SLOT)  # pending, also at Table 1
    await expo.booked("eve", "dan", FIRST_SLOT)  # Table 2: not affected
    await outbox.new()

    await expo.data("olga", REMOVE, id="T01")

    assert await outbox.new() == [
        ("ana", "MEETING_RESCHEDULED", "Meeting moved",
         f"Your meeting with Cara Chen is now on Mon 12 Apr 10:00 at Table 3. {CLOSED}"),
        ("cara", "MEETING_RESCHEDULED", "Meeting moved",
         f"Your meeting with Ana Alvarez is now on Mon 12 Apr 10:00 at Table 3. {CLOSED}"),
        ("dan", "MEETING_RESCHEDULED", "Meeting moved",
         f"Your meeting with Renée Roux is now on Mon 12 Apr 10:20 at Table 2. {CLOSED}"),
        ("renee", "MEETING_RESCHEDULED", "Meeting moved",
         f"Your meeting with Dan Dimitrov is now on Mon 12 Apr 10:20 at Table 2. {CLOSED}"),
    ]  # fmt: skip
    assert [body for *_, body in await outbox.reminders()] == [
        "With Cara Chen at Table 3.",  # the accepted meeting's reminders name the new table
        "With Ana Alvarez at Table 3.",
    ]


async def test_a_meeting_with_nowhere_to_go_is_cancelled_with_one_notice_each(
    expo: Expo, outbox: Outbox, db: Database
) -> None:
    await db[LOCATIONS.name].delete_many({"_id": "T03"})
    await expo.booked("ana", "cara", FIRST_SLOT)  # Table 1
    meeting = await expo.booked("dan", "renee", FIRST_SLOT)  # Table 2
    await expo.data("renee", RESPOND, id=meeting["id"], accept=True)
    await outbox.new()

    await expo.data("olga", REMOVE, id="T02")  # the move is tried, fails, and it is cancelled

    why = f"{CLOSED} No other time or place was free for both of you."
    assert await outbox.new() == [
        ("dan", "MEETING_CANCELLED", "Meeting cancelled",
         f"Your meeting with Renée Roux on Mon 12 Apr 10:00 is off. {why}"),
        ("renee", "MEETING_CANCELLED", "Meeting cancelled",
         f"Your meeting with Dan Dimitrov on Mon 12 Apr 10:00 is off. {why}"),
    ]  # fmt: skip
    assert await outbox.reminders() == []


async def test_a_removed_slot_moves_the_reminders_to_the_new_time(
    expo: Expo, outbox: Outbox
) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)
    await outbox.new()
    hours = [{"startsAt": iso(SECOND_SLOT), "endsAt": iso(at(12, 19))}]
    await expo.data("olga", SET_HOURS, hours=hours)
    assert [(who, kind) for who, kind, *_ in await outbox.new()] == [
        ("ana", "MEETING_RESCHEDULED"), ("cara", "MEETING_RESCHEDULED"),
    ]  # fmt: skip
    assert [(who, due) for who, _, due, *_ in await outbox.reminders()] == [
        ("ana", SECOND_SLOT - LEAD), ("cara", SECOND_SLOT - LEAD),
    ]  # fmt: skip


async def test_auto_scheduling_tells_each_person_once_and_reminds_them(
    expo: Expo, outbox: Outbox
) -> None:
    await _mutual(expo, "ana", "cara")
    await _mutual(expo, "dan", "renee")
    await outbox.new()
    window = {"startsAt": iso(FIRST_SLOT), "endsAt": iso(SECOND_SLOT)}
    await expo.data("olga", SCHEDULE, input=window)
    notices = await outbox.new()
    assert [(who, kind, title) for who, kind, title, _ in notices] == [
        (who, "MEETING_ACCEPTED", "Meeting booked for you")
        for who in ("ana", "cara", "dan", "renee")
    ]
    assert notices[0][3] in {f"Mon 12 Apr 10:00 with Cara Chen at Table {n}." for n in (1, 2)}
    reminded = [(who, due) for who, _, due, *_ in await outbox.reminders()]
    assert reminded == [(who, FIRST_SLOT - LEAD) for who in ("ana", "cara", "dan", "renee")]


async def test_an_expired_request_tells_the_requester_once(
    expo: Expo, outbox: Outbox, db: Database, clock: ManualClock
) -> None:
    await expo.data("olga", RULES, input={"requestTtlHours": 1})
    await expo.booked("ana", "cara", at(13, 17))
    await outbox.new()
    sweep = ExpirySweep(db, clock)
    assert await sweep.run_once() is False  # not yet
    clock.advance(hours=1)
    assert await sweep.run_once() is True
    assert await outbox.new() == [
        ("ana", "MEETING_EXPIRED", "Request expired",
         "Cara Chen did not answer your request to meet on Tue 13 Apr 10:00."),
    ]  # fmt: skip
    assert outbox.job_of("ana")["expires_at"] == at(13, 17)
    assert await sweep.run_once() is False
    assert await outbox.new() == []


async def test_a_booking_that_finds_a_request_expired_tells_its_requester(
    expo: Expo, outbox: Outbox, clock: ManualClock
) -> None:
    await expo.data("olga", RULES, input={"requestTtlHours": 1})
    await expo.booked("ana", "cara", at(13, 17))
    await outbox.new()
    clock.advance(hours=2)
    await expo.booked("dan", "cara", at(13, 17))  # the slot is free again: ana's expired
    assert [(who, kind) for who, kind, *_ in await outbox.new()] == [
        ("ana", "MEETING_EXPIRED"), ("cara", "MEETING_REQUEST"),
    ]  # fmt: skip


async def test_deleting_an_account_tells_the_other_people_without_naming_who_left(
    expo: Expo, outbox: Outbox
) -> None:
    accepted = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=accepted["id"], accept=True)
    await expo.booked("ana", "dan", SECOND_SLOT)
    await outbox.new()
    await expo.data("ana", "mutation { deleteMyAccount }")
    assert await outbox.new() == [
        ("cara", "MEETING_CANCELLED", "Meeting cancelled",
         "Your meeting on Mon 12 Apr 10:00 at Table 1 is off: the other person left."),
        ("dan", "MEETING_CANCELLED", "Meeting cancelled",
         "Your meeting on Mon 12 Apr 10:20 at Table 1 is off: the other person left."),
    ]  # fmt: skip
    assert await outbox.reminders() == []
