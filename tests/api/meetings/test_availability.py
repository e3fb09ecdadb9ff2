"""Available slots: meeting hours minus blocks, bookmarked sessions, held slots and full places."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import LOCATIONS
from tests.support.clock import ManualClock
from tests.support.meetings import AVAILABLE, FIRST_SLOT, Expo, at, error_of, iso

BLOCK = """mutation($s: DateTime!, $e: DateTime!, $note: String) {
  blockTime(startsAt: $s, endsAt: $e, note: $note) { id startsAt endsAt note } }"""


def _starts(result: dict[str, list[dict[str, str]]]) -> list[str]:
    return [slot["startsAt"][11:16] + slot["startsAt"][8:10] for slot in result["availableSlots"]]


async def test_everyone_is_free_in_meeting_hours_by_default(expo: Expo) -> None:
    result = await expo.data("ana", AVAILABLE, id=expo.id("cara"))
    assert len(result["availableSlots"]) == 18  # three spans of two hours, 20-minute slots
    assert result["availableSlots"][0] == {
        "startsAt": "2027-04-12T17:00:00+00:00", "endsAt": "2027-04-12T17:20:00+00:00",
    }  # fmt: skip


async def test_blocks_bookmarks_and_holds_of_either_person_remove_slots(
    expo: Expo, clock: ManualClock
) -> None:
    await expo.data("ana", BLOCK, s=iso(at(12, 17)), e=iso(at(12, 17, 30)))
    await expo.data("cara", 'mutation { bookmarkSession(sessionId: "s-cyber") { id } }')
    await expo.booked("cara", "dan", at(12, 21))
    clock.advance(hours=4, minutes=50)  # 20:50 UTC: the morning has gone
    result = await expo.data("ana", AVAILABLE, id=expo.id("cara"))
    assert _starts(result) == [
        "21:2012",
        "21:4012",
        "22:0012",
        "22:2012",
        "22:4012",
        "18:0013",
        "18:2013",
        "18:4013",
    ]


async def test_a_slot_with_every_place_taken_is_not_available(expo: Expo, db: Database) -> None:
    await db[LOCATIONS.name].delete_many({"_id": {"$ne": "T01"}})
    await expo.booked("dan", "renee", FIRST_SLOT)
    result = await expo.data("ana", AVAILABLE, id=expo.id("cara"))
    assert result["availableSlots"][0]["startsAt"] == "2027-04-12T17:20:00+00:00"


async def test_available_slots_with_someone_you_cannot_see_is_not_found(expo: Expo) -> None:
    assert error_of(await expo.run("ana", AVAILABLE, id=expo.id("eve"))) == {"code": "NOT_FOUND"}
    assert error_of(await expo.run("ana", AVAILABLE, id="nobody")) == {"code": "NOT_FOUND"}
    organizers_view = await expo.data("olga", AVAILABLE, id=expo.id("eve"))  # organizers see all
    assert len(organizers_view["availableSlots"]) == 18  # every slot of the three spans


async def test_blocked_times_are_listed_removed_and_checked(expo: Expo) -> None:
    blocked = (await expo.data("ana", BLOCK, s=iso(at(12, 17)), e=iso(at(12, 18)), note="Lunch"))[
        "blockTime"
    ]
    assert (blocked["endsAt"], blocked["note"]) == ("2027-04-12T18:00:00+00:00", "Lunch")
    listed = await expo.data("ana", "{ myBlockedTimes { id note } }")
    assert listed == {"myBlockedTimes": [{"id": blocked["id"], "note": "Lunch"}]}
    unblock = "mutation($id: ID!) { unblockTime(id: $id) }"
    assert error_of(await expo.run("cara", unblock, id=blocked["id"])) == {"code": "NOT_FOUND"}
    assert await expo.data("ana", unblock, id=blocked["id"]) == {"unblockTime": True}
    assert await expo.data("ana", "{ myBlockedTimes { id } }") == {"myBlockedTimes": []}
    error = error_of(await expo.run("ana", BLOCK, s=iso(at(12, 18)), e=iso(at(12, 17))))
    assert error == {"code": "BAD_USER_INPUT", "field": "endsAt"}
    error = error_of(await expo.run("ana", BLOCK, s=iso(at(12, 8)), e=iso(at(16, 8))))
    assert error == {"code": "BAD_USER_INPUT", "field": "endsAt"}
