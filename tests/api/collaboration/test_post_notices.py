"""Who hears of a post: members of its community (inbox and live view; pushed only where they
asked for it), the author of the post replied to (pushed), nobody blocked; written with the post."""

from __future__ import annotations

import json
from typing import Any

from server.config import Settings
from server.db.client import Database
from server.db.collections import NOTIFICATIONS, PUSH_JOBS
from server.notifications.gateways.recording import RecordingGateway
from tests.api.test_notification_subscription import listening, next_frame, signed_in_socket
from tests.support.board import SET_PUSH, community_id, dispatch, posted
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.live import LiveApp
from tests.support.meetings import Expo
from tests.support.people import add_people
from tests.support.push import add_device
from tests.support.world import World

WOMEN = "Women In Leadership"
ADD = "mutation($c: ID!, $p: ID!) { addCommunityMember(communityId: $c, personId: $p) { name } }"
BLOCK = "mutation($id: ID!) { blockPerson(personId: $id) }"
LIVE = """subscription { notifications {
  kind title body postId communityId projectId
} }"""


async def inbox(db: Database, world: World) -> list[tuple[str, str, str, str, Any]]:
    """Every notification: (who, kind, title, body, about)."""
    names = {person_id: email.split("@")[0] for email, person_id in world.ids.items()}
    docs = await db[NOTIFICATIONS.name].find({}).to_list()
    return sorted(
        (names[d["person_id"]], d["kind"], d["title"], d["body"], d["about"]) for d in docs
    )


async def phones(db: Database, world: World, clock: ManualClock) -> None:
    for email, person_id in world.ids.items():
        await add_device(db, person_id, f"phone-{email.split('@')[0]}", clock())


async def test_members_hear_of_a_post_and_only_those_who_asked_get_a_push(
    expo: Expo, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    women = await community_id(db, WOMEN)
    await phones(db, world, clock)
    await expo.data("olga", ADD, c=women, p=expo.id("dan"))
    await expo.data("cara", SET_PUSH, id=women, push=True)

    post = await posted(expo, "ana", "Breakfast at 7:30 in the lobby café.", communityId=women)
    written = await inbox(db, world)
    jobs = await db[PUSH_JOBS.name].find({}).to_list()
    gateway = RecordingGateway()
    await dispatch(db, settings, clock, gateway)

    about = {"postId": post["id"], "communityId": women}
    title = "Ana Alvarez posted in Women In Leadership"
    assert written == []  # the members' notices are written by the dispatcher, as announcements'
    assert sorted((len(job["recipients"]), job["inbox_only"]) for job in jobs) == [
        (1, False),
        (1, True),
    ]
    assert await inbox(db, world) == [
        ("cara", "COMMUNITY_POST", title, "Breakfast at 7:30 in the lobby café.", about),
        ("dan", "COMMUNITY_POST", title, "Breakfast at 7:30 in the lobby café.", about),
    ]
    assert [(m.token, m.data) for m in gateway.sent] == [
        (
            "phone-cara",
            {"messageId": gateway.sent[0].data["messageId"], "kind": "COMMUNITY_POST", **about},
        ),
    ]
    assert await db[PUSH_JOBS.name].count_documents({}) == 0


async def test_a_reply_is_pushed_to_the_author_replied_to_and_told_to_the_other_members(
    expo: Expo, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    women = await community_id(db, WOMEN)
    await phones(db, world, clock)
    await expo.data("olga", ADD, c=women, p=expo.id("dan"))
    post = await posted(expo, "ana", "Who runs the mentoring pairs this year?", communityId=women)
    await dispatch(db, settings, clock, RecordingGateway())
    await db[NOTIFICATIONS.name].delete_many({})

    reply = await posted(
        expo, "cara", "I do! Sign-up sheet at the breakfast.", replyToId=post["id"]
    )
    at_once = await inbox(db, world)
    gateway = RecordingGateway()
    await dispatch(db, settings, clock, gateway)

    about = {"postId": post["id"], "communityId": women}
    body = "I do! Sign-up sheet at the breakfast."
    assert reply["replyToId"] == post["id"]
    assert at_once == [("ana", "POST_REPLY", "Cara Chen replied to your post", body, about)]
    assert await inbox(db, world) == [
        ("ana", "POST_REPLY", "Cara Chen replied to your post", body, about),
        ("dan", "COMMUNITY_POST", "Cara Chen replied in Women In Leadership", body, about),
    ]
    assert [(m.token, m.data["kind"], m.collapse_key) for m in gateway.sent] == [
        ("phone-ana", "POST_REPLY", f"post-{post['id']}")
    ]


async def test_nobody_hears_of_a_post_by_someone_blocked_either_way(
    expo: Expo, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    women = await community_id(db, WOMEN)
    await expo.data("olga", ADD, c=women, p=expo.id("dan"))
    await expo.data("dan", BLOCK, id=expo.id("ana"))  # Dan blocked Ana
    await posted(expo, "ana", "Breakfast moved to 8:00.", communityId=women)
    await posted(expo, "dan", "Any vegan options?", communityId=women)
    await dispatch(db, settings, clock, RecordingGateway())

    told = [(who, kind, title) for who, kind, title, *_ in await inbox(db, world)]
    assert told == [
        ("cara", "COMMUNITY_POST", "Ana Alvarez posted in Women In Leadership"),
        ("cara", "COMMUNITY_POST", "Dan Dimitrov posted in Women In Leadership"),
    ]


async def test_a_reply_arrives_live_on_the_phone_of_the_author_replied_to(
    live_app: LiveApp, api: GraphQLClient, expo: Expo, db: Database, world: World
) -> None:
    post = await posted(expo, "ana", "Anyone else fighting alarm fatigue?", kind="CHALLENGE")
    async with await signed_in_socket(api, world, "ana@acme.example") as ws:
        await ws.send(json.dumps({"id": "s", "type": "subscribe", "payload": {"query": LIVE}}))
        await listening(live_app)
        await posted(expo, "cara", "Yes: we tiered our telemetry alarms.", replyToId=post["id"])
        frame = await next_frame(ws)

    assert frame["payload"]["data"]["notifications"] == {
        "kind": "POST_REPLY",
        "title": "Cara Chen replied to your post",
        "body": "Yes: we tiered our telemetry alarms.",
        "postId": post["id"],
        "communityId": None,
        "projectId": None,
    }


async def test_a_post_to_a_large_community_writes_a_few_jobs_not_one_per_member(
    expo: Expo, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    women = await community_id(db, WOMEN)
    rows = [
        {"email": f"member{n:04d}@crowd.example", "name": f"Member {n:04d}", "communities": WOMEN}
        for n in range(1100)
    ]
    await add_people(db, rows, clock())

    await posted(expo, "ana", "The breakfast is full: 1,100 of us!", communityId=women)
    jobs = await db[PUSH_JOBS.name].find({}).to_list()
    await dispatch(db, settings, clock, RecordingGateway())

    assert [len(job["recipients"]) for job in jobs] == [500, 500, 101]  # 1,100 members and Cara
    assert await db[NOTIFICATIONS.name].count_documents({"kind": "COMMUNITY_POST"}) == 1101
