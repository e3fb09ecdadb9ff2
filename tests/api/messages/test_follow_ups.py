"""Meeting follow-ups through the API: recorded after the meeting's end by its people, asked for
by a reminder an hour after it, and read by matchmaking (a NO_SHOW privately)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from server.db.client import Database
from server.db.collections import MEETING_FOLLOW_UPS
from server.notifications.reminders import ReminderWorker
from tests.api.test_matchmaking import eventually, run_matchmaking
from tests.support.clock import ManualClock
from tests.support.meetings import CANCEL, FIRST_SLOT, RESPOND, Expo, at, error_of
from tests.support.messages import SUGGESTIONS
from tests.support.notices import Outbox
from tests.support.world import World

RECORD = """mutation($input: MeetingFollowUpInput!) {
  recordMeetingFollowUp(input: $input) { outcome nextSteps kudos note meeting { id } } }"""
MINE = "{ myFollowUps { outcome nextSteps kudos note meeting { id } } }"
ASK = "Say whether you met and what you agreed to do next."


async def accepted(expo: Expo, requester: str, invitee: str) -> dict[str, Any]:
    meeting = await expo.booked(requester, invitee, FIRST_SLOT)
    await expo.data(invitee, RESPOND, id=meeting["id"], accept=True)
    return meeting


def follow_up(meeting: dict[str, Any], outcome: str = "MET", **more: Any) -> dict[str, Any]:
    return {"meetingId": meeting["id"], "outcome": outcome, **more}


async def test_each_person_records_how_it_went_after_the_end_and_is_asked_an_hour_after(
    expo: Expo, db: Database, world: World, clock: ManualClock
) -> None:
    outbox = Outbox(db, world)
    meeting = await accepted(expo, "ana", "cara")
    due = FIRST_SLOT + timedelta(minutes=20, hours=1)
    assert await outbox.reminders("FOLLOW_UP_REMINDER") == [
        ("ana", meeting["id"], due, "How did it go with Cara Chen?", ASK),
        ("cara", meeting["id"], due, "How did it go with Ana Alvarez?", ASK),
    ]
    early = await expo.run("ana", RECORD, input=follow_up(meeting))
    assert error_of(early) == {"code": "CONFLICT", "reason": "NOT_OVER"}

    clock.now = FIRST_SLOT + timedelta(minutes=25)
    steps = ["CROSS_REFERRAL", "JOINT_PROJECT", "CROSS_REFERRAL"]
    given = follow_up(meeting, nextSteps=steps, kudos=True, note="Send her the ISO list")
    recorded = await expo.data("ana", RECORD, input=given)

    expected = {
        "outcome": "MET",
        "nextSteps": ["CROSS_REFERRAL", "JOINT_PROJECT"],
        "kudos": True,
        "note": "Send her the ISO list",
        "meeting": {"id": meeting["id"]},
    }
    assert recorded == {"recordMeetingFollowUp": expected}
    assert await expo.data("ana", MINE) == {"myFollowUps": [expected]}
    assert await expo.data("cara", MINE) == {"myFollowUps": []}
    stored = await db[MEETING_FOLLOW_UPS.name].find_one({"person_id": expo.id("ana")})
    assert stored is not None
    assert (stored["_id"], stored["coopetition"], stored["cross_sector"]) == (
        f"{meeting['id']}:{expo.id('ana')}",
        True,  # Acme and Bolt both sell imaging service
        True,  # a service organization and a vendor
    )
    assert [who for who, *_ in await outbox.reminders("FOLLOW_UP_REMINDER")] == ["cara"]

    await outbox.new()
    clock.now = due
    worker = ReminderWorker(db, clock, lease_seconds=60)
    while await worker.run_once():
        pass
    assert await outbox.new() == [
        ("cara", "FOLLOW_UP_REMINDER", "How did it go with Ana Alvarez?", ASK)
    ]
    again = await expo.data("ana", RECORD, input=follow_up(meeting, note="Sent"))
    assert again["recordMeetingFollowUp"]["note"] == "Sent"
    assert await db[MEETING_FOLLOW_UPS.name].count_documents({}) == 1


async def test_only_its_people_follow_up_an_accepted_meeting(
    expo: Expo, clock: ManualClock
) -> None:
    meeting = await accepted(expo, "ana", "cara")
    pending = await expo.booked("ana", "dan", at(12, 17, 40))
    clock.now = at(12, 19)

    not_mine = await expo.run("dan", RECORD, input=follow_up(meeting))
    unanswered = await expo.run("ana", RECORD, input=follow_up(pending))  # expired by now
    unknown = await expo.run("ana", RECORD, input={"meetingId": "nope", "outcome": "MET"})

    assert error_of(not_mine) == {"code": "FORBIDDEN"}
    assert error_of(unanswered) == {
        "code": "CONFLICT",
        "reason": "WRONG_STATE",
        "status": "EXPIRED",
    }
    assert error_of(unknown) == {"code": "NOT_FOUND"}


async def test_cancelling_a_meeting_withdraws_its_follow_up_reminders(
    expo: Expo, db: Database, world: World
) -> None:
    outbox = Outbox(db, world)
    meeting = await accepted(expo, "ana", "cara")
    assert len(await outbox.reminders("FOLLOW_UP_REMINDER")) == 2

    await expo.data("cara", CANCEL, id=meeting["id"], reason="My flight moved.")

    assert await outbox.reminders("FOLLOW_UP_REMINDER") == []


async def _names(expo: Expo, viewer: str) -> list[str]:
    suggestions = (await expo.data(viewer, SUGGESTIONS))["suggestions"]
    return [suggestion["person"]["name"] for suggestion in suggestions]


async def test_a_no_show_lets_only_its_author_be_suggested_the_other_again(
    expo: Expo, world: World, clock: ManualClock
) -> None:
    await run_matchmaking(expo.api, world)
    assert "Cara Chen" in await _names(expo, "ana")
    assert "Ana Alvarez" in await _names(expo, "cara")
    meeting = await accepted(expo, "ana", "cara")
    cara_sees = await _names(expo, "cara")
    assert "Cara Chen" not in await _names(expo, "ana")
    clock.now = FIRST_SLOT + timedelta(minutes=30)

    await expo.data("ana", RECORD, input=follow_up(meeting, "NO_SHOW"))
    clock.advance(seconds=10)  # the lists are refreshed shortly after

    async def ana_sees_cara() -> list[str] | None:
        names = await _names(expo, "ana")
        return names if "Cara Chen" in names else None

    assert await eventually(ana_sees_cara) is not None
    assert await _names(expo, "cara") == cara_sees  # nothing changes for Cara

    await expo.data("cara", RECORD, input=follow_up(meeting, "MET"))
    assert "Cara Chen" not in await _names(expo, "ana")  # she says they met: that stands
