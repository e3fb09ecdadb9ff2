"""Live delivery: one change stream per process on the inbox fans new notifications out to the
subscriptions connected to this process, whichever process wrote them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict, defaultdict, deque
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from datetime import datetime
from typing import Any

from pymongo.errors import OperationFailure, PyMongoError

from server.db.client import Database, Document
from server.db.collections import NOTIFICATIONS
from server.notifications.inbox import REPLAY_WINDOW, notifications_since, replay_start

log = logging.getLogger("server.live")
PIPELINE = [{"$match": {"operationType": "insert"}}]
HISTORY_LOST = 286  # ChangeStreamHistoryLost: the resume token is older than the oplog
QUEUE_LIMIT = 1000
RETRY_SECONDS = 1.0


class Subscriber:
    """One subscription's queue. When it overflows (a slow client) or the stream lost its place,
    `next` returns None once: the subscription then catches up from the inbox."""

    def __init__(self, person_id: str) -> None:
        self.person_id = person_id
        self._items: deque[Document] = deque()
        self._wake = asyncio.Event()
        self._missed = False

    def offer(self, doc: Document) -> None:
        if len(self._items) >= QUEUE_LIMIT:
            self.missed()
            return
        self._items.append(doc)
        self._wake.set()

    def missed(self) -> None:
        self._items.clear()
        self._missed = True
        self._wake.set()

    async def next(self) -> Document | None:
        while True:
            if self._missed:
                self._missed = False
                return None
            if self._items:
                return self._items.popleft()
            self._wake.clear()
            await self._wake.wait()


class LiveFanout:
    """Started on the first subscription (a process nobody subscribes to watches nothing)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._subscribers: dict[str, set[Subscriber]] = defaultdict(set)
        self._task: asyncio.Task[None] | None = None
        self._open = asyncio.Event()

    @contextlib.asynccontextmanager
    async def listen(self, person_id: str) -> AsyncIterator[Subscriber]:
        subscriber = Subscriber(person_id)
        self._subscribers[person_id].add(subscriber)
        try:
            if self._task is None:
                self._task = asyncio.create_task(self._watch(), name="live-fanout")
            await self._open.wait()  # from here on, every new notification reaches the queue
            yield subscriber
        finally:
            self._subscribers[person_id].discard(subscriber)
            if not self._subscribers[person_id]:
                del self._subscribers[person_id]

    @property
    def subscriber_count(self) -> int:
        """Subscriptions that every new notification reaches from now on."""
        if not self._open.is_set():
            return 0
        return sum(len(subscribers) for subscribers in self._subscribers.values())

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _watch(self) -> None:
        resume_after: Any = None
        while True:
            try:
                stream = await self._db[NOTIFICATIONS.name].watch(
                    PIPELINE, resume_after=resume_after
                )
                async with stream:
                    self._open.set()
                    async for change in stream:
                        resume_after = stream.resume_token
                        self._fan_out(change["fullDocument"])
            except OperationFailure as error:
                if error.code == HISTORY_LOST:
                    resume_after = None
                    self._everyone_missed()
                log.warning("inbox change stream failed, reopening: %s", error)
                await asyncio.sleep(RETRY_SECONDS)
            except PyMongoError as error:
                log.warning("inbox change stream interrupted, resuming: %s", error)
                await asyncio.sleep(RETRY_SECONDS)

    def _fan_out(self, doc: Document) -> None:
        for subscriber in self._subscribers.get(doc["person_id"], ()):
            subscriber.offer(doc)

    def _everyone_missed(self) -> None:
        for subscribers in self._subscribers.values():
            for subscriber in subscribers:
                subscriber.missed()


class _Recent:
    """The ids delivered lately, to drop the repeats a catch-up brings."""

    def __init__(self, size: int = QUEUE_LIMIT) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def add(self, doc_id: str) -> bool:
        """False when it was delivered already."""
        if doc_id in self._ids:
            return False
        self._ids[doc_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


async def live_notifications(
    fanout: LiveFanout,
    db: Database,
    person_id: str,
    after_id: str | None,
    clock: Callable[[], datetime],
) -> AsyncGenerator[Document, None]:
    """The person's notifications from after `after_id` (if given) on, then as they are created;
    each once, though a catch-up may repeat ones from just before `after_id`."""
    async with fanout.listen(person_id) as subscriber:
        recent = _Recent()
        since = await replay_start(db, person_id, after_id) if after_id else clock() - REPLAY_WINDOW
        if after_id:
            recent.add(after_id)
        pending = await notifications_since(db, person_id, since) if after_id else []
        while True:
            for doc in pending:
                if recent.add(doc["_id"]):
                    since = max(since, doc["created_at"] - REPLAY_WINDOW)
                    yield doc
            new = await subscriber.next()
            pending = [new] if new is not None else await notifications_since(db, person_id, since)
