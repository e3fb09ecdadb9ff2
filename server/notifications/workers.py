"""The background workers: push dispatchers, the announcement scheduler, reminders, the meeting
expiry sweep and the stale-device sweep. The app runs them in its lifespan; `python -m server
worker` runs them alone."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from server.config import Settings
from server.db.client import Database
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.base import PushGateway
from server.notifications.reminders import ReminderWorker
from server.services.announcements.sending import release_due
from server.services.devices.registry import forget_stale_devices
from server.services.meetings.expiry import ExpirySweep

log = logging.getLogger("server.workers")
SWEEP_EVERY = timedelta(hours=1)
ERROR_PAUSE_SECONDS = 5.0
HAND_BACK_SECONDS = 5.0


class DeviceSweep:
    """Forgets devices unseen for DEVICE_STALE_DAYS, at most once an hour."""

    def __init__(self, db: Database, settings: Settings, clock: Callable[[], datetime]) -> None:
        self._db, self._settings, self._clock = db, settings, clock
        self._next: datetime | None = None

    async def run_once(self) -> bool:
        now = self._clock()
        if self._next is not None and now < self._next:
            return False
        self._next = now + SWEEP_EVERY
        forgotten = await forget_stale_devices(self._db, now, self._settings.device_stale_days)
        if forgotten:
            log.info(
                "forgot %s devices unseen for %s days", forgotten, self._settings.device_stale_days
            )
        return False


class Workers:
    def __init__(
        self,
        db: Database,
        gateway: PushGateway,
        settings: Settings,
        clock: Callable[[], datetime],
    ) -> None:
        self.settings = settings
        lease = settings.push_lease_seconds
        self.dispatchers = [
            Dispatcher(db, gateway, settings, clock) for _ in range(settings.dispatcher_tasks)
        ]
        self.reminders = ReminderWorker(db, clock, lease)
        self.sweep = DeviceSweep(db, settings, clock)
        self.expiry = ExpirySweep(db, clock)

        async def release() -> bool:
            return await release_due(db, clock(), lease)

        self._jobs: list[tuple[str, Callable[[], Awaitable[bool]]]] = [
            *((f"dispatcher-{n}", d.run_once) for n, d in enumerate(self.dispatchers, 1)),
            ("announcements", release),
            ("reminders", self.reminders.run_once),
            ("meeting-expiry", self.expiry.run_once),
            ("device-sweep", self.sweep.run_once),
        ]
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._loop(name, run), name=name) for name, run in self._jobs
        ]

    async def aclose(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for dispatcher in self.dispatchers:
            try:
                await asyncio.wait_for(dispatcher.aclose(), HAND_BACK_SECONDS)
            except Exception:  # the database may be gone already; the lease runs out then
                log.warning("could not hand back a push job on the way out", exc_info=True)

    async def _loop(self, name: str, run_once: Callable[[], Awaitable[bool]]) -> None:
        """Work while there is work; otherwise wait a poll interval (or until stopped)."""
        while not self._stop.is_set():
            pause = self.settings.worker_poll_seconds
            try:
                if await run_once():
                    continue
            except Exception:
                log.exception("worker %s failed; going on", name)
                pause = ERROR_PAUSE_SECONDS
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), pause)
