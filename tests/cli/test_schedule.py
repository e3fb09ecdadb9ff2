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


def test_schedule_refuses_a_time_without_offset_or_not_a_time_in_one_line(
    mongo_uri: str, database_name: str, world: World
) -> None:
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    with MongoClient(mongo_uri) as client:  # an event with meeting hours to compare times with
        hours = [{"starts_at": start, "ends_at": start + timedelta(hours=1)}]
        client[database_name][EVENTS.name].update_one({}, {"$set": {"meeting_hours": hours}})
    env = {**os.environ, "MONGODB_URI": mongo_uri, "DATABASE_NAME": database_name}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "server", "schedule", *args], env=env,
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    naive = run("--from", "2027-04-12T10:00")
    assert (naive.returncode, naive.stdout, naive.stderr) == (
        2, "", "Cannot schedule: --from needs a UTC offset, such as 2027-04-12T10:40:00-07:00.\n"
    )  # fmt: skip
    garbled = run("--to", "tomorrow")
    assert (garbled.returncode, garbled.stderr.splitlines()[-1]) == (
        2, "python -m server schedule: error: argument --to: invalid fromisoformat value: "
        "'tomorrow'",
    )  # fmt: skip
    assert "Traceback" not in garbled.stderr
