"""The one `AsyncMongoClient` of a process, and the typed handle to the event's database."""

from __future__ import annotations

from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

Document = dict[str, Any]
Database = AsyncDatabase[Document]
Client = AsyncMongoClient[Document]


def create_client(uri: str, **options: Any) -> Client:
    """A client with UTC-aware datetimes and a short server-selection timeout."""
    return AsyncMongoClient(
        uri, tz_aware=True, serverSelectionTimeoutMS=10_000, appname="coopetition-expo", **options
    )
