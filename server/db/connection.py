"""Opening the event's database: MONGODB_URI, or the embedded server (started or joined)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from pymongo.monitoring import CommandListener

from server.config import Settings
from server.db.client import Client, Database, create_client
from server.db.collections import ensure_collections
from server.db.embedded import EmbeddedDatabase, running_embedded_uri


@dataclass(frozen=True)
class Connection:
    client: Client
    db: Database
    uri_label: str  # where the data lives, for people to read (no credentials)


@asynccontextmanager
async def open_database(
    settings: Settings, event_listeners: Sequence[CommandListener] = ()
) -> AsyncIterator[Connection]:
    """Connect, create collections and indexes, and clean up on exit."""
    embedded: EmbeddedDatabase | None = None
    if settings.mongodb_uri is not None:
        uri, label = settings.mongodb_uri.get_secret_value(), "MONGODB_URI"
    else:
        running = running_embedded_uri(settings.data_dir)  # another process already serves it
        if running is None:
            embedded = EmbeddedDatabase(settings.data_dir)
            running = await asyncio.to_thread(embedded.start)
        uri = running
        label = f"embedded database in {settings.data_dir.resolve()}"
    client = create_client(uri, event_listeners=list(event_listeners))
    try:
        db = client[settings.database_name]
        await db.command("ping")
        await ensure_collections(db)
        yield Connection(client=client, db=db, uri_label=label)
    finally:
        await client.close()
        if embedded is not None:
            await asyncio.to_thread(embedded.stop)
