"""Messages between connections, through the API: who may write to whom, order and pages,
retries, limits, plain text, and the notice each message makes."""

from __future__ import annotations

from datetime import timedelta

from server.db.client import Database
from server.db.collections import MESSAGES, NOTIFICATIONS, PUSH_JOBS
from tests.support.clock import ManualClock
from tests.support.meetings import FIRST_SLOT, RESPOND, Expo, error_of
from tests.support.messages import (
    BLOCK,
    CONVERSATION,
    CONVERSATIONS,
    INBOX,
    INTEREST,
    MARK_READ,
    mutual,
    send,
    sent,
)


async def test_connections_write_in_order_and_read_back_in_pages(
    expo: Expo, clock: ManualClock
) -> None:
    await mutual(expo, "ana", "cara")
    for body in ("Hello Cara", "Shared imaging contracts?", "Coffee at 3?"):
        await sent(expo, "ana", "cara", body)
        clock.advance(seconds=1)
    await sent(expo, "cara", "ana", "Yes, at 3")

    page = (await expo.data("cara", CONVERSATION, **{"with": expo.id("ana"), "last": 2}))[
        "conversation"
    ]
    assert page["with"] == {"name": "Ana Alvarez"}
    assert [(m["body"], m["from"]["name"]) for m in page["messages"]] == [
        ("Coffee at 3?", "Ana Alvarez"),
        ("Yes, at 3", "Cara Chen"),
    ]
    assert (page["unreadCount"], page["lastMessage"]["body"]) == (3, "Yes, at 3")
    earlier = await expo.data(
        "cara", CONVERSATION, **{"with": expo.id("ana"), "before": page["messages"][0]["cursor"]}
    )
    assert [m["body"] for m in earlier["conversation"]["messages"]] == [
        "Hello Cara",
        "Shared imaging contracts?",
    ]
    assert await expo.data("ana", CONVERSATIONS) == {
        "conversations": [
            {"with": {"name": "Cara Chen"}, "unreadCount": 1, "lastMessage": {"body": "Yes, at 3"}}
        ]
    }


async def test_a_meeting_accepted_or_a_mutual_interest_connects_but_one_sided_interest_does_not(
    expo: Expo,
) -> None:
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    pending = await send(expo, "ana", "cara", "Before you answer...")
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)
    await expo.data("dan", INTEREST, id=expo.id("ana"))  # Dan wants to meet Ana; not she him

    assert error_of(pending) == {
        "code": "FORBIDDEN",
        "reason": "NOT_CONNECTED",
    }
    assert (await sent(expo, "ana", "cara", "See you at Table 1"))["to"] == {"name": "Cara Chen"}
    one_sided = await send(expo, "dan", "ana", "Hi Ana")
    assert error_of(one_sided) == {"code": "FORBIDDEN", "reason": "NOT_CONNECTED"}
    assert one_sided["errors"][0]["message"].startswith("You can message people you have a")
    await expo.data("ana", INTEREST, id=expo.id("dan"))
    assert (await sent(expo, "dan", "ana", "Hi Ana"))["body"] == "Hi Ana"


async def test_an_unlisted_stranger_is_not_found_and_nobody_writes_to_themselves(
    expo: Expo,
) -> None:
    to_eve = await send(expo, "ana", "eve", "Hello?")  # Eve is not listed
    to_self = await send(expo, "ana", "ana", "Note to self")
    to_nobody = await expo.run("ana", CONVERSATION, **{"with": "no-such-person"})

    assert error_of(to_eve) == {"code": "NOT_FOUND"}
    assert error_of(to_self) == {"code": "BAD_USER_INPUT", "field": "toPersonId"}
    assert error_of(to_nobody) == {"code": "NOT_FOUND"}


async def test_a_block_stops_messages_both_ways_even_in_an_open_conversation(
    expo: Expo, db: Database
) -> None:
    await mutual(expo, "ana", "cara")
    await sent(expo, "ana", "cara", "Hello Cara")
    await expo.data("cara", BLOCK, id=expo.id("ana"))

    from_blocked = await send(expo, "ana", "cara", "Are you there?")
    from_blocker = await send(expo, "cara", "ana", "Goodbye")

    assert error_of(from_blocked) == {"code": "FORBIDDEN", "reason": "BLOCKED"}
    assert error_of(from_blocker) == {"code": "FORBIDDEN", "reason": "BLOCKED"}
    assert await db[MESSAGES.name].count_documents({}) == 1


async def test_a_retried_send_is_stored_and_told_once(expo: Expo, db: Database) -> None:
    await mutual(expo, "ana", "cara")
    first = await send(expo, "ana", "cara", "Slides attached", "phone-ana-0001")
    again = await send(expo, "ana", "cara", "Slides attached", "phone-ana-0001")
    other_text = await send(expo, "ana", "cara", "Something else", "phone-ana-0001")

    assert first == again
    assert first["data"]["sendMessage"]["clientMessageId"] == "phone-ana-0001"
    assert error_of(other_text) == {"code": "CONFLICT", "reason": "CLIENT_MESSAGE_ID_REUSED"}
    assert await db[MESSAGES.name].count_documents({}) == 1
    assert await db[NOTIFICATIONS.name].count_documents({"kind": "MESSAGE"}) == 1
    assert await db[PUSH_JOBS.name].count_documents({"kind": "MESSAGE"}) == 1
    cara_sees = await expo.data("cara", CONVERSATION, **{"with": expo.id("ana")})
    assert cara_sees["conversation"]["messages"] == [
        {"body": "Slides attached", "cursor": "1", "readAt": None, "from": {"name": "Ana Alvarez"}}
    ]


async def test_sending_is_rate_limited_per_person(expo: Expo, clock: ManualClock) -> None:
    await mutual(expo, "ana", "cara")
    await mutual(expo, "ana", "dan")
    for number in range(20):
        await sent(expo, "ana", "cara" if number % 2 else "dan", f"Message {number}")

    limited = await send(expo, "ana", "cara", "One too many")
    cara_may = await send(expo, "cara", "ana", "I can still write")
    clock.advance(seconds=60)
    later = await send(expo, "ana", "cara", "A minute later")

    assert limited["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert 1 <= limited["errors"][0]["extensions"]["retryAfterSeconds"] <= 60
    assert limited["errors"][0]["message"].startswith("You are sending messages too quickly.")
    assert "errors" not in cara_may
    assert "errors" not in later


async def test_messages_are_plain_text_within_a_length(expo: Expo) -> None:
    await mutual(expo, "ana", "cara")
    written = "  <b>Hi</b> Cara,\r\n\r\n\r\n\r\nsee\x07 you\tthere \u200d  "
    stored = await sent(expo, "ana", "cara", written)
    empty = await send(expo, "ana", "cara", " \n\t ")
    too_long = await send(expo, "ana", "cara", "x" * 2001)

    assert stored["body"] == "<b>Hi</b> Cara,\n\nsee you\tthere \u200d"
    assert error_of(empty) == {"code": "BAD_USER_INPUT", "field": "body"}
    assert error_of(too_long) == {"code": "BAD_USER_INPUT", "field": "body"}
    assert (await sent(expo, "ana", "cara", "y" * 2000))["body"] == "y" * 2000


async def test_each_message_is_an_inbox_notice_and_a_push_collapsed_per_conversation(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await mutual(expo, "ana", "cara")
    first = await sent(expo, "ana", "cara", "Hello Cara")
    second = await sent(expo, "ana", "cara", "A long one " + "word " * 40)

    inbox = (await expo.data("cara", INBOX))["notifications"]
    ana_id = expo.id("ana")
    shown = ("A long one " + "word " * 40)[:119] + "…"
    notice = {"kind": "MESSAGE", "title": "Ana Alvarez", "aboutPersonId": ana_id, "readAt": None}
    assert [n for n in inbox if n["kind"] == "MESSAGE"] == [
        {**notice, "body": shown, "subjectId": second["id"]},
        {**notice, "body": "Hello Cara", "subjectId": first["id"]},
    ]
    jobs = await db[PUSH_JOBS.name].find({"kind": "MESSAGE"}).to_list()
    assert [(job["collapse_key"], job["expires_at"] - job["created_at"]) for job in jobs] == [
        (f"messages-{ana_id}", timedelta(hours=24))
    ] * 2

    marked = await expo.data("cara", MARK_READ, **{"with": ana_id})
    assert marked == {"markConversationRead": 2}
    after = await expo.data("cara", CONVERSATION, **{"with": ana_id})
    assert after["conversation"]["unreadCount"] == 0
    assert all(m["readAt"] is not None for m in after["conversation"]["messages"])
    inbox = (await expo.data("cara", INBOX))["notifications"]
    assert all(n["readAt"] is not None for n in inbox if n["kind"] == "MESSAGE")
    assert await expo.data("cara", MARK_READ, **{"with": ana_id}) == {"markConversationRead": 0}
