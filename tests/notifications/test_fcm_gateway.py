"""The FCM gateway through the real firebase-admin client, against the loopback fake FCM."""

from __future__ import annotations

import random
from datetime import timedelta

from server.config import Settings
from server.db.client import Database
from server.db.collections import DEVICES, PUSH_FAILURES, PUSH_JOBS
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.base import Outcome, PushMessage, PushResult
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind, Platform
from tests.support.clock import ManualClock
from tests.support.fake_fcm import (
    FAKE_TOKEN,
    INVALID_ARGUMENT,
    SENDER_ID_MISMATCH,
    UNAVAILABLE,
    UNREGISTERED,
    FakeFcm,
    quota_exceeded,
)
from tests.support.push import add_device, fcm_gateway, fcm_settings
from tests.support.world import World

ANA, CARA, DAN = "ana@acme.example", "cara@bolt.example", "dan@city.example"


def message(token: str, **changes: object) -> PushMessage:
    fields: dict[str, object] = {
        "token": token, "platform": Platform.ANDROID, "title": "Accepted",
        "body": "See you at Table 4", "data": {"messageId": f"n-{token}"},
    }  # fmt: skip
    return PushMessage(**{**fields, **changes})  # type: ignore[arg-type]


async def test_messages_reach_fcm_over_http2_with_id_collapse_key_and_ttl(
    settings: Settings, fake_fcm: FakeFcm
) -> None:
    async with fcm_gateway(fcm_settings(settings, fake_fcm)) as gateway:
        results = await gateway.send([
            message("ana-phone", collapse_key="meeting-m1", ttl=timedelta(minutes=20),
                    high_priority=True),
            message("cara-phone", platform=Platform.IOS),
        ])  # fmt: skip

    assert [result.outcome for result in results] == [Outcome.SENT, Outcome.SENT]
    assert fake_fcm.protocols == {"h2"}
    assert fake_fcm.authorizations == {f"Bearer {FAKE_TOKEN}"}
    first = fake_fcm.received[0]
    assert (first["fid"], first["data"], first["android"]) == (
        "ana-phone",
        {"messageId": "n-ana-phone"},
        {"collapse_key": "meeting-m1", "ttl": "1200s", "priority": "high"},
    )
    assert first["apns"]["headers"]["apns-collapse-id"] == "meeting-m1"
    assert first["notification"] == {"title": "Accepted", "body": "See you at Table 4"}


async def test_a_legacy_registration_token_is_sent_as_token_and_an_installation_id_as_fid(
    settings: Settings, fake_fcm: FakeFcm
) -> None:
    legacy = "cAbCdEfGhIjKlMnOpQrStU:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ"
    async with fcm_gateway(fcm_settings(settings, fake_fcm)) as gateway:
        await gateway.send([message(legacy), message("cAbCdEfGhIjKlMnOpQrStU")])

    targets = [{key: m[key] for key in ("token", "fid") if key in m} for m in fake_fcm.received]
    assert targets == [{"token": legacy}, {"fid": "cAbCdEfGhIjKlMnOpQrStU"}]


async def test_fcm_errors_map_to_outcomes_per_token(settings: Settings, fake_fcm: FakeFcm) -> None:
    fake_fcm.script("gone", UNREGISTERED)
    fake_fcm.script("foreign", SENDER_ID_MISMATCH)
    fake_fcm.script("bad", INVALID_ARGUMENT)
    fake_fcm.script("busy", quota_exceeded(120))
    fake_fcm.script("flaky", UNAVAILABLE)  # the client itself retries 503 once: then it passes

    async with fcm_gateway(fcm_settings(settings, fake_fcm)) as gateway:
        results = await gateway.send(
            [message(token) for token in ("ok", "gone", "foreign", "bad", "busy", "flaky")]
        )

    assert results == [
        PushResult(Outcome.SENT),
        PushResult(Outcome.TOKEN_GONE, "UNREGISTERED"),
        PushResult(Outcome.TOKEN_GONE, "SENDER_ID_MISMATCH"),
        PushResult(Outcome.REJECTED, "INVALID_ARGUMENT"),
        PushResult(Outcome.QUOTA, "QUOTA_EXCEEDED", 120.0),
        PushResult(Outcome.SENT),
    ]
    assert (fake_fcm.attempts["busy"], fake_fcm.attempts["flaky"]) == (1, 2)  # 429: no retry


async def test_503_past_the_clients_own_retries_is_left_to_the_dispatcher(
    settings: Settings, fake_fcm: FakeFcm
) -> None:
    fake_fcm.script("down", *[UNAVAILABLE] * 5)  # firebase-admin tries 5 times, ~7 s
    async with fcm_gateway(fcm_settings(settings, fake_fcm)) as gateway:
        results = await gateway.send([message("down")])
    assert results == [PushResult(Outcome.RETRY, "UNAVAILABLE")]


async def test_dead_tokens_are_forgotten_and_refusals_recorded(
    db: Database, world: World, clock: ManualClock, settings: Settings, fake_fcm: FakeFcm
) -> None:
    for email, token in ((ANA, "ana-phone"), (CARA, "cara-old-phone"), (DAN, "dan-phone")):
        await add_device(db, world.ids[email], token, clock())
    fake_fcm.script("cara-old-phone", UNREGISTERED)
    fake_fcm.script("dan-phone", INVALID_ARGUMENT)
    await notify(
        db, None, [world.ids[ANA], world.ids[CARA], world.ids[DAN]],
        kind=NotificationKind.MEETING_CANCELLED, title="Cancelled", body="b", now=clock(),
    )  # fmt: skip
    fcm = fcm_settings(settings, fake_fcm)

    async with fcm_gateway(fcm) as gateway:
        assert await Dispatcher(db, gateway, fcm, clock).run_once()

    devices = sorted(doc["_id"] for doc in await db[DEVICES.name].find({}).to_list())
    failures = sorted(
        (doc["person_id"], doc["code"]) for doc in await db[PUSH_FAILURES.name].find({}).to_list()
    )
    assert devices == ["ana-phone", "dan-phone"]
    assert failures == sorted(
        [(world.ids[CARA], "UNREGISTERED"), (world.ids[DAN], "INVALID_ARGUMENT")]
    )
    assert fake_fcm.tokens() == ["ana-phone"]
    assert await db[PUSH_JOBS.name].count_documents({}) == 0  # refusals are settled, not retried


async def test_429_pauses_every_dispatcher_for_retry_after_and_at_least_the_minimum(
    db: Database, world: World, clock: ManualClock, settings: Settings, fake_fcm: FakeFcm
) -> None:
    for email, token in ((ANA, "ana-phone"), (CARA, "cara-phone"), (DAN, "dan-phone")):
        await add_device(db, world.ids[email], token, clock())
    fake_fcm.script("ana-phone", quota_exceeded(5))
    await notify(
        db, None, [world.ids[ANA], world.ids[CARA]], kind=NotificationKind.MEETING_REQUEST,
        title="t", body="b", now=clock(),
    )  # fmt: skip
    fcm = fcm_settings(settings, fake_fcm)

    async def jobs() -> list[tuple[object, ...]]:
        found = await db[PUSH_JOBS.name].find({}).sort("due_at", 1).to_list()
        return [(job["due_at"], job["attempts"], job["settled"]) for job in found]

    async with fcm_gateway(fcm) as gateway:
        first = Dispatcher(db, gateway, fcm, clock, random.Random(1))
        second = Dispatcher(db, gateway, fcm, clock, random.Random(2))  # as in another process
        started = clock()
        assert await first.run_once()
        wait = timedelta(seconds=fcm.push_quota_wait_seconds)  # Retry-After 5 s is too short
        assert await jobs() == [(started + wait, 0, ["cara-phone"])]  # a wait, not a failure
        await notify(
            db, None, [world.ids[DAN]], kind=NotificationKind.MEETING_REQUEST,
            title="t", body="b", now=clock(),
        )  # fmt: skip

        clock.advance(seconds=30)  # Dan's notice is due, but the project is over its quota
        assert (await second.run_once(), await first.run_once()) == (False, False)
        assert fake_fcm.tokens() == ["cara-phone"]

        clock.advance(seconds=30)  # the pause is over: Dan's job (due first), then Ana's
        fake_fcm.script("ana-phone", quota_exceeded(600))
        assert (await second.run_once(), await second.run_once()) == (True, True)
        assert fake_fcm.tokens() == ["cara-phone", "dan-phone"]
        assert await jobs() == [(clock() + timedelta(seconds=600), 0, ["cara-phone"])]

        clock.advance(seconds=599)
        assert await first.run_once() is False
        clock.advance(seconds=1)
        assert await first.run_once() is True

    assert fake_fcm.tokens() == ["cara-phone", "dan-phone", "ana-phone"]
    assert fake_fcm.attempts["ana-phone"] == 3
    assert await jobs() == []
