"""eventMeetings: the organizers' list of meetings, filtered and paged, with its total."""

from __future__ import annotations

from typing import Any

from server.db.client import Database
from server.db.collections import PEOPLE
from tests.api.meetings.test_event_stats import play_a_morning
from tests.support.clock import ManualClock
from tests.support.meetings import Expo

MEETINGS = """query($filter: MeetingFilter, $first: Int, $after: String) {
  eventMeetings(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { status startsAt requester { name } invitee { name } } }
  }
}"""


async def _meetings(expo: Expo, **variables: Any) -> dict[str, Any]:
    connection: dict[str, Any] = (await expo.data("olga", MEETINGS, **variables))["eventMeetings"]
    return connection


def _pairs(connection: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            edge["node"]["requester"]["name"].split()[0],
            edge["node"]["invitee"]["name"].split()[0],
            edge["node"]["status"],
        )
        for edge in connection["edges"]
    ]


async def test_pages_come_in_time_order_with_the_total(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await play_a_morning(expo, db, clock)

    first = await _meetings(expo, first=4)
    rest = await _meetings(expo, first=4, after=first["pageInfo"]["endCursor"])

    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (6, True)
    assert _pairs(first) == [
        ("Ana", "Cara", "ACCEPTED"),
        ("Dan", "Ana", "ACCEPTED"),
        ("Renée", "Cara", "EXPIRED"),
        ("Cara", "Dan", "DECLINED"),
    ]
    assert (rest["totalCount"], rest["pageInfo"]["hasNextPage"]) == (6, False)
    assert _pairs(rest) == [("Eve", "Dan", "PENDING"), ("Ana", "Dan", "CANCELLED")]


async def test_filters_narrow_the_list_and_its_total(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await play_a_morning(expo, db, clock)
    cara = await db[PEOPLE.name].find_one({"_id": expo.id("cara")})
    assert cara is not None
    accepted = ["ACCEPTED"]

    competitors = await _meetings(expo, filter={"status": accepted, "coopetition": True})
    others = await _meetings(expo, filter={"status": accepted, "coopetition": False})
    second_day = await _meetings(expo, filter={"day": "2027-04-13"})
    dans = await _meetings(
        expo, filter={"personId": expo.id("dan"), "status": ["PENDING", "DECLINED"]}
    )
    bolts = await _meetings(expo, filter={"organizationId": cara["organization_id"]})

    assert (_pairs(competitors), competitors["totalCount"]) == ([("Ana", "Cara", "ACCEPTED")], 1)
    assert _pairs(others) == [("Dan", "Ana", "ACCEPTED")]
    assert _pairs(second_day) == [("Eve", "Dan", "PENDING"), ("Ana", "Dan", "CANCELLED")]
    assert _pairs(dans) == [("Cara", "Dan", "DECLINED"), ("Eve", "Dan", "PENDING")]
    assert _pairs(bolts) == [
        ("Ana", "Cara", "ACCEPTED"),
        ("Renée", "Cara", "EXPIRED"),
        ("Cara", "Dan", "DECLINED"),
    ]


async def test_a_made_up_cursor_is_bad_input(expo: Expo) -> None:
    result = await expo.run("olga", MEETINGS, after="not-a-cursor")

    assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_only_organizers_list_the_events_meetings(expo: Expo) -> None:
    result = await expo.run("dan", MEETINGS)

    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
