"""The event's meeting rules: how long requests wait, quotas, and who may request whom."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from server.db.client import Database, Document
from server.db.collections import EVENTS
from server.errors import BadUserInput
from server.services.event.records import get_event
from server.vocabulary import Role

MAX_LIMIT = 1000


@dataclass(frozen=True)
class MeetingRules:
    request_ttl_hours: int = 48  # a request nobody answers expires then (or when its slot starts)
    max_pending_requests: int = 10  # unanswered requests a person may have sent
    max_meetings_per_day: int = 8  # accepted meetings per person per event day
    exhibitor_max_pending_requests: int = 25
    exhibitor_max_meetings_per_day: int = 16
    exhibitor_requests_need_opt_in: bool = True  # exhibitors request only people who opted in

    def pending_limit(self, person: Document) -> int:
        if person.get("role") == Role.EXHIBITOR.value:
            return self.exhibitor_max_pending_requests
        return self.max_pending_requests

    def daily_limit(self, person: Document) -> int:
        if person.get("role") == Role.EXHIBITOR.value:
            return self.exhibitor_max_meetings_per_day
        return self.max_meetings_per_day


FIELDS = {item.name for item in dataclasses.fields(MeetingRules)}


def rules_of(event: Document) -> MeetingRules:
    stored = event.get("meeting_rules") or {}
    return MeetingRules(**{key: value for key, value in stored.items() if key in FIELDS})


def _checked(changes: dict[str, Any]) -> dict[str, Any]:
    for name, value in changes.items():
        if isinstance(value, bool):
            continue
        if not 1 <= value <= MAX_LIMIT:
            camel = name.split("_")[0] + "".join(p.title() for p in name.split("_")[1:])
            raise BadUserInput(f"{camel} must be between 1 and {MAX_LIMIT}.", field=camel)
    return changes


async def update_rules(db: Database, changes: dict[str, Any]) -> MeetingRules:
    """Organizers change some rules; the others keep their values."""
    event = await get_event(db)
    merged = {**dataclasses.asdict(rules_of(event)), **_checked(changes)}
    await db[EVENTS.name].update_one({"_id": event["_id"]}, {"$set": {"meeting_rules": merged}})
    return MeetingRules(**merged)
