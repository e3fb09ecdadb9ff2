"""`python -m server match`: whole-event suggestions from the command line, with progress."""

from __future__ import annotations

import os
import subprocess
import sys

from pymongo import MongoClient

from server.db.collections import SUGGESTIONS
from tests.support.world import World


def test_match_stores_everyones_lists_and_reports_exposure(
    mongo_uri: str, database_name: str, world: World
) -> None:
    env = {**os.environ, "MONGODB_URI": mongo_uri, "DATABASE_NAME": database_name}
    done = subprocess.run(
        [sys.executable, "-m", "server", "match"], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("suggestions stored for 7 people; exposure cap 30:")
    assert "storing lists" in done.stderr  # the progress bar
    with MongoClient(mongo_uri) as client:
        ana = client[database_name][SUGGESTIONS.name].find_one(
            {"_id": world.ids["ana@acme.example"]}
        )
    assert ana is not None
    assert [item["person_id"] for item in ana["items"]] == [world.ids["cara@bolt.example"]]
