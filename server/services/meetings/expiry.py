"""The expiry sweep: requests nobody answered are written down EXPIRED soon after their time, so
the person who asked hears of it (reads never wait for it: they compare `expires_at`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database
from server.db.transactions import in_transaction
from server.services.meetings.booking import release_expired

BATCH = 50  # expiries per transaction


async def expire_due(db: Database, now: datetime, limit: int = BATCH) -> int:
    """Expire up to `limit` overdue requests, each with its notice; returns how many."""

    async def work(session: AsyncClientSession) -> int:
        return await release_expired(db, session, now, limit=limit)

    return await in_transaction(db, work)


class ExpirySweep:
    """A background worker: True while it found overdue requests (so it goes on at once)."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db, self._clock = db, clock

    async def run_once(self) -> bool:
        return await expire_due(self._db, self._clock()) > 0
