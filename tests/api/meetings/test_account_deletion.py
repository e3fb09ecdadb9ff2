"""Deleting an account leaves nobody a dangling meeting: the other person's copy is cancelled,
anonymous, and dropped from their calendar; the slot is free again."""

from __future__ import annotations

from icalendar import Calendar

from server.db.client import Database
from server.db.collections import MEETINGS
from tests.support.meetings import FIRST_SLOT, RESPOND, SECOND_SLOT, Expo

MINE = """{ myMeetings { status cancelReason message requester { name } invitee { name }
  changes { action byOrganizer reason } } }"""


async def test_deleting_an_account_cancels_and_anonymises_its_meetings(
    expo: Expo, db: Database
) -> None:
    accepted = await expo.booked("ana", "cara", FIRST_SLOT)
    await expo.data("cara", RESPOND, id=accepted["id"], accept=True)
    await expo.request("ana", "dan", SECOND_SLOT, "See you at the booth")
    url = (await expo.data("cara", "mutation { createCalendarFeed { url } }"))[
        "createCalendarFeed"
    ]["url"]
    await expo.data("ana", "mutation { deleteMyAccount }")

    left = "The other person left the event."
    assert await expo.data("cara", MINE) == {
        "myMeetings": [{
            "status": "CANCELLED", "cancelReason": left, "message": None,
            "requester": {"name": "Former participant"}, "invitee": {"name": "Cara Chen"},
            "changes": [
                {"action": "REQUEST", "byOrganizer": False, "reason": None},
                {"action": "ACCEPT", "byOrganizer": False, "reason": None},
                {"action": "CANCEL", "byOrganizer": False, "reason": left},
            ],
        }]
    }  # fmt: skip
    [dan_meeting] = (await expo.data("dan", MINE))["myMeetings"]
    assert (dan_meeting["status"], dan_meeting["message"]) == ("CANCELLED", None)
    calendar = Calendar.from_ical((await expo.api.http.get(url)).content)
    [item] = calendar.walk("VEVENT")
    assert (str(item["status"]), int(item["sequence"]), str(item["summary"])) == (
        "CANCELLED", 2, "Meeting with a former participant",
    )  # fmt: skip
    await expo.booked("dan", "cara", FIRST_SLOT)  # both slots are free again
    ana = expo.world.ids["ana@acme.example"]
    for field in ("participants", "requester_id", "invitee_id", "history.by", "awaiting_id"):
        assert await db[MEETINGS.name].count_documents({field: ana}) == 0
