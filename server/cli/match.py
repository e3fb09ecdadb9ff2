"""`match`: compute every person's suggestions now, with a progress bar."""

from __future__ import annotations

import asyncio
import sys

from tqdm import tqdm

from server.app import utc_now
from server.config import Settings
from server.db.connection import open_database
from server.errors import Conflict
from server.services.matchmaking.runs import DONE, execute_run, start_run


async def _match(settings: Settings) -> int:
    async with open_database(settings) as connection:
        try:
            run = await start_run(connection.db, utc_now(), settings.run_lease_seconds)
        except Conflict as error:
            print(f"Cannot run matchmaking: {error.message}", file=sys.stderr)
            return 1
        with tqdm(unit="people", desc="storing lists", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            finished = await execute_run(connection.db, run["_id"], utc_now, progress)
    if finished is None or finished["status"] != DONE:
        print("Matchmaking failed; see the log above.", file=sys.stderr)
        return 1
    exposure = finished["exposure"]
    print(
        f"suggestions stored for {finished['people_done']} people; exposure cap {exposure['cap']}: "
        f"{exposure['share_replaced']:.1%} of entries moved, "
        f"{exposure['score_retained']:.1%} of the uncapped score kept"
    )
    return 0


def match(settings: Settings) -> int:
    return asyncio.run(_match(settings))
