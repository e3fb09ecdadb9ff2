"""Introductions through the API: by someone connected to both, told to both, first in their
suggestions, a way to message; an unlisted person only with their acceptance."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import NOTIFICATIONS
from tests.api.test_matchmaking import run_matchmaking
from tests.support.meetings import FIRST_SLOT, RESPOND, Expo, error_of
from tests.support.messages import (
    BLOCK,
    INTRODUCE,
    MY_INTRODUCTIONS,
    RESPOND_INTRODUCTION,
    SUGGESTIONS,
    mutual,
    send,
    sent,
)
from tests.support.notices import Outbox
from tests.support.world import World

NOTE = "You both fight alarm fatigue on the same monitors."


async def connected_by_a_meeting(expo: Expo, requester: str, invitee: str) -> None:
    meeting = await expo.booked(requester, invitee, FIRST_SLOT)
    await expo.data(invitee, RESPOND, id=meeting["id"], accept=True)


async def names(expo: Expo, viewer: str) -> list[str]:
    suggestions = (await expo.data(viewer, SUGGESTIONS))["suggestions"]
    return [suggestion["person"]["name"] for suggestion in suggestions]


async def introduce(expo: Expo, by: str, person: str, to: str, note: str | None = NOTE) -> dict:
    return await expo.run(by, INTRODUCE, person=expo.id(person), to=expo.id(to), note=note)


async def test_an_introduction_tells_both_puts_them_first_and_lets_them_write(
    expo: Expo, db: Database, world: World
) -> None:
    outbox = Outbox(db, world)
    await run_matchmaking(expo.api, world)
    await mutual(expo, "ana", "cara")
    await mutual(expo, "ana", "dan")
    before = await send(expo, "cara", "dan", "Hello Dan")
    listed_before = await names(expo, "cara")
    await outbox.new()

    made = await introduce(expo, "ana", "cara", "dan")

    assert made["data"]["introduce"] == {
        "id": made["data"]["introduce"]["id"],
        "status": "ACCEPTED",
        "note": NOTE,
        "waitingForYou": False,
        "by": {"name": "Ana Alvarez"},
        "person": {"name": "Cara Chen"},
        "to": {"name": "Dan Dimitrov"},
    }
    body = "You can message each other, and {} is at the top of your suggestions. “" + NOTE + "”"
    assert await outbox.new() == [
        (
            "cara",
            "INTRODUCTION",
            "Ana Alvarez introduced you to Dan Dimitrov",
            body.format("Dan Dimitrov"),
        ),
        (
            "dan",
            "INTRODUCTION",
            "Ana Alvarez introduced you to Cara Chen",
            body.format("Cara Chen"),
        ),
    ]
    others = [name for name in listed_before if name != "Dan Dimitrov"]
    assert (len(others), await names(expo, "cara")) == (2, ["Dan Dimitrov", *others])
    for viewer, other in (("cara", "Dan Dimitrov"), ("dan", "Cara Chen")):
        first = (await expo.data(viewer, SUGGESTIONS))["suggestions"][0]
        assert first["person"] == {"name": other}
        assert first["reasons"][0] == {
            "kind": "INTRODUCTION",
            "detail": "Introduced by Ana Alvarez",
        }
    assert error_of(before) == {"code": "FORBIDDEN", "reason": "NOT_CONNECTED"}
    assert (await sent(expo, "cara", "dan", "Hello Dan"))["to"] == {"name": "Dan Dimitrov"}
    notice = await db[NOTIFICATIONS.name].find_one(
        {"kind": "INTRODUCTION", "person_id": expo.id("dan")}
    )
    assert notice is not None
    assert notice["about"] == {
        "personId": expo.id("cara"),
        "subjectId": made["data"]["introduce"]["id"],
    }


async def test_only_someone_connected_to_both_introduces_them(expo: Expo) -> None:
    await mutual(expo, "ana", "cara")  # Ana knows Cara, not Dan

    stranger = await introduce(expo, "ana", "cara", "dan")
    yourself = await introduce(expo, "ana", "ana", "cara")
    same = await introduce(expo, "ana", "cara", "cara")

    assert error_of(stranger) == {"code": "FORBIDDEN", "reason": "NOT_CONNECTED"}
    assert stranger["errors"][0]["message"] == (
        "You can introduce only people you are connected with: Dan Dimitrov is not one of them."
    )
    assert error_of(yourself) == {"code": "BAD_USER_INPUT", "field": "personId"}
    assert error_of(same) == {"code": "BAD_USER_INPUT", "field": "toPersonId"}


async def test_a_block_between_the_two_prevents_it_and_a_pair_is_introduced_once(
    expo: Expo,
) -> None:
    for name in ("cara", "dan", "renee"):
        await mutual(expo, "ana", name)
    await mutual(expo, "ben", "cara")
    await mutual(expo, "ben", "dan")
    await expo.data("dan", BLOCK, id=expo.id("renee"))

    blocked = await introduce(expo, "ana", "dan", "renee")
    first = await introduce(expo, "ana", "cara", "dan")
    again = await introduce(expo, "ana", "dan", "cara", note=None)
    by_someone_else = await introduce(expo, "ben", "cara", "dan")

    assert error_of(blocked) == {"code": "FORBIDDEN", "reason": "CANNOT_INTRODUCE"}
    assert again["data"]["introduce"] == first["data"]["introduce"]
    assert error_of(by_someone_else) == {"code": "CONFLICT", "reason": "ALREADY_INTRODUCED"}


async def test_an_unlisted_person_is_introduced_only_once_they_accept(
    expo: Expo, db: Database, world: World
) -> None:
    outbox = Outbox(db, world)
    await mutual(expo, "ana", "dan")
    await connected_by_a_meeting(expo, "eve", "ana")
    await outbox.new()

    made = (await introduce(expo, "ana", "eve", "dan"))["data"]["introduce"]

    assert (made["status"], made["waitingForYou"]) == ("PENDING", False)
    assert await outbox.new() == [
        (
            "eve",
            "INTRODUCTION",
            "Ana Alvarez would like to introduce you to Dan Dimitrov",
            "Accept to appear in each other's suggestions and to be able to message each other. “"
            + NOTE
            + "”",
        ),
    ]
    assert (await expo.data("dan", MY_INTRODUCTIONS))["myIntroductions"] == []
    assert error_of(await send(expo, "dan", "eve", "Hi Eve")) == {"code": "NOT_FOUND"}
    assert [s["person"]["name"] for s in (await expo.data("dan", SUGGESTIONS))["suggestions"]] == []
    assert (await expo.data("eve", MY_INTRODUCTIONS))["myIntroductions"] == [
        {
            "status": "PENDING",
            "waitingForYou": True,
            "by": {"name": "Ana Alvarez"},
            "person": {"name": "Eve Evans"},
            "to": {"name": "Dan Dimitrov"},
        },
    ]
    not_dans = await expo.run("dan", RESPOND_INTRODUCTION, id=made["id"], accept=True)
    assert error_of(not_dans) == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": "PENDING"}

    accepted = await expo.data("eve", RESPOND_INTRODUCTION, id=made["id"], accept=True)

    assert accepted["respondToIntroduction"] == {
        "id": made["id"],
        "status": "ACCEPTED",
        "waitingForYou": False,
    }
    assert await outbox.new() == [
        (
            "dan",
            "INTRODUCTION",
            "Ana Alvarez introduced you to Eve Evans",
            "You can message each other, and Eve Evans is at the top of your suggestions. “"
            + NOTE
            + "”",
        ),
    ]
    first = (await expo.data("dan", SUGGESTIONS))["suggestions"][0]
    assert first == {
        "person": {"name": "Eve Evans"},
        "reasons": [{"kind": "INTRODUCTION", "detail": "Introduced by Ana Alvarez"}],
    }
    assert (await sent(expo, "dan", "eve", "Hi Eve"))["to"] == {"name": "Eve Evans"}


async def test_a_declined_introduction_tells_nobody_and_connects_nobody(
    expo: Expo, db: Database, world: World
) -> None:
    outbox = Outbox(db, world)
    await mutual(expo, "ana", "dan")
    await connected_by_a_meeting(expo, "eve", "ana")
    made = (await introduce(expo, "ana", "eve", "dan"))["data"]["introduce"]
    await outbox.new()

    declined = await expo.data("eve", RESPOND_INTRODUCTION, id=made["id"], accept=False)

    assert declined["respondToIntroduction"]["status"] == "DECLINED"
    assert await outbox.new() == []
    assert error_of(await send(expo, "dan", "eve", "Hi Eve")) == {"code": "NOT_FOUND"}
    assert (await expo.data("ana", MY_INTRODUCTIONS))["myIntroductions"][0]["status"] == "DECLINED"
