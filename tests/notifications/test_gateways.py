"""Which gateway a process uses: FCM when a Firebase project is configured, else the log."""

from __future__ import annotations

import logging

import pytest

from server.config import PushGatewayChoice, Settings
from server.db.client import Database
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.fcm import FcmGateway
from server.notifications.gateways.log import LogGateway
from server.notifications.outbox import notify
from server.notifications.runtime import make_gateway
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.fake_fcm import FakeFcm
from tests.support.push import add_device, fcm_gateway, fcm_settings
from tests.support.world import World

ANA = "ana@acme.example"


async def test_without_firebase_settings_pushes_go_to_the_log(
    db: Database, world: World, clock: ManualClock, settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    gateway = make_gateway(settings, None)
    await add_device(db, world.ids[ANA], "fid-ana-phone-0001", clock())
    await notify(
        db, None, [world.ids[ANA]], kind=NotificationKind.MEETING_ACCEPTED,
        title="Meeting accepted", body="Cara accepted: Table 4 at 10:40", now=clock(),
    )  # fmt: skip

    with caplog.at_level(logging.INFO, logger="server.push"):
        assert await Dispatcher(db, gateway, settings, clock).run_once()

    assert isinstance(gateway, LogGateway)
    assert [record.getMessage() for record in caplog.records if record.name == "server.push"] == [
        "push to fid-an…0001 (ANDROID): Meeting accepted — Cara accepted: Table 4 at 10:40"
    ]


async def test_firebase_settings_choose_fcm_and_log_can_be_forced(
    settings: Settings, fake_fcm: FakeFcm
) -> None:
    fcm = fcm_settings(settings, fake_fcm)
    forced_log = fcm.model_copy(update={"push_gateway": PushGatewayChoice.LOG})
    async with fcm_gateway(fcm) as gateway, fcm_gateway(forced_log) as log_gateway:
        assert (type(gateway), type(log_gateway)) == (FcmGateway, LogGateway)


def test_fcm_without_a_firebase_project_is_a_configuration_error(settings: Settings) -> None:
    forced = settings.model_copy(update={"push_gateway": PushGatewayChoice.FCM})
    with pytest.raises(ValueError, match="PUSH_GATEWAY=fcm needs"):
        make_gateway(forced, None)
