"""`seed`: write the demo expo into the database (safe to run again)."""

from __future__ import annotations

import asyncio

from server.app import utc_now
from server.config import Settings
from server.db.connection import open_database
from server.services.event.demo_seed import seed_demo


async def _seed(settings: Settings) -> int:
    async with open_database(settings) as connection:
        report = await seed_demo(connection.db, utc_now())
    print(f"demo expo seeded into the {connection.uri_label}: "
          f"{report.created} people created, {report.updated} updated")  # fmt: skip
    return 0


def seed(settings: Settings) -> int:
    return asyncio.run(_seed(settings))
