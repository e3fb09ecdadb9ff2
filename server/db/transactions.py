"""Running a function in a transaction, retried by the driver on transient errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database

T = TypeVar("T")
Session = AsyncClientSession


async def in_transaction(db: Database, work: Callable[[Session], Awaitable[T]]) -> T:
    """`work` may run more than once (on WriteConflict and other transient errors): it must
    only write through the session it is given."""
    async with db.client.start_session() as session:
        return await session.with_transaction(work)
