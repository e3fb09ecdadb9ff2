"""What notifications need at run time, made and closed in one place for the app's lifespan and
the `worker` command: the push gateway, the live fan-out and the background workers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import firebase_admin

from server.config import Settings
from server.db.client import Database
from server.firebase import delete_firebase_app
from server.notifications.gateways.base import PushGateway
from server.notifications.gateways.fcm import FcmGateway
from server.notifications.gateways.log import LogGateway
from server.notifications.live import LiveFanout
from server.notifications.workers import Workers


@dataclass
class NotificationRuntime:
    gateway: PushGateway
    live: LiveFanout
    workers: Workers | None


def make_gateway(settings: Settings, firebase_app: firebase_admin.App | None) -> PushGateway:
    if not settings.uses_fcm:
        return LogGateway()
    if firebase_app is None:
        raise ValueError("PUSH_GATEWAY=fcm needs FIREBASE_CREDENTIALS or FIREBASE_PROJECT_ID")
    return FcmGateway(firebase_app, settings.fcm_endpoint, settings.fcm_ca_file)


@asynccontextmanager
async def notification_runtime(
    db: Database,
    settings: Settings,
    clock: Callable[[], datetime],
    firebase_app: firebase_admin.App | None,
    *,
    gateway: PushGateway | None = None,
    run_workers: bool,
) -> AsyncIterator[NotificationRuntime]:
    """Also deletes the Firebase app on the way out, after the gateway closed its client."""
    gateway = gateway or make_gateway(settings, firebase_app)
    live = LiveFanout(db)
    workers = Workers(db, gateway, settings, clock) if run_workers else None
    if workers is not None:
        workers.start()
    try:
        yield NotificationRuntime(gateway=gateway, live=live, workers=workers)
    finally:
        if workers is not None:
            await workers.aclose()
        await live.aclose()
        await gateway.aclose()
        # firebase-admin closes its services synchronously (with asyncio.run): not in this loop
        await asyncio.to_thread(delete_firebase_app, firebase_app)
