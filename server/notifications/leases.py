"""Leases: a worker takes a due document by pushing its due time past the lease; a worker that
dies simply lets the lease run out, and the document is due again for another worker."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection

from server.db.client import Document


class LeaseLost(Exception):
    """Another worker took the document over: this one must stop touching it."""


@dataclass(frozen=True)
class Lease:
    token: str
    until: datetime

    def held(self, doc_id: Any) -> dict[str, Any]:
        """A filter that matches the document only while this lease holds it."""
        return {"_id": doc_id, "lease": self.token}


async def claim_due(
    collection: AsyncCollection[Document],
    match: dict[str, Any],
    now: datetime,
    seconds: float,
) -> tuple[Document, Lease] | None:
    """The earliest due document matching `match`, now leased to the caller."""
    lease = Lease(uuid.uuid4().hex, now + timedelta(seconds=seconds))
    doc = await collection.find_one_and_update(
        {**match, "due_at": {"$lte": now}},
        {"$set": {"due_at": lease.until, "lease": lease.token}, "$inc": {"claims": 1}},
        sort=[("due_at", 1)],
        return_document=ReturnDocument.AFTER,
    )
    return (doc, lease) if doc is not None else None


def must_match(matched: int) -> None:
    """Inside a transaction: abort it when a lease-guarded write matched nothing."""
    if matched == 0:
        raise LeaseLost


async def renew(
    collection: AsyncCollection[Document], doc_id: Any, lease: Lease, now: datetime, seconds: float
) -> bool:
    """Push the lease's end further out; False when another worker has taken the document."""
    result = await collection.update_one(
        lease.held(doc_id), {"$set": {"due_at": now + timedelta(seconds=seconds)}}
    )
    return result.matched_count == 1
