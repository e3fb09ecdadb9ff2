"""Phones registered for push: one document per FCM token, a cap per person, and stale ones
forgotten."""

from __future__ import annotations

from datetime import datetime, timedelta

from pymongo import ReturnDocument

from server.db.client import Database, Document
from server.db.collections import DEVICES
from server.errors import BadUserInput
from server.services.common.validation import optional_text
from server.services.devices.preferences import device_prefs, preferences_of
from server.vocabulary import Platform

MAX_TOKEN_LENGTH = 4096
MAX_APP_VERSION_LENGTH = 40


def _token(value: str) -> str:
    token = value.strip()
    if not token or len(token) > MAX_TOKEN_LENGTH or any(char.isspace() for char in token):
        raise BadUserInput("That is not a push token.", field="token")
    return token


async def register_device(
    db: Database,
    person: Document,
    *,
    token: str,
    platform: Platform,
    app_version: str | None,
    now: datetime,
    max_devices: int,
) -> Document:
    """Register (or refresh) a token for the person. A token registered by someone else before
    moves to this person: the phone changed hands. Beyond the cap, the longest unseen goes."""
    token = _token(token)
    version = optional_text(app_version, "appVersion", MAX_APP_VERSION_LENGTH)
    device = await db[DEVICES.name].find_one_and_update(
        {"_id": token},
        {
            "$set": {
                "person_id": person["_id"], "platform": platform.value, "app_version": version,
                "last_seen_at": now, "prefs": device_prefs(preferences_of(person)),
            },
            "$setOnInsert": {"created_at": now},
        },
        upsert=True,
        return_document=ReturnDocument.AFTER,
    )  # fmt: skip
    devices = db[DEVICES.name].find({"person_id": person["_id"]}, {"last_seen_at": 1})
    newest_first = sorted(
        await devices.to_list(), key=lambda doc: (doc["last_seen_at"], doc["_id"]), reverse=True
    )
    surplus = [doc["_id"] for doc in newest_first[max_devices:] if doc["_id"] != token]
    if surplus:
        await db[DEVICES.name].delete_many({"_id": {"$in": surplus}, "person_id": person["_id"]})
    assert device is not None
    return device


async def unregister_device(db: Database, person: Document, token: str) -> bool:
    """True when the token was one of the person's devices."""
    result = await db[DEVICES.name].delete_one({"_id": token.strip(), "person_id": person["_id"]})
    return result.deleted_count == 1


async def list_devices(db: Database, person: Document) -> list[Document]:
    return await db[DEVICES.name].find({"person_id": person["_id"]}).sort("_id", 1).to_list()


async def forget_stale_devices(db: Database, now: datetime, days: int) -> int:
    """Tokens not seen for `days` (FCM treats a token unused for 270 days as expired)."""
    result = await db[DEVICES.name].delete_many(
        {"last_seen_at": {"$lt": now - timedelta(days=days)}}
    )
    return result.deleted_count
