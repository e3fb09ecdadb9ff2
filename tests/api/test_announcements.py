"""Announcements over GraphQL: organizers only, exact audiences, scheduled sends exactly once,
cancelling, and delivery statistics."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from server.config import Settings
from server.db.client import Database
from server.db.collections import COMMUNITIES, NOTIFICATIONS, PUSH_JOBS
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.base import Outcome, PushResult
from server.notifications.gateways.recording import RecordingGateway
from server.services.agenda.sessions import bookmark
from server.services.announcements.sending import release_due
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.push import add_device, person
from tests.support.world import World

OLGA = "olga@expo.example"
SEND = """mutation($input: AnnouncementInput!) {
  sendAnnouncement(input: $input) { id status sendAt sentAt stats { targeted } }
}"""
STATS = "query($id: ID!) { announcement(id: $id) { status stats { targeted pushed failed read } } }"


async def organizer(api: GraphQLClient, world: World) -> str:
    return await api.sign_in(OLGA, world.code(OLGA))


async def give_everyone_a_phone(db: Database, world: World, clock: ManualClock) -> None:
    for email, person_id in world.ids.items():
        await add_device(db, person_id, f"phone-{email.split('@')[0]}", clock())


async def dispatch(
    db: Database, settings: Settings, clock: ManualClock, gateway: RecordingGateway
) -> None:
    dispatcher = Dispatcher(db, gateway, settings, clock)
    while await dispatcher.run_once():
        pass


async def audience_input(db: Database, world: World, audience: dict[str, Any]) -> dict[str, Any]:
    """Test cases name interests and communities; the API takes their ids."""
    resolved = dict(audience)
    if "interests" in resolved:
        resolved["interestIds"] = [world.interest_ids[label] for label in resolved.pop("interests")]
    if "communities" in resolved:
        names = resolved.pop("communities")
        docs = await db[COMMUNITIES.name].find({"name": {"$in": names}}).to_list()
        resolved["communityIds"] = [doc["_id"] for doc in docs]
    return resolved


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ({}, ["ana", "ben", "cara", "dan", "eve", "olga", "renee"]),
        ({"roles": ["EXHIBITOR", "SPEAKER"]}, ["ben", "renee"]),
        ({"interests": ["Cybersecurity"]}, ["cara", "dan"]),
        ({"sectors": ["PROVIDER"]}, ["dan", "eve", "renee"]),
        ({"communities": ["Women In Leadership"]}, ["ana", "cara"]),
        ({"sessionIds": ["s-keynote"]}, ["dan", "renee"]),  # dan bookmarked it, renee speaks
        ({"roles": ["ATTENDEE"], "sectors": ["PROVIDER"]}, ["dan", "eve"]),
        ({"interests": ["Imaging service"], "sectors": ["VENDOR", "NONPROFIT"]}, ["cara"]),
    ],
)
async def test_the_audience_gets_it_and_nobody_else(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock, settings: Settings,
    audience: dict[str, Any], expected: list[str],
) -> None:  # fmt: skip
    await give_everyone_a_phone(db, world, clock)
    await bookmark(db, await person(db, world.ids["dan@city.example"]), "s-keynote", clock())
    variables = {"title": "Hall B", "body": "The keynote moved to Hall B.",
                 "audience": await audience_input(db, world, audience)}  # fmt: skip
    data = await api.data(SEND, {"input": variables}, token=await organizer(api, world))
    recording = RecordingGateway()

    await dispatch(db, settings, clock, recording)

    names = {person_id: email.split("@")[0] for email, person_id in world.ids.items()}
    inbox = await db[NOTIFICATIONS.name].find({}, {"person_id": 1}).to_list()
    assert sorted(names[doc["person_id"]] for doc in inbox) == expected
    assert sorted(token.removeprefix("phone-") for token in recording.tokens()) == expected
    assert data["sendAnnouncement"]["stats"] == {"targeted": len(expected)}


async def test_only_organizers_send_announcements(api: GraphQLClient, world: World) -> None:
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    variables = {"input": {"title": "Free coffee", "body": "At booth B10"}}
    refused = await api.execute(SEND, variables, token=ana)
    anonymous = await api.execute(SEND, variables)
    codes = [result["errors"][0]["extensions"]["code"] for result in (refused, anonymous)]
    assert codes == ["FORBIDDEN", "UNAUTHENTICATED"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"audience": {"interestIds": ["no-such-interest"]}}, "audience.interestIds"),
        ({"sendAt": "2027-04-12T10:00:00+00:00"}, "sendAt"),  # six hours ago
    ],
)
async def test_bad_announcements_are_refused_with_the_field(
    api: GraphQLClient, world: World, changes: dict[str, Any], field: str
) -> None:
    variables = {"input": {"title": "Hall B", "body": "Moved.", **changes}}
    result = await api.execute(SEND, variables, token=await organizer(api, world))
    assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_a_scheduled_announcement_goes_out_once_when_its_time_comes(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    send_at = clock() + timedelta(hours=2)
    variables = {"input": {"title": "Raffle", "body": "At 6 pm", "sendAt": send_at.isoformat()}}
    data = await api.data(SEND, variables, token=await organizer(api, world))
    assert (data["sendAnnouncement"]["status"], data["sendAnnouncement"]["sentAt"]) == (
        "SCHEDULED",
        None,
    )
    assert await release_due(db, clock(), 60) is False

    clock.advance(hours=2)
    released = await asyncio.gather(*(release_due(db, clock(), 60) for _ in range(4)))

    assert sorted(released) == [False, False, False, True]
    assert await db[PUSH_JOBS.name].count_documents({}) == 1  # seven people: one job
    result = await api.data(
        STATS, {"id": data["sendAnnouncement"]["id"]}, token=await organizer(api, world)
    )
    assert result["announcement"]["status"] == "SENT"


async def test_cancelling_stops_a_scheduled_announcement_but_not_a_sent_one(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock
) -> None:
    token = await organizer(api, world)
    later = {
        "title": "Raffle",
        "body": "At 6 pm",
        "sendAt": (clock() + timedelta(hours=1)).isoformat(),
    }
    scheduled = (await api.data(SEND, {"input": later}, token=token))["sendAnnouncement"]["id"]
    sent = (await api.data(SEND, {"input": {"title": "Now", "body": "b"}}, token=token))[
        "sendAnnouncement"
    ]["id"]
    cancel = "mutation($id: ID!) { cancelAnnouncement(id: $id) { status } }"

    assert await api.data(cancel, {"id": scheduled}, token=token) == {
        "cancelAnnouncement": {"status": "CANCELLED"}
    }
    clock.advance(hours=2)
    assert await release_due(db, clock(), 60) is False
    refused = await api.execute(cancel, {"id": sent}, token=token)
    assert refused["errors"][0]["extensions"]["code"] == "CONFLICT"


async def test_statistics_count_targeted_pushed_failed_and_read(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    await give_everyone_a_phone(db, world, clock)
    recording = RecordingGateway()
    recording.script("phone-eve", PushResult(Outcome.TOKEN_GONE, "UNREGISTERED"))
    token = await organizer(api, world)
    data = await api.data(SEND, {"input": {"title": "Hall B", "body": "Moved."}}, token=token)
    await dispatch(db, settings, clock, recording)
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    inbox = await api.data(
        "{ notifications { id announcement { title stats { read } } } }", token=ana
    )
    notice = inbox["notifications"][0]
    await api.data(
        "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
        {"ids": [notice["id"]]},
        token=ana,
    )

    stats = await api.data(STATS, {"id": data["sendAnnouncement"]["id"]}, token=token)

    assert notice["announcement"] == {"title": "Hall B", "stats": None}  # not for attendees
    assert stats["announcement"]["stats"] == {"targeted": 7, "pushed": 6, "failed": 1, "read": 1}


REGISTER = "mutation($t: String!) { registerDevice(token: $t, platform: ANDROID) { platform } }"
QUIET = """mutation($start: String!, $end: String!) {
  updateNotificationPreferences(input: {quietHours: {start: $start, end: $end}}) { mutedKinds }
}"""


async def test_an_urgent_announcement_pushes_through_quiet_hours_and_others_wait(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    cara = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
    await api.data(REGISTER, {"t": "ana-phone"}, token=ana)
    await api.data(REGISTER, {"t": "cara-phone"}, token=cara)
    # it is 09:00 at the venue (America/Los_Angeles): Ana's quiet hours, not Cara's
    await api.data(QUIET, {"start": "08:00", "end": "10:00"}, token=ana)
    token = await organizer(api, world)
    for title, urgent in (("Raffle at 6 pm", False), ("Evacuate Hall B", True)):
        variables = {"input": {"title": title, "body": "b", "urgent": urgent,
                               "audience": {"roles": ["ATTENDEE"]}}}  # fmt: skip
        await api.data(SEND, variables, token=token)
    recording = RecordingGateway()

    await dispatch(db, settings, clock, recording)
    pushed_in_quiet_hours = sorted((m.token, m.title) for m in recording.sent)
    inbox = await api.data("{ notifications { title } }", token=ana)
    clock.advance(hours=1)  # 10:00 at the venue: Ana's quiet hours are over
    await dispatch(db, settings, clock, recording)

    assert pushed_in_quiet_hours == [
        ("ana-phone", "Evacuate Hall B"),
        ("cara-phone", "Evacuate Hall B"),
        ("cara-phone", "Raffle at 6 pm"),
    ]
    assert sorted(n["title"] for n in inbox["notifications"]) == [
        "Evacuate Hall B",
        "Raffle at 6 pm",
    ]
    assert [(m.token, m.title) for m in recording.sent[3:]] == [("ana-phone", "Raffle at 6 pm")]
