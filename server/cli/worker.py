"""`worker`: run the push dispatchers, announcement scheduler, reminders and device sweep in a
process of their own (as many such processes as the load needs), until SIGTERM or Ctrl+C."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from datetime import UTC, datetime

from server.config import Settings
from server.db.connection import open_database
from server.firebase import create_firebase_app
from server.notifications.runtime import notification_runtime

log = logging.getLogger("server.worker")


def utc_now() -> datetime:
    return datetime.now(UTC)


async def _work(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with (
        open_database(settings) as connection,
        notification_runtime(
            connection.db, settings, utc_now, create_firebase_app(settings), run_workers=True
        ) as runtime,
    ):
        log.info(
            "worker running: %s dispatchers, %s, database: %s",
            settings.dispatcher_tasks, type(runtime.gateway).__name__, connection.uri_label,
        )  # fmt: skip
        gc.collect()
        gc.freeze()  # start-up objects leave the collector's work, as in the app
        print("worker ready", flush=True)
        await stop.wait()
    log.info("worker stopped")


def worker(settings: Settings) -> int:
    try:
        import uvloop

        uvloop.run(_work(settings))
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        asyncio.run(_work(settings))
    return 0
