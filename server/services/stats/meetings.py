"""The event's meetings counted by aggregations in the database: by status, by day and pair of
organizations, and how long people take to answer. Each returns small, grouped rows."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from server.db.client import Database
from server.db.collections import MEETINGS
from server.vocabulary import MeetingSource, MeetingStatus

ANSWERS = ["ACCEPT", "DECLINE"]
REQUEST = MeetingSource.REQUEST.value


def derived_status(now: datetime) -> dict[str, Any]:
    """The stored status, with a pending request past its expiry time counted as expired (as
    `states.status_of` reads it)."""
    overdue = {"$and": [{"$eq": ["$status", "PENDING"]}, {"$lte": ["$expires_at", now]}]}
    return {"$cond": [overdue, MeetingStatus.EXPIRED.value, "$status"]}


def _is(expression: dict[str, Any]) -> dict[str, Any]:
    return {"$sum": {"$cond": [expression, 1, 0]}}


@dataclass
class StatusRows:
    """Meetings by status, and the same for requests (not auto-scheduled meetings) alone."""

    all: Counter[str] = field(default_factory=Counter)
    requests: Counter[str] = field(default_factory=Counter)
    from_suggestion: int = 0  # requests whose invitee was in the requester's suggestions
    recorded: int = 0  # requests made since that is recorded


async def count_statuses(db: Database, now: datetime) -> StatusRows:
    group = {
        "_id": {"status": derived_status(now), "request": {"$eq": ["$source", REQUEST]}},
        "meetings": {"$sum": 1},
        "suggested": _is({"$eq": ["$from_suggestion", True]}),
        "recorded": _is({"$eq": [{"$type": "$from_suggestion"}, "bool"]}),
    }
    rows = StatusRows()
    async for row in await db[MEETINGS.name].aggregate([{"$group": group}]):
        status, count = row["_id"]["status"], row["meetings"]
        rows.all[status] += count
        if row["_id"]["request"]:
            rows.requests[status] += count
            rows.from_suggestion += row["suggested"]
            rows.recorded += row["recorded"]
    return rows


@dataclass(frozen=True)
class AcceptedRow:
    """Accepted meetings of one event-local day between two organizations (None: no
    organization, or not recorded), and how many of them have ended."""

    day: str
    requester_organization_id: str | None
    invitee_organization_id: str | None
    meetings: int
    held: int


async def accepted_by_day_and_pair(db: Database, timezone: str, now: datetime) -> list[AcceptedRow]:
    day = {"$dateToString": {"format": "%Y-%m-%d", "date": "$starts_at", "timezone": timezone}}
    group = {
        "_id": {
            "day": day,
            "a": {"$ifNull": ["$requester_organization_id", None]},
            "b": {"$ifNull": ["$invitee_organization_id", None]},
        },
        "meetings": {"$sum": 1},
        "held": _is({"$lte": ["$ends_at", now]}),
    }
    pipeline: list[dict[str, Any]] = [
        {"$match": {"status": MeetingStatus.ACCEPTED.value}},
        {"$group": group},
    ]
    return [
        AcceptedRow(
            row["_id"]["day"], row["_id"]["a"], row["_id"]["b"], row["meetings"], row["held"]
        )
        async for row in await db[MEETINGS.name].aggregate(pipeline)
    ]


async def median_response_minutes(db: Database) -> float | None:
    """Request to first answer (accept or decline), over answered requests; None if none."""
    first_answer = {
        "$first": {"$filter": {"input": "$history", "cond": {"$in": ["$$this.action", ANSWERS]}}}
    }
    minutes = {
        "$divide": [
            {"$subtract": [{"$let": {"vars": {"a": first_answer}, "in": "$$a.at"}}, "$created_at"]},
            60_000,
        ]
    }
    pipeline: list[dict[str, Any]] = [
        {"$match": {"source": REQUEST, "history.action": {"$in": ANSWERS}}},
        {"$group": {"_id": None, "minutes": {"$push": minutes}}},
    ]
    rows = await (await db[MEETINGS.name].aggregate(pipeline)).to_list()
    values = [value for value in rows[0]["minutes"] if value is not None] if rows else []
    return round(statistics.median(values), 1) if values else None
