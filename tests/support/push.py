"""Push helpers for tests: FCM settings aimed at the loopback fake, a gateway, and devices."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from pydantic import SecretStr

from server.config import PushGatewayChoice, Settings
from server.db.client import Database, Document
from server.db.collections import PEOPLE
from server.firebase import create_firebase_app, delete_firebase_app
from server.notifications.gateways.base import PushGateway
from server.notifications.runtime import make_gateway
from server.services.devices.registry import register_device
from server.vocabulary import Platform
from tests.support.fake_fcm import FAKE_PROJECT, FAKE_TOKEN, FakeFcm


def fcm_settings(settings: Settings, fake: FakeFcm, **changes: object) -> Settings:
    """The settings with pushes going to the fake, through the real firebase-admin client."""
    return settings.model_copy(
        update={
            "push_gateway": PushGatewayChoice.FCM,
            "firebase_project_id": FAKE_PROJECT,
            "fcm_access_token": SecretStr(FAKE_TOKEN),
            "fcm_endpoint": fake.endpoint,
            "fcm_ca_file": fake.ca_file,
            **changes,
        }
    )


def fcm_environment(settings: Settings) -> dict[str, str]:
    """The same settings as environment variables, for a `python -m server worker` process."""
    assert settings.mongodb_uri is not None
    assert settings.fcm_access_token is not None
    return {
        "MONGODB_URI": settings.mongodb_uri.get_secret_value(),
        "DATABASE_NAME": settings.database_name,
        "TOKEN_SECRET": settings.token_secret.get_secret_value(),
        "PUSH_GATEWAY": "fcm",
        "FIREBASE_PROJECT_ID": settings.firebase_project_id or "",
        "FCM_ACCESS_TOKEN": settings.fcm_access_token.get_secret_value(),
        "FCM_ENDPOINT": settings.fcm_endpoint,
        "FCM_CA_FILE": str(settings.fcm_ca_file),
        "SEED_DEMO": "false",
    }


@asynccontextmanager
async def fcm_gateway(settings: Settings) -> AsyncIterator[PushGateway]:
    firebase_app = create_firebase_app(settings)
    gateway = make_gateway(settings, firebase_app)
    try:
        yield gateway
    finally:
        await gateway.aclose()
        await asyncio.to_thread(delete_firebase_app, firebase_app)


async def person(db: Database, person_id: str) -> Document:
    found = await db[PEOPLE.name].find_one({"_id": person_id})
    assert found is not None
    return found


async def add_device(
    db: Database, person_id: str, token: str, now: datetime, platform: Platform = Platform.ANDROID
) -> None:
    await register_device(
        db, await person(db, person_id), token=token, platform=platform, app_version="1.0",
        now=now, max_devices=10,
    )  # fmt: skip
