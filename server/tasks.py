"""Background work owned by the app's lifespan: one-off tasks and periodic loops."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundTasks:
    """Keeps references to running tasks (so they are not collected) and cancels them on close."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    def every(self, seconds: float, work: Callable[[], Awaitable[object]], name: str) -> None:
        """Run `work` every `seconds` until closed; a failure is logged and the loop goes on."""

        async def loop() -> None:
            while True:
                try:
                    await work()
                except Exception:
                    log.exception("periodic task %s failed; retrying", name)
                await asyncio.sleep(seconds)

        self.spawn(loop(), name)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task
