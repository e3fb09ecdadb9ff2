"""An accepted meeting makes its two people connections (they may then see each other's email)."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database
from server.db.collections import CONNECTIONS


def connection_id(a: str, b: str) -> str:
    return "connection:" + ":".join(sorted((a, b)))


async def connect(
    db: Database, session: AsyncClientSession, a: str, b: str, meeting_id: str, now: datetime
) -> None:
    """Idempotent: meeting twice keeps one connection."""
    await db[CONNECTIONS.name].update_one(
        {"_id": connection_id(a, b)},
        {"$setOnInsert": {"people": sorted((a, b)), "created_at": now, "meeting_id": meeting_id}},
        upsert=True,
        session=session,
    )
