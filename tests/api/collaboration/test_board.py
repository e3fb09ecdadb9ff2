"""The board: event-wide posts by kind and interest, newest first in keyset pages; for people
listed in the directory; bodies are plain text, bounded, and patient data is stopped."""

from __future__ import annotations

from typing import Any

import pytest

from server.db.client import Database
from server.db.collections import PEOPLE
from tests.support.board import BOARD, CREATE_POST, board_bodies, posted
from tests.support.clock import ManualClock
from tests.support.meetings import Expo, error_of
from tests.support.world import World

PROFILE = "mutation($l: Boolean!) { updateProfile(input: {listed: $l}) { listed } }"


async def test_the_board_shows_posts_newest_first_by_kind_and_interest(
    expo: Expo, world: World, clock: ManualClock
) -> None:
    imaging, cyber = world.interest_ids["Imaging service"], world.interest_ids["Cybersecurity"]
    await posted(
        expo,
        "ana",
        "We cut CT downtime by sharing a parts pool.",
        kind="SUCCESS",
        interestIds=[imaging],
    )
    clock.advance(minutes=1)
    await posted(
        expo,
        "cara",
        "Who patches monitors on a fixed schedule?",
        kind="QUESTION",
        interestIds=[cyber],
    )
    clock.advance(minutes=1)
    await posted(
        expo,
        "dan",
        "Alarm fatigue on telemetry floors: partners wanted.",
        kind="CHALLENGE",
        interestIds=[cyber, imaging],
    )

    everything = await board_bodies(expo, "ben")
    challenges = await board_bodies(expo, "ben", kind="CHALLENGE")
    on_imaging = await board_bodies(expo, "ben", interestId=imaging)
    questions_on_imaging = await board_bodies(expo, "ben", kind="QUESTION", interestId=imaging)

    assert everything == [
        "Alarm fatigue on telemetry floors: partners wanted.",
        "Who patches monitors on a fixed schedule?",
        "We cut CT downtime by sharing a parts pool.",
    ]
    assert challenges == ["Alarm fatigue on telemetry floors: partners wanted."]
    assert on_imaging == [everything[0], everything[2]]
    assert questions_on_imaging == []


async def test_pages_follow_each_other_without_gaps_or_repeats(
    expo: Expo, clock: ManualClock
) -> None:
    for n in range(5):
        await posted(expo, "ana", f"Note {n}")
        if n % 2:
            clock.advance(seconds=30)  # some posts share a time: the id breaks the tie

    pages: list[list[str]] = []
    after = None
    while True:
        board = (await expo.data("dan", BOARD, first=2, after=after))["board"]
        pages.append([edge["node"]["body"] for edge in board["edges"]])
        if not board["pageInfo"]["hasNextPage"]:
            break
        after = board["pageInfo"]["endCursor"]

    assert pages == [["Note 4", "Note 3"], ["Note 2", "Note 1"], ["Note 0"]]
    bad = await expo.run("dan", BOARD, after="not-a-cursor")
    assert error_of(bad) == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_a_post_shows_its_author_interests_and_place(expo: Expo, world: World) -> None:
    post = await posted(
        expo,
        "ana",
        "Line one.\r\n\r\n\r\n\r\nLine two \u202eevil\t end  ",
        interestIds=[world.interest_ids["Imaging service"]],
    )
    assert post == {
        "id": post["id"],
        "kind": "UPDATE",
        "body": "Line one.\n\nLine two evil  end",
        "authorName": "Ana Alvarez",
        "author": {"name": "Ana Alvarez"},
        "interests": [{"label": "Imaging service"}],
        "open": True,
        "replyToId": None,
        "community": None,
        "project": None,
        "kudosCount": 0,
        "kudosGivenByMe": False,
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"body": "   \n\t "}, {"code": "BAD_USER_INPUT", "field": "body"}),
        ({"body": "x" * 2001}, {"code": "BAD_USER_INPUT", "field": "body"}),
        (
            {"body": "hi", "interestIds": ["nope"]},
            {"code": "BAD_USER_INPUT", "field": "interestIds"},
        ),
        ({"body": "hi", "communityId": "nope"}, {"code": "NOT_FOUND"}),
        ({"body": "hi", "projectId": "nope"}, {"code": "NOT_FOUND"}),
        ({"body": "hi", "replyToId": "nope"}, {"code": "NOT_FOUND"}),
    ],
)
async def test_bad_posts_are_refused_with_a_reason(
    expo: Expo, fields: dict[str, Any], expected: dict[str, Any]
) -> None:
    result = await expo.run("ana", CREATE_POST, input={"kind": "UPDATE", **fields})
    assert error_of(result) == expected


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("Call me at (702) 555-0143 about bed 4", ["PHONE_NUMBER"]),
        ("Her daughter wrote to jane.doe@example.org", ["EMAIL_ADDRESS"]),
        ("Pump alarm for MRN 00451234 again", ["MEDICAL_RECORD_NUMBER"]),
        ("medical record no. 88 and 702.555.0143", ["PHONE_NUMBER", "MEDICAL_RECORD_NUMBER"]),
    ],
)
async def test_what_looks_like_patient_data_needs_the_authors_confirmation(
    expo: Expo, body: str, found: list[str]
) -> None:
    refused = await expo.run("ana", CREATE_POST, input={"kind": "UPDATE", "body": body})
    confirmed = await posted(expo, "ana", body, confirmNoPatientData=True)

    assert error_of(refused) == {
        "code": "BAD_USER_INPUT",
        "field": "body",
        "reason": "MAY_CONTAIN_PATIENT_DATA",
        "found": found,
    }
    assert "Never share patient information here." in refused["errors"][0]["message"]
    assert confirmed["body"] == body


async def test_model_numbers_and_times_are_not_mistaken_for_patient_data(expo: Expo) -> None:
    body = "The IntelliVue MX450 at 10:40, firmware 3.2.1, 12 beds, 2027 budget."
    assert (await posted(expo, "ana", body))["body"] == body


async def test_people_not_listed_neither_read_nor_post_on_the_board(
    expo: Expo, db: Database
) -> None:
    read = await expo.run("eve", BOARD)
    write = await expo.run("eve", CREATE_POST, input={"kind": "UPDATE", "body": "Hello"})
    assert error_of(read) == error_of(write) == {"code": "FORBIDDEN", "reason": "NOT_LISTED"}


@pytest.mark.parametrize("first", [0, 101])
async def test_a_page_size_out_of_bounds_is_refused(expo: Expo, first: int) -> None:
    result = await expo.run("ana", BOARD, first=first)
    assert error_of(result) == {"code": "BAD_USER_INPUT", "field": "first"}


async def test_a_person_who_stops_being_listed_disappears_from_the_board(
    expo: Expo, clock: ManualClock
) -> None:
    await posted(expo, "ana", "Ana's first post")
    clock.advance(minutes=1)
    await posted(expo, "cara", "Cara's post")
    await expo.data("ana", PROFILE, l=False)

    seen_by_dan = await board_bodies(expo, "dan")
    seen_by_organizer = await board_bodies(expo, "olga")
    await expo.data("ana", PROFILE, l=True)

    assert seen_by_dan == ["Cara's post"]
    assert seen_by_organizer == ["Cara's post", "Ana's first post"]
    assert await board_bodies(expo, "dan") == ["Cara's post", "Ana's first post"]


async def test_a_page_reads_past_many_hidden_posts(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await posted(expo, "cara", "Visible, oldest")
    for n in range(30):
        clock.advance(seconds=40)  # within the posting limit
        await posted(expo, "ana", f"Hidden {n}")
    await db[PEOPLE.name].update_one({"_id": expo.id("ana")}, {"$set": {"listed": False}})

    first = (await expo.data("dan", BOARD, first=2))["board"]
    bodies, after = [e["node"]["body"] for e in first["edges"]], first["pageInfo"]["endCursor"]
    while first["pageInfo"]["hasNextPage"]:  # a short page says there may be more
        first = (await expo.data("dan", BOARD, first=2, after=after))["board"]
        bodies += [e["node"]["body"] for e in first["edges"]]
        after = first["pageInfo"]["endCursor"]

    assert bodies == ["Visible, oldest"]


async def test_posting_is_rate_limited_per_person(expo: Expo, clock: ManualClock) -> None:
    for n in range(20):  # POSTS_MAX_PER_WINDOW
        await posted(expo, "ana", f"Post {n}")
    limited = await expo.run("ana", CREATE_POST, input={"kind": "UPDATE", "body": "One more"})
    others = await posted(expo, "cara", "Cara is not limited")

    assert error_of(limited)["code"] == "RATE_LIMITED"
    assert error_of(limited)["retryAfterSeconds"] > 0
    assert limited["errors"][0]["message"].startswith("You have posted a lot in a short time.")
    assert others["body"] == "Cara is not limited"
    clock.advance(minutes=10)  # POSTS_WINDOW_SECONDS
    assert (await posted(expo, "ana", "Later"))["body"] == "Later"
