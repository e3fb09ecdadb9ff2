"""Per-person quotas, counted inside the booking transaction so that they hold under concurrency."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import MEETINGS, PEOPLE
from server.errors import Conflict
from server.services.meetings.grid import Span
from server.services.meetings.rules import MeetingRules
from server.vocabulary import MeetingStatus


async def serialise(db: Database, session: AsyncClientSession, people: list[Document]) -> None:
    """Write each person's document: two transactions touching one person then conflict, and
    the one that retries counts what the other committed (snapshot reads alone would not)."""
    ids = [person["_id"] for person in people]
    await db[PEOPLE.name].update_many(
        {"_id": {"$in": ids}}, {"$inc": {"schedule_version": 1}}, session=session
    )


async def ensure_pending_room(
    db: Database, session: AsyncClientSession, requester: Document, rules: MeetingRules,
    now: datetime,
) -> None:  # fmt: skip
    limit = rules.pending_limit(requester)
    waiting = await db[MEETINGS.name].count_documents(
        {"requester_id": requester["_id"], "status": MeetingStatus.PENDING.value,
         "expires_at": {"$gt": now}},
        session=session,
    )  # fmt: skip
    if waiting >= limit:
        raise Conflict(
            f"You have {waiting} requests waiting for an answer, the most allowed. "
            "Wait for answers or withdraw one.", reason="PENDING_REQUEST_LIMIT", limit=limit,
        )  # fmt: skip


async def ensure_daily_room(
    db: Database, session: AsyncClientSession | None, people: list[Document], day: Span,
    rules: MeetingRules, you: str,
) -> None:  # fmt: skip
    """Each person's accepted meetings on the event day stay within their daily limit."""
    for person in people:
        limit = rules.daily_limit(person)
        accepted = await db[MEETINGS.name].count_documents(
            {"participants": person["_id"], "status": MeetingStatus.ACCEPTED.value,
             "starts_at": {"$gte": day.starts_at, "$lt": day.ends_at}},
            session=session,
        )  # fmt: skip
        if accepted >= limit:
            who = "You have" if person["_id"] == you else f"{person['name']} has"
            raise Conflict(
                f"{who} {accepted} meetings that day, the most allowed.",
                reason="DAILY_MEETING_LIMIT", limit=limit,
            )  # fmt: skip
