"""Announcements from organizers: to everyone or to an audience, now or at a set time.

Releasing one resolves its audience once and writes its push jobs (500 people each) in one
transaction with the status change, under a lease: it happens exactly once, whether the
mutation or a scheduler worker does it. Each job writes its people's inbox notifications just
before it pushes them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import ANNOUNCEMENTS, NOTIFICATIONS, PUSH_JOBS
from server.db.transactions import in_transaction
from server.errors import BadUserInput, Conflict, NotFound
from server.notifications.leases import Lease, LeaseLost, claim_due, must_match
from server.notifications.outbox import STAGE_INBOX, push_content, push_job_doc
from server.services.announcements.audience import Audience, audience_people, check_audience
from server.services.common.validation import required_text
from server.services.people.records import new_id
from server.vocabulary import NotificationKind


class AnnouncementStatus(Enum):
    SCHEDULED = "SCHEDULED"
    SENT = "SENT"
    CANCELLED = "CANCELLED"


SCHEDULED, SENT, CANCELLED = (status.value for status in AnnouncementStatus)
MAX_TITLE_LENGTH = 120
MAX_BODY_LENGTH = 2000
CHUNK = 500  # people per push job: one FCM batch when each has one phone
JOBS_PER_WRITE = 20
LATE_TOLERANCE = timedelta(minutes=5)  # a sendAt this little in the past means "now"
MAX_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class AnnouncementDraft:
    title: str
    body: str
    audience: Audience = field(default_factory=Audience)
    send_at: datetime | None = None
    urgent: bool = False


async def create_announcement(
    db: Database, organizer: Document, draft: AnnouncementDraft, now: datetime, lease_seconds: float
) -> Document:
    """Store the announcement; one due now is released at once (a scheduler worker takes it up
    if this process dies first), a later one when its time comes."""
    title = required_text(draft.title, "title", MAX_TITLE_LENGTH)
    body = required_text(draft.body, "body", MAX_BODY_LENGTH)
    await check_audience(db, draft.audience)
    send_at = draft.send_at
    if send_at is not None and send_at < now - LATE_TOLERANCE:
        raise BadUserInput("sendAt is in the past.", field="sendAt")
    if send_at is not None and send_at > now + MAX_AHEAD:
        raise BadUserInput("sendAt is more than a year ahead.", field="sendAt")
    doc = {
        "_id": new_id(), "title": title, "body": body, "audience": draft.audience.to_doc(),
        "urgent": draft.urgent, "send_at": send_at, "due_at": send_at or now, "lease": None,
        "status": SCHEDULED, "created_by": organizer["_id"], "created_at": now, "sent_at": None,
        "stats": {"targeted": 0, "pushed": 0, "failed": 0},
    }  # fmt: skip
    await db[ANNOUNCEMENTS.name].insert_one(doc)
    if doc["due_at"] <= now:
        await release_due(db, now, lease_seconds, announcement_id=doc["_id"])
    return await get_announcement(db, doc["_id"])


async def release_due(
    db: Database, now: datetime, lease_seconds: float, announcement_id: str | None = None
) -> bool:
    """Release the earliest due announcement (or the given one, if due); False if none was."""
    match: dict[str, Any] = {"status": SCHEDULED}
    if announcement_id is not None:
        match["_id"] = announcement_id
    claimed = await claim_due(db[ANNOUNCEMENTS.name], match, now, lease_seconds)
    if claimed is None:
        return False
    with contextlib.suppress(LeaseLost):  # cancelled meanwhile, or another worker took over
        await _release(db, *claimed, now)
    return True


async def _release(db: Database, announcement: Document, lease: Lease, now: datetime) -> None:
    audience = Audience.from_doc(announcement["audience"])
    everyone = audience.is_everyone
    people = await audience_people(db, audience)
    content = push_content(
        kind=NotificationKind.ANNOUNCEMENT, title=announcement["title"], body=announcement["body"],
        now=now, announcement_id=announcement["_id"], urgent=announcement["urgent"],
    )  # fmt: skip
    jobs = []
    for start in range(0, len(people), CHUNK):
        chunk = people[start : start + CHUNK]
        job = push_job_doc(
            [(person_id, new_id()) for person_id in chunk], content, now=now, stage=STAGE_INBOX
        )
        if everyone:  # the chunk is every person from its first id to its last
            job["span"] = [chunk[0], chunk[-1]]
        jobs.append(job)

    async def work(session: AsyncClientSession) -> None:
        for start in range(0, len(jobs), JOBS_PER_WRITE):
            await db[PUSH_JOBS.name].insert_many(
                jobs[start : start + JOBS_PER_WRITE], session=session
            )
        result = await db[ANNOUNCEMENTS.name].update_one(
            {**lease.held(announcement["_id"]), "status": SCHEDULED},
            {
                "$set": {
                    "status": SENT,
                    "sent_at": now,
                    "lease": None,
                    "stats.targeted": len(people),
                }
            },
            session=session,
        )
        must_match(result.matched_count)

    await in_transaction(db, work)


async def cancel_announcement(db: Database, announcement_id: str, now: datetime) -> Document:
    """Only one not yet sent can be cancelled; cancelling twice is harmless."""
    result = await db[ANNOUNCEMENTS.name].update_one(
        {"_id": announcement_id, "status": SCHEDULED},
        {"$set": {"status": CANCELLED, "cancelled_at": now, "lease": None}},
    )
    announcement = await get_announcement(db, announcement_id)
    if result.modified_count == 0 and announcement["status"] == SENT:
        raise Conflict("This announcement has already been sent.")
    return announcement


async def get_announcement(db: Database, announcement_id: str) -> Document:
    announcement = await db[ANNOUNCEMENTS.name].find_one({"_id": announcement_id})
    if announcement is None:
        raise NotFound("No such announcement.")
    return announcement


async def list_announcements(db: Database, first: int) -> list[Document]:
    cursor = db[ANNOUNCEMENTS.name].find({}).sort([("created_at", -1), ("_id", -1)])
    return await cursor.limit(first).to_list()


async def read_counts(db: Database, announcement_ids: Sequence[str]) -> dict[str, int]:
    """How many people have read each announcement, counted from the inbox when an organizer
    asks (one aggregate for them all); an announcement nobody read is missing."""
    pipeline: list[dict[str, Any]] = [
        {"$match": {"announcement_id": {"$in": list(announcement_ids)}, "read_at": {"$ne": None}}},
        {"$group": {"_id": "$announcement_id", "read": {"$sum": 1}}},
    ]
    cursor = await db[NOTIFICATIONS.name].aggregate(pipeline)
    return {doc["_id"]: doc["read"] async for doc in cursor}
