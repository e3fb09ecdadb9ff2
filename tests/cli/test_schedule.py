"""`python -m server schedule`: auto-scheduling from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from pymongo import MongoClient

from server.db.collections import EVENTS, LOCATIONS, MEETING_INTERESTS, MEETINGS
from tests.support.world import World


def test_schedule_books_mutual_pairs_and_reports_the_bound(
    mongo_uri: str, database_name: str, world: World
) -> None:
    # the command uses the real clock: meeting hours from tomorrow, whatever today is
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    ana, cara = world.ids["ana@acme.example"], world.ids["cara@bolt.example"]
    with MongoClient(mongo_uri) as client:
        db = client[database_name]
        hours = [{"starts_at": start, "ends_at": start + timedelta(hours=1)}]
        db[EVENTS.name].update_one({}, {"$set": {"meeting_hours": hours}})
        db[LOCATIONS.name].insert_one({"_id": "T01", "name": "Table 1", "kind": "TABLE"})
        db[MEETING_INTERESTS.name].insert_many([
            {"_id": f"{ana}>{cara}", "from_id": ana, "to_id": cara, "created_at": start},
            {"_id": f"{cara}>{ana}", "from_id": cara, "to_id": ana, "created_at": start},
        ])  # fmt: skip
        env = {**os.environ, "MONGODB_URI": mongo_uri, "DATABASE_NAME": database_name}
        done = subprocess.run(
            [sys.executable, "-m", "server", "schedule", "--time-limit", "5"], env=env,
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == (
            "1 meetings booked from 1 pairs; total weight 1.000, bound 1.000 "
            "(gap 0.0%, greedy + local search); 0 left out for want of a table"
        )
        [meeting] = db[MEETINGS.name].find({})
    assert (meeting["status"], meeting["starts_at"], meeting["location_id"]) == (
        "ACCEPTED", start.replace(tzinfo=None), "T01",
    )  # fmt: skip
    assert meeting["history"][0]["by"] is None  # the command line, not a person
