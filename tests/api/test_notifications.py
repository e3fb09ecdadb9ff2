"""The inbox over GraphQL: one's own notifications only, marking read, devices, preferences."""

from __future__ import annotations

from server.config import Settings
from server.db.client import Database
from server.db.collections import DEVICES, PUSH_JOBS
from server.notifications.outbox import notify
from server.notifications.workers import DeviceSweep
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.meetings import FIRST_SLOT, Expo, open_meeting_grid
from tests.support.world import World

ANA, CARA = "ana@acme.example", "cara@bolt.example"
INBOX = """query($unread: Boolean) {
  notifications(first: 10, unreadOnly: $unread) { title kind readAt meetingId }
  unreadNotificationCount
}"""
IDS = "{ notifications { id } }"
MARK = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }"
REGISTER = """mutation($token: String!, $platform: Platform!) {
  registerDevice(token: $token, platform: $platform, appVersion: "2.4.1") {
    token platform appVersion
  }
}"""


async def two_notices_each(db: Database, world: World, clock: ManualClock) -> None:
    for n in (1, 2):
        await notify(
            db, None, [world.ids[ANA], world.ids[CARA]], kind=NotificationKind.MEETING_REQUEST,
            title=f"Request {n}", body="b", meeting_id=f"m{n}", now=clock(),
        )  # fmt: skip
        clock.advance(minutes=1)


async def test_a_person_reads_only_their_own_notifications_newest_first(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock
) -> None:
    await two_notices_each(db, world, clock)
    ana = await api.sign_in(ANA, world.code(ANA))

    data = await api.data(INBOX, token=ana)

    assert data == {
        "notifications": [
            {"title": "Request 2", "kind": "MEETING_REQUEST", "readAt": None, "meetingId": "m2"},
            {"title": "Request 1", "kind": "MEETING_REQUEST", "readAt": None, "meetingId": "m1"},
        ],
        "unreadNotificationCount": 2,
    }


async def test_marking_read_counts_only_ones_own_unread_notifications(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock
) -> None:
    await two_notices_each(db, world, clock)
    ana, cara = await api.sign_in(ANA, world.code(ANA)), await api.sign_in(CARA, world.code(CARA))
    anas = [n["id"] for n in (await api.data(IDS, token=ana))["notifications"]]
    caras = [n["id"] for n in (await api.data(IDS, token=cara))["notifications"]]

    marked = [
        (await api.data(MARK, {"ids": ids}, token=ana))["markNotificationsRead"]
        for ids in (caras, [anas[0], *caras], [anas[0]])
    ]

    assert marked == [0, 1, 0]
    assert (await api.data(INBOX, {"unread": True}, token=ana))["unreadNotificationCount"] == 1
    assert (await api.data(INBOX, {"unread": True}, token=cara))["unreadNotificationCount"] == 2
    unread = (await api.data(INBOX, {"unread": True}, token=ana))["notifications"]
    assert [n["title"] for n in unread] == ["Request 1"]


async def test_the_inbox_needs_sign_in(api: GraphQLClient, world: World) -> None:
    result = await api.execute("{ notifications { id } }")
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_devices_register_move_with_the_phone_and_unregister_only_ones_own(
    api: GraphQLClient, world: World
) -> None:
    ana, cara = await api.sign_in(ANA, world.code(ANA)), await api.sign_in(CARA, world.code(CARA))
    registered = await api.data(
        REGISTER, {"token": "fid-shared-phone", "platform": "IOS"}, token=ana
    )
    await api.data(REGISTER, {"token": "fid-shared-phone", "platform": "ANDROID"}, token=cara)
    devices = "{ myDevices { token platform } }"
    unregister = 'mutation { unregisterDevice(token: "fid-shared-phone") }'

    assert registered == {
        "registerDevice": {"token": "fid-shared-phone", "platform": "IOS", "appVersion": "2.4.1"}
    }
    assert (await api.data(devices, token=ana), await api.data(devices, token=cara)) == (
        {"myDevices": []},
        {"myDevices": [{"token": "fid-shared-phone", "platform": "ANDROID"}]},
    )
    assert await api.data(unregister, token=ana) == {"unregisterDevice": False}
    assert await api.data(unregister, token=cara) == {"unregisterDevice": True}
    assert await api.data(devices, token=cara) == {"myDevices": []}


async def test_a_person_keeps_at_most_the_cap_and_the_longest_unseen_goes(
    api: GraphQLClient, world: World, clock: ManualClock, settings: Settings
) -> None:
    ana = await api.sign_in(ANA, world.code(ANA))
    for n in range(settings.max_devices_per_person + 1):
        await api.data(REGISTER, {"token": f"fid-{n:02d}", "platform": "ANDROID"}, token=ana)
        clock.advance(minutes=1)

    tokens = [
        d["token"] for d in (await api.data("{ myDevices { token } }", token=ana))["myDevices"]
    ]

    assert tokens == [f"fid-{n:02d}" for n in range(1, settings.max_devices_per_person + 1)]


async def test_bad_tokens_are_refused(api: GraphQLClient, world: World) -> None:
    ana = await api.sign_in(ANA, world.code(ANA))
    for token in ("", "two words", "x" * 4097):
        result = await api.execute(REGISTER, {"token": token, "platform": "WEB"}, token=ana)
        assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "token"}


async def test_devices_unseen_for_270_days_are_forgotten(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    ana = await api.sign_in(ANA, world.code(ANA))
    await api.data(REGISTER, {"token": "fid-old", "platform": "ANDROID"}, token=ana)
    clock.advance(days=200)
    ana = await api.sign_in(ANA, world.code(ANA))  # the old session has expired
    await api.data(REGISTER, {"token": "fid-new", "platform": "ANDROID"}, token=ana)
    clock.advance(days=71)

    await DeviceSweep(db, settings, clock).run_once()

    assert [doc["_id"] for doc in await db[DEVICES.name].find({}).to_list()] == ["fid-new"]


async def test_preferences_are_saved_and_copied_to_the_devices(
    api: GraphQLClient, db: Database, world: World
) -> None:
    ana = await api.sign_in(ANA, world.code(ANA))
    await api.data(REGISTER, {"token": "fid-ana", "platform": "ANDROID"}, token=ana)
    update = """mutation($input: NotificationPreferencesInput!) {
      updateNotificationPreferences(input: $input) { mutedKinds quietHours { start end } }
    }"""

    saved = await api.data(
        update,
        {
            "input": {
                "mutedKinds": ["NEW_SUGGESTIONS"],
                "quietHours": {"start": "22:30", "end": "7:00"},
            }
        },
        token=ana,
    )
    device = await db[DEVICES.name].find_one({"_id": "fid-ana"})
    cleared = await api.data(update, {"input": {"clearQuietHours": True}}, token=ana)
    bad = await api.execute(
        update, {"input": {"quietHours": {"start": "25:00", "end": "07:00"}}}, token=ana
    )

    assert saved == {
        "updateNotificationPreferences": {
            "mutedKinds": ["NEW_SUGGESTIONS"], "quietHours": {"start": "22:30", "end": "07:00"}
        }
    }  # fmt: skip
    assert device is not None
    assert device["prefs"] == {
        "muted": ["NEW_SUGGESTIONS"],
        "quiet": {"start_minute": 1350, "end_minute": 420},
    }
    assert cleared == {
        "updateNotificationPreferences": {"mutedKinds": ["NEW_SUGGESTIONS"], "quietHours": None}
    }
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "quietHours"}


async def test_export_includes_notifications_and_devices_and_deletion_erases_them(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock
) -> None:
    await two_notices_each(db, world, clock)  # and two push jobs, for Ana and Cara
    ana = await api.sign_in(ANA, world.code(ANA))
    await api.data(REGISTER, {"token": "fid-ana", "platform": "ANDROID"}, token=ana)

    exported = (await api.data("{ exportMyData }", token=ana))["exportMyData"]
    await api.data("mutation { deleteMyAccount }", token=ana)

    assert (len(exported["notifications"]), [d["_id"] for d in exported["devices"]]) == (
        2,
        ["fid-ana"],
    )
    left = [
        await db[name].count_documents({"person_id": world.ids[ANA]})
        for name in ("notifications", "devices")
    ]
    jobs = await db[PUSH_JOBS.name].find({}).to_list()
    assert left == [0, 0]
    assert [[r["p"] for r in job["recipients"]] for job in jobs] == [[world.ids[CARA]]] * 2


async def test_a_notice_shows_its_meeting_to_the_people_who_may_see_it(
    api: GraphQLClient, db: Database, world: World, clock: ManualClock
) -> None:
    await open_meeting_grid(db)
    expo = Expo(api, world)
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)  # cara is told of the request
    await notify(  # dan is no part of it: a notice naming it cannot show it to him
        db, None, [expo.id("dan")], kind=NotificationKind.MEETING_REQUEST,
        title="Meeting request", body="b", meeting_id=meeting["id"], now=clock(),
    )  # fmt: skip
    query = "{ notifications { meetingId meeting { id status requester { name } } } }"

    seen = {name: (await expo.data(name, query))["notifications"] for name in ("cara", "dan")}

    assert seen == {
        "cara": [{"meetingId": meeting["id"], "meeting": {
            "id": meeting["id"], "status": "PENDING", "requester": {"name": "Ana Alvarez"}}}],
        "dan": [{"meetingId": meeting["id"], "meeting": None}],
    }  # fmt: skip
