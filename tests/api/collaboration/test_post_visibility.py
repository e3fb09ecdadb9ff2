"""Blocks hide two people's posts and replies from each other, both ways, wherever they are;
what is hidden cannot be replied to, given kudos or reported either."""

from __future__ import annotations

from typing import Any

from server.db.client import Database
from tests.support.board import CREATE_POST, KUDOS, REPLIES, REPORT, board_bodies, posted
from tests.support.clock import ManualClock
from tests.support.meetings import Expo, error_of

BLOCK = "mutation($id: ID!) { blockPerson(personId: $id) }"


async def test_blocks_hide_posts_and_replies_both_ways(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    thread = await posted(expo, "dan", "Loaner pool across the valley?")
    clock.advance(minutes=1)
    await posted(expo, "cara", "Count us in.", replyToId=thread["id"])
    await posted(expo, "ana", "We can host the spreadsheet.", replyToId=thread["id"])
    await posted(expo, "ana", "Ana's own post")
    await expo.data("ana", BLOCK, id=expo.id("cara"))  # Ana blocks Cara

    ana_sees = await expo.data("ana", REPLIES, id=thread["id"])
    cara_sees = await expo.data("cara", REPLIES, id=thread["id"])

    def bodies(data: dict[str, Any]) -> list[str]:
        return [edge["node"]["body"] for edge in data["post"]["replies"]["edges"]]

    assert bodies(ana_sees) == ["We can host the spreadsheet."]
    assert bodies(cara_sees) == ["Count us in."]
    assert await board_bodies(expo, "cara") == ["Loaner pool across the valley?"]
    assert await board_bodies(expo, "dan") == ["Ana's own post", "Loaner pool across the valley?"]


async def test_a_hidden_post_is_not_found_for_reading_replying_kudos_or_reports(
    expo: Expo,
) -> None:
    post = await posted(expo, "ana", "Ana's post")
    await expo.data("cara", BLOCK, id=expo.id("ana"))  # Cara blocks Ana: hidden both ways

    reply = {"kind": "UPDATE", "body": "hi", "replyToId": post["id"]}
    attempts = [
        await expo.run("cara", REPLIES, id=post["id"]),
        await expo.run("cara", CREATE_POST, input=reply),
        await expo.run("cara", KUDOS, id=post["id"]),
        await expo.run("cara", REPORT, id=post["id"], reason="spam"),
    ]
    assert [error_of(attempt) for attempt in attempts] == [{"code": "NOT_FOUND"}] * 4


async def test_replies_are_one_level_deep_and_stay_where_their_post_is(expo: Expo) -> None:
    post = await posted(expo, "ana", "Question")
    reply = await posted(expo, "cara", "Answer", replyToId=post["id"])
    deeper = await expo.run(
        "dan", CREATE_POST, input={"kind": "UPDATE", "body": "x", "replyToId": reply["id"]}
    )
    elsewhere = await expo.run(
        "dan",
        CREATE_POST,
        input={"kind": "UPDATE", "body": "x", "replyToId": post["id"], "communityId": "c"},
    )
    assert (
        error_of(deeper) == error_of(elsewhere) == {"code": "BAD_USER_INPUT", "field": "replyToId"}
    )
