"""Reading what the outbox holds: the notices written since the last look, each checked to have
exactly one push job entry, and the reminders waiting."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from server.db.client import Database
from server.db.collections import NOTIFICATIONS, PUSH_JOBS, REMINDERS
from tests.support.world import World

Notice = tuple[str, str, str, str]  # who (first name, lower case), kind, title, body


class Outbox:
    """The notices and push jobs written since the last call of `new`."""

    def __init__(self, db: Database, world: World) -> None:
        self.db = db
        self.names = {person_id: email.split("@")[0] for email, person_id in world.ids.items()}
        self.seen_notices: set[str] = set()
        self.seen_jobs: set[str] = set()
        self.jobs: list[dict[str, Any]] = []  # the push jobs of the last call

    async def new(self) -> list[Notice]:
        """The new notices, by person; each has exactly one entry in one new push job."""
        fresh = [
            doc
            for doc in await self.db[NOTIFICATIONS.name].find({}).to_list()
            if doc["_id"] not in self.seen_notices
        ]
        self.jobs = [
            job
            for job in await self.db[PUSH_JOBS.name].find({}).to_list()
            if job["_id"] not in self.seen_jobs
        ]
        pushed = Counter((r["p"], r["n"]) for job in self.jobs for r in job["recipients"])
        assert pushed == Counter((doc["person_id"], doc["_id"]) for doc in fresh)
        self.seen_notices |= {doc["_id"] for doc in fresh}
        self.seen_jobs |= {job["_id"] for job in self.jobs}
        return sorted(
            (self.names[doc["person_id"]], doc["kind"], doc["title"], doc["body"]) for doc in fresh
        )

    def id(self, name: str) -> str:
        return next(person_id for person_id, known in self.names.items() if known == name)

    def job_of(self, name: str) -> dict[str, Any]:
        """The push job of the last call that reaches this person."""
        [job] = [j for j in self.jobs if any(self.names[r["p"]] == name for r in j["recipients"])]
        return job

    async def reminders(
        self, kind: str = "MEETING_REMINDER"
    ) -> list[tuple[str, str, datetime, str, str]]:
        """Pending reminders of one kind: (who, meeting id, due at, title, body)."""
        docs = await self.db[REMINDERS.name].find({"status": "pending", "kind": kind}).to_list()
        return sorted(
            (self.names[d["person_id"]], d["meeting_id"], d["due_at"], d["title"], d["body"])
            for d in docs
        )
