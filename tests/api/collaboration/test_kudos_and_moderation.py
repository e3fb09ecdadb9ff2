"""Kudos once per person (the database says so), the author told once; deleting (author or
organizer, with the replies), reporting (anyone who sees it; organizers read the reports),
closing a challenge."""

from __future__ import annotations

import asyncio

from server.db.client import Database
from server.db.collections import KUDOS, NOTIFICATIONS, POSTS
from tests.support.board import DELETE, REPLIES, REPORT, posted
from tests.support.board import KUDOS as GIVE_KUDOS
from tests.support.meetings import Expo, error_of

REPORTS = """{ postReports { reason postId post { body } reporter { name } } }"""
CLOSE = "mutation($id: ID!) { closeChallenge(postId: $id) { kind open } }"
READ = "query($id: ID!) { post(id: $id) { kudosCount kudosGivenByMe } }"


async def test_kudos_count_once_per_person_and_tell_the_author_once(
    expo: Expo, db: Database
) -> None:
    post = await posted(expo, "ana", "Our shared loaner pool saved 40 hours.", kind="SUCCESS")
    cara = await expo.data("cara", GIVE_KUDOS, id=post["id"])
    again = await expo.data("cara", GIVE_KUDOS, id=post["id"])
    dan = await expo.data("dan", GIVE_KUDOS, id=post["id"])
    own = await expo.run("ana", GIVE_KUDOS, id=post["id"])

    assert cara == again == {"giveKudos": {"kudosCount": 1, "kudosGivenByMe": True}}
    assert dan == {"giveKudos": {"kudosCount": 2, "kudosGivenByMe": True}}
    assert error_of(own) == {"code": "BAD_USER_INPUT", "field": "postId"}
    assert await expo.data("ana", READ, id=post["id"]) == {
        "post": {"kudosCount": 2, "kudosGivenByMe": False}
    }
    notices = await db[NOTIFICATIONS.name].find({"kind": "KUDOS"}).sort("title", 1).to_list()
    assert [(n["person_id"], n["title"], n["about"]) for n in notices] == [
        (expo.id("ana"), "Cara Chen gave kudos to your post", {"postId": post["id"]}),
        (expo.id("ana"), "Dan Dimitrov gave kudos to your post", {"postId": post["id"]}),
    ]


async def test_concurrent_kudos_of_one_person_count_once(expo: Expo, db: Database) -> None:
    post = await posted(expo, "ana", "We share a biomed apprentice.", kind="SUCCESS")
    await expo.token("cara")
    results = await asyncio.gather(*[expo.run("cara", GIVE_KUDOS, id=post["id"]) for _ in range(8)])
    assert all("errors" not in result for result in results), results
    assert await db[KUDOS.name].count_documents({"post_id": post["id"]}) == 1
    assert await db[NOTIFICATIONS.name].count_documents({"kind": "KUDOS"}) == 1


async def test_the_author_or_an_organizer_deletes_a_post_with_its_replies(
    expo: Expo, db: Database
) -> None:
    first = await posted(expo, "ana", "First")
    await posted(expo, "cara", "A reply", replyToId=first["id"])
    await expo.data("dan", GIVE_KUDOS, id=first["id"])
    second = await posted(expo, "ana", "Second")

    refused = await expo.run("cara", DELETE, id=first["id"])
    by_author = await expo.data("ana", DELETE, id=first["id"])
    by_organizer = await expo.data("olga", DELETE, id=second["id"])

    assert error_of(refused) == {"code": "FORBIDDEN"}
    assert by_author == {"deletePost": True}
    assert by_organizer == {"deletePost": True}
    assert await db[POSTS.name].count_documents({}) == 0
    assert await db[KUDOS.name].count_documents({}) == 0
    gone = await expo.run("ana", REPLIES, id=first["id"])
    assert error_of(gone) == {"code": "NOT_FOUND"}


async def test_anyone_reports_a_post_and_organizers_read_the_reports(
    expo: Expo, db: Database
) -> None:
    post = await posted(expo, "ana", "Buy my refurbished probes, best price!")
    await expo.data("cara", REPORT, id=post["id"], reason="Advertising, not collaboration.")
    await expo.data("cara", REPORT, id=post["id"], reason="Once more")  # counted once
    await expo.data("dan", REPORT, id=post["id"], reason="Spam")
    blank = await expo.run("dan", REPORT, id=post["id"], reason="  ")
    not_organizer = await expo.run("ana", REPORTS)

    reports = await expo.data("olga", REPORTS)
    await expo.data("olga", DELETE, id=post["id"])
    after_deletion = await expo.data("olga", REPORTS)

    assert error_of(blank) == {"code": "BAD_USER_INPUT", "field": "reason"}
    assert error_of(not_organizer) == {"code": "FORBIDDEN"}
    body = "Buy my refurbished probes, best price!"
    assert sorted(
        (r["reason"], r["postId"], r["post"]["body"], r["reporter"]["name"])
        for r in reports["postReports"]
    ) == [
        ("Advertising, not collaboration.", post["id"], body, "Cara Chen"),
        ("Spam", post["id"], body, "Dan Dimitrov"),
    ]
    assert sorted((r["reason"], r["post"]) for r in after_deletion["postReports"]) == [
        ("Advertising, not collaboration.", None),
        ("Spam", None),
    ]


async def test_a_challenge_is_closed_by_its_author_and_stays_on_the_board(expo: Expo) -> None:
    challenge = await posted(expo, "ana", "Loaner pumps across systems?", kind="CHALLENGE")
    update = await posted(expo, "ana", "An update")

    refused = await expo.run("cara", CLOSE, id=challenge["id"])
    closed = await expo.data("ana", CLOSE, id=challenge["id"])
    twice = await expo.data("ana", CLOSE, id=challenge["id"])
    not_a_challenge = await expo.run("ana", CLOSE, id=update["id"])

    assert error_of(refused) == {"code": "FORBIDDEN"}
    assert closed == twice == {"closeChallenge": {"kind": "CHALLENGE", "open": False}}
    assert error_of(not_a_challenge) == {"code": "BAD_USER_INPUT", "field": "postId"}
