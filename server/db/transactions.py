"""Running work in a multi-document transaction, retried on transient errors and write conflicts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database

T = TypeVar("T")
Work = Callable[[AsyncClientSession], Awaitable[T]]


async def in_transaction(db: Database, work: Work[T]) -> T:
    """Run `work` in one transaction. PyMongo's `with_transaction` runs it again when the
    server labels an error TransientTransactionError (a WriteConflict with a concurrent
    transaction is one) and retries an unknown commit result; any other error aborts it."""
    async with db.client.start_session() as session:
        return await session.with_transaction(work)
