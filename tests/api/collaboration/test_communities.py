"""Communities: anyone joins an open one, organizers curate the others; posts are read by the
members and organizers only; the push choice is each member's."""

from __future__ import annotations

from server.db.client import Database
from tests.support.board import (
    COMMUNITY,
    JOIN,
    LEAVE,
    SET_OPEN,
    SET_PUSH,
    community_id,
    open_community,
    posted,
)
from tests.support.meetings import Expo, error_of

WOMEN = "Women In Leadership"  # curated (the default); Ana and Cara are members
ADD = "mutation($c: ID!, $p: ID!) { addCommunityMember(communityId: $c, personId: $p) { name } }"
REMOVE = (
    "mutation($c: ID!, $p: ID!) { removeCommunityMember(communityId: $c, personId: $p) { name } }"
)
MY_COMMUNITIES = "{ me { communities { name } } }"


async def test_anyone_joins_an_open_community_and_leaves_it(expo: Expo, db: Database) -> None:
    guild = await open_community(db, "Imaging Engineers Guild")

    joined = await expo.data("dan", JOIN, id=guild)
    again = await expo.data("dan", JOIN, id=guild)  # harmless
    mine = await expo.data("dan", MY_COMMUNITIES)
    left = await expo.data("dan", LEAVE, id=guild)

    expected = {"name": "Imaging Engineers Guild", "joined": True, "open": True, "push": False}
    assert joined == again == {"joinCommunity": expected}
    assert mine == {"me": {"communities": [{"name": "Imaging Engineers Guild"}]}}
    assert left == {"leaveCommunity": {"name": "Imaging Engineers Guild", "joined": False}}
    assert await expo.data("dan", MY_COMMUNITIES) == {"me": {"communities": []}}


async def test_a_curated_community_is_joined_only_through_the_organizers(
    expo: Expo, db: Database
) -> None:
    women = await community_id(db, WOMEN)
    refused = await expo.run("dan", JOIN, id=women)
    not_organizer = await expo.run("ana", ADD, c=women, p=expo.id("dan"))
    added = await expo.data("olga", ADD, c=women, p=expo.id("dan"))

    assert error_of(refused) == {"code": "FORBIDDEN", "reason": "CURATED"}
    assert refused["errors"][0]["message"] == (
        "Women In Leadership is curated: the organizers choose its members."
    )
    assert error_of(not_organizer) == {"code": "FORBIDDEN"}
    assert added == {"addCommunityMember": {"name": WOMEN}}
    assert await expo.data("dan", MY_COMMUNITIES) == {"me": {"communities": [{"name": WOMEN}]}}
    await expo.data("olga", REMOVE, c=women, p=expo.id("dan"))
    assert await expo.data("dan", MY_COMMUNITIES) == {"me": {"communities": []}}


async def test_organizers_open_a_community_and_make_it_curated_again(
    expo: Expo, db: Database
) -> None:
    women = await community_id(db, WOMEN)
    refused = await expo.run("ana", SET_OPEN, id=women, open=True)
    opened = await expo.data("olga", SET_OPEN, id=women, open=True)
    joined = await expo.data("dan", JOIN, id=women)
    curated = await expo.data("olga", SET_OPEN, id=women, open=False)

    assert error_of(refused) == {"code": "FORBIDDEN"}
    assert opened == {"setCommunityOpen": {"name": WOMEN, "open": True}}
    assert joined["joinCommunity"]["joined"] is True
    assert curated == {"setCommunityOpen": {"name": WOMEN, "open": False}}
    # members stay when it closes; a member who leaves a curated one cannot come back alone
    await expo.data("dan", LEAVE, id=women)
    assert error_of(await expo.run("dan", JOIN, id=women))["reason"] == "CURATED"


async def test_posts_are_read_by_members_and_organizers_only(expo: Expo, db: Database) -> None:
    women = await community_id(db, WOMEN)
    await posted(expo, "ana", "Breakfast at 7:30 in the lobby café.", communityId=women)

    as_member = await expo.data("cara", COMMUNITY, id=women)
    as_organizer = await expo.data("olga", COMMUNITY, id=women)
    as_outsider = await expo.data("dan", COMMUNITY, id=women)
    refused = await expo.run(
        "dan",
        "mutation($i: PostInput!) { createPost(input: $i) { id } }",
        i={"kind": "QUESTION", "body": "May I come?", "communityId": women},
    )

    breakfast = [
        {
            "body": "Breakfast at 7:30 in the lobby café.",
            "authorName": "Ana Alvarez",
            "replies": {"edges": []},
        }
    ]
    assert as_member["community"]["posts"]["edges"] == [{"node": breakfast[0]}]
    assert as_organizer["community"]["posts"]["edges"] == [{"node": breakfast[0]}]
    assert as_outsider["community"] == {
        "name": WOMEN,
        "open": False,
        "joined": False,
        "push": False,
        "posts": {"edges": []},
    }
    assert error_of(refused) == {"code": "FORBIDDEN", "reason": "NOT_A_MEMBER"}


async def test_the_push_choice_is_for_members(expo: Expo, db: Database) -> None:
    women = await community_id(db, WOMEN)
    refused = await expo.run("dan", SET_PUSH, id=women, push=True)
    on = await expo.data("ana", SET_PUSH, id=women, push=True)
    off = await expo.data("ana", SET_PUSH, id=women, push=False)

    assert error_of(refused) == {"code": "FORBIDDEN"}
    assert (on, off) == (
        {"setCommunityPush": {"push": True}},
        {"setCommunityPush": {"push": False}},
    )


async def test_an_unknown_community_is_not_found(expo: Expo) -> None:
    for query in (JOIN, LEAVE, COMMUNITY):
        assert error_of(await expo.run("ana", query, id="nope")) == {"code": "NOT_FOUND"}


async def test_an_unlisted_member_reads_and_posts_in_their_community(
    expo: Expo, db: Database
) -> None:
    guild = await open_community(db, "Imaging Engineers Guild")
    await expo.data("eve", JOIN, id=guild)  # Eve is not listed in the directory
    await expo.data("dan", JOIN, id=guild)
    await posted(expo, "eve", "Anyone servicing the older CT gantries?", communityId=guild)

    seen = await expo.data("dan", COMMUNITY, id=guild)

    assert [e["node"]["authorName"] for e in seen["community"]["posts"]["edges"]] == ["Eve Evans"]
