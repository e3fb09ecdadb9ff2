"""Each change of a meeting tells the right people once (one inbox notice, one push job), in the
transaction of the change; accepted meetings get reminders, which move and go with them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from server.db.client import Database
from tests.support.meetings import (
    CANCEL,
    FIRST_SLOT,
    PROPOSE,
    REQUEST,
    RESPOND,
    SECOND_SLOT,
    Expo,
    error_of,
    iso,
)
from tests.support.notices import Outbox
from tests.support.world import World

AT_TEN = "Mon 12 Apr 10:00"  # FIRST_SLOT in the event's time zone (Henderson, UTC-7)
LEAD = timedelta(minutes=15)  # REMINDER_MINUTES_BEFORE's default


@pytest.fixture
def outbox(db: Database, world: World) -> Outbox:
    return Outbox(db, world)


async def _accepted(expo: Expo, outbox: Outbox) -> str:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)
    await outbox.new()
    return str(meeting["id"])


async def test_a_request_tells_the_invitee_until_it_expires(expo: Expo, outbox: Outbox) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT, message="Shared imaging contracts?")
    assert await outbox.new() == [
        ("cara", "MEETING_REQUEST", "Ana Alvarez asks to meet",
         f"On {AT_TEN} at Table 1. “Shared imaging contracts?”"),
    ]  # fmt: skip
    job = outbox.job_of("cara")
    assert (job["meeting_id"], job["collapse_key"], job["expires_at"]) == (
        meeting["id"], f"meeting-{meeting['id']}", FIRST_SLOT,
    )  # fmt: skip
    assert await outbox.reminders() == []


async def test_accepting_tells_the_requester_and_reminds_both(expo: Expo, outbox: Outbox) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await outbox.new()
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)
    assert await outbox.new() == [
        ("ana", "MEETING_ACCEPTED", "Cara Chen accepted", f"You meet on {AT_TEN} at Table 1."),
    ]
    assert outbox.job_of("ana")["expires_at"] == FIRST_SLOT
    assert await outbox.reminders() == [
        ("ana", meeting["id"], FIRST_SLOT - LEAD, "Meeting at 10:00", "With Cara Chen at Table 1."),
        ("cara", meeting["id"], FIRST_SLOT - LEAD, "Meeting at 10:00",
         "With Ana Alvarez at Table 1."),
    ]  # fmt: skip


async def test_declining_tells_the_requester(expo: Expo, outbox: Outbox) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await outbox.new()
    await expo.data("cara", RESPOND, id=meeting["id"], accept=False)
    assert await outbox.new() == [
        ("ana", "MEETING_DECLINED", "Cara Chen declined",
         f"Your request to meet on {AT_TEN} was declined."),
    ]  # fmt: skip


async def test_cancelling_tells_the_other_person_with_the_reason_and_withdraws_reminders(
    expo: Expo, outbox: Outbox
) -> None:
    meeting_id = await _accepted(expo, outbox)
    await expo.data("cara", CANCEL, id=meeting_id, reason="My flight moved.")
    assert await outbox.new() == [
        ("ana", "MEETING_CANCELLED", "Cara Chen cancelled",
         f"Your meeting on {AT_TEN} at Table 1 is off. My flight moved."),
    ]  # fmt: skip
    assert await outbox.reminders() == []


async def test_withdrawing_a_request_tells_the_invitee(expo: Expo, outbox: Outbox) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    await outbox.new()
    await expo.data("ana", CANCEL, id=meeting["id"])
    assert await outbox.new() == [
        ("cara", "MEETING_CANCELLED", "Ana Alvarez withdrew a request", f"To meet on {AT_TEN}."),
    ]


async def test_a_new_time_tells_the_other_person_and_reminders_wait_for_the_answer(
    expo: Expo, outbox: Outbox
) -> None:
    meeting_id = await _accepted(expo, outbox)
    await expo.data("ana", PROPOSE, id=meeting_id, startsAt=iso(SECOND_SLOT))
    assert await outbox.new() == [
        ("cara", "MEETING_RESCHEDULED", "Ana Alvarez proposes a new time",
         f"Mon 12 Apr 10:20 at Table 1 instead of {AT_TEN}. Accept?"),
    ]  # fmt: skip
    assert await outbox.reminders() == []  # no longer agreed
    await expo.data("cara", RESPOND, id=meeting_id, accept=True)
    assert await outbox.new() == [
        ("ana", "MEETING_ACCEPTED", "Cara Chen accepted",
         "You meet on Mon 12 Apr 10:20 at Table 1."),
    ]  # fmt: skip
    due = [(who, due_at, title) for who, _, due_at, title, _ in await outbox.reminders()]
    assert due == [
        ("ana", SECOND_SLOT - LEAD, "Meeting at 10:20"),
        ("cara", SECOND_SLOT - LEAD, "Meeting at 10:20"),
    ]


async def test_a_request_refused_for_a_taken_slot_tells_nobody(expo: Expo, outbox: Outbox) -> None:
    await expo.booked("ana", "cara", FIRST_SLOT)
    await outbox.new()
    taken = await expo.request("dan", "cara", FIRST_SLOT)
    assert error_of(taken) == {"code": "CONFLICT", "reason": "OTHER_PERSON_BUSY"}
    meeting = await expo.booked("dan", "ana", SECOND_SLOT)
    await outbox.new()
    busy = await expo.run("dan", PROPOSE, id=meeting["id"], startsAt=iso(FIRST_SLOT))
    assert error_of(busy) == {"code": "CONFLICT", "reason": "OTHER_PERSON_BUSY"}
    assert await outbox.new() == []


async def test_concurrent_requests_for_one_slot_leave_exactly_one_notice(
    expo: Expo, outbox: Outbox
) -> None:
    """The losers' transactions abort, however far they got: their notices go with them."""
    variables = {"input": {"inviteeId": expo.id("cara"), "startsAt": iso(FIRST_SLOT)}}
    tokens = [await expo.token(name) for name in ("ana", "dan", "eve", "renee")]
    results = await asyncio.gather(
        *(expo.api.execute(REQUEST, variables, token=token) for token in tokens)
    )
    held = [r for r in results if "errors" not in r]
    assert len(held) == 1
    [(who, kind, _, _)] = await outbox.new()
    assert (who, kind) == ("cara", "MEETING_REQUEST")
