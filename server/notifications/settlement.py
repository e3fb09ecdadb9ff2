"""Settling a push job's tokens: each write is guarded by the lease, so a worker that lost its
job to another (its lease ran out) changes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import (
    ANNOUNCEMENTS,
    DEVICES,
    NOTIFICATIONS,
    PUSH_DEAD_LETTERS,
    PUSH_FAILURES,
    PUSH_JOBS,
    PUSH_TOTALS,
)
from server.db.transactions import in_transaction
from server.notifications.gateways.base import Outcome, PushResult
from server.notifications.leases import Lease, must_match
from server.notifications.outbox import STAGE_PUSH, notification_doc, push_job_doc
from server.notifications.targets import Target
from server.services.people.records import new_id

Settled = list[tuple[Target, PushResult]]


async def write_inbox(db: Database, job: Document, lease: Lease, now: datetime) -> None:
    """An announcement's job writes its recipients' inbox notifications first, exactly once."""
    docs = [notification_doc(r["p"], r["n"], job, now) for r in job["recipients"]]

    async def work(session: AsyncClientSession) -> None:
        if docs:
            await db[NOTIFICATIONS.name].insert_many(docs, session=session)
        result = await db[PUSH_JOBS.name].update_one(
            lease.held(job["_id"]), {"$set": {"stage": STAGE_PUSH}}, session=session
        )
        must_match(result.matched_count)

    await in_transaction(db, work)


async def hold_back(
    db: Database,
    job: Document,
    lease: Lease,
    wait: dict[datetime, list[tuple[str, str]]],
    now: datetime,
) -> None:
    """People in their quiet hours move to new jobs, due when their quiet hours end."""
    moved = [person_id for pairs in wait.values() for person_id, _ in pairs]
    later = [
        push_job_doc(pairs, _content(job), now=now, due_at=ends) for ends, pairs in wait.items()
    ]

    async def work(session: AsyncClientSession) -> None:
        await db[PUSH_JOBS.name].insert_many(later, session=session)
        result = await db[PUSH_JOBS.name].update_one(
            lease.held(job["_id"]),
            {"$pull": {"recipients": {"p": {"$in": moved}}}},
            session=session,
        )
        must_match(result.matched_count)

    await in_transaction(db, work)


def _content(job: Document) -> dict[str, Any]:
    keys = ("kind", "title", "body", "meeting_id", "announcement_id", "collapse_key",
            "expires_at", "urgent", "about")  # fmt: skip
    return {key: job.get(key) for key in keys}


def _failure_docs(job: Document, failed: Settled, now: datetime) -> list[Document]:
    return [
        {
            "_id": new_id(),
            "person_id": target.person_id,
            "token_tail": target.token[-8:],
            "platform": target.platform.value,
            "code": result.detail or result.outcome.value,
            "job_id": job["_id"],
            "notification_id": target.notification_id,
            "announcement_id": job.get("announcement_id"),
            "meeting_id": job.get("meeting_id"),
            "at": now,
        }
        for target, result in failed
    ]


async def _record(
    db: Database,
    session: AsyncClientSession,
    job: Document,
    sent: int,
    failed: Settled,
    now: datetime,
) -> None:
    gone = [target for target, result in failed if result.outcome is Outcome.TOKEN_GONE]
    for target in gone:  # FCM says the token is dead or not ours: forget the device
        await db[DEVICES.name].delete_one(
            {"_id": target.token, "person_id": target.person_id}, session=session
        )
    if failed:
        await db[PUSH_FAILURES.name].insert_many(_failure_docs(job, failed, now), session=session)
    if job.get("announcement_id") and (sent or failed):
        await db[ANNOUNCEMENTS.name].update_one(
            {"_id": job["announcement_id"]},
            {"$inc": {"stats.pushed": sent, "stats.failed": len(failed)}},
            session=session,
        )
    if sent or failed:
        await db[PUSH_TOTALS.name].update_one(
            {"_id": "all"}, {"$inc": {"sent": sent, "failed": len(failed)}},
            upsert=True, session=session,
        )  # fmt: skip


async def checkpoint(
    db: Database,
    job: Document,
    lease: Lease,
    results: Sequence[tuple[Target, PushResult]],
    now: datetime,
    lease_seconds: float,
) -> Settled:
    """Record one sent batch and extend the lease; returns the results still to retry."""
    settled = [(target, result) for target, result in results if result.outcome.settles]
    sent = sum(1 for _, result in settled if result.outcome is Outcome.SENT)
    failed = [(target, result) for target, result in settled if result.outcome is not Outcome.SENT]

    async def work(session: AsyncClientSession) -> None:
        result = await db[PUSH_JOBS.name].update_one(
            lease.held(job["_id"]),
            {
                "$push": {"settled": {"$each": [target.token for target, _ in settled]}},
                "$set": {"due_at": now + timedelta(seconds=lease_seconds)},
            },
            session=session,
        )
        must_match(result.matched_count)
        await _record(db, session, job, sent, failed, now)

    await in_transaction(db, work)
    return [(target, result) for target, result in results if not result.outcome.settles]


async def complete(
    db: Database,
    job: Document,
    lease: Lease,
    results: Sequence[tuple[Target, PushResult]],
    now: datetime,
) -> None:
    """The last batch settled every token left: record it and remove the job, in one go."""
    sent = sum(1 for _, result in results if result.outcome is Outcome.SENT)
    failed = [(target, result) for target, result in results if result.outcome is not Outcome.SENT]

    async def work(session: AsyncClientSession) -> None:
        result = await db[PUSH_JOBS.name].delete_one(lease.held(job["_id"]), session=session)
        must_match(result.deleted_count)
        await _record(db, session, job, sent, failed, now)

    await in_transaction(db, work)


async def finish(db: Database, job: Document, lease: Lease) -> None:
    """Every token settled: the job is done, and goes."""
    await db[PUSH_JOBS.name].delete_one(lease.held(job["_id"]))


async def release(db: Database, job: Document, lease: Lease, due_at: datetime) -> None:
    """Give a claimed job back untouched, due again at `due_at` for any dispatcher."""
    await db[PUSH_JOBS.name].update_one(
        lease.held(job["_id"]), {"$set": {"due_at": due_at, "lease": None}}
    )


async def retry_later(
    db: Database,
    job: Document,
    lease: Lease,
    due_at: datetime,
    last_error: str,
    *,
    failed_attempt: bool,
) -> None:
    """Due again at `due_at`; only a failed attempt counts toward the job's tries."""
    await db[PUSH_JOBS.name].update_one(
        lease.held(job["_id"]),
        {"$set": {"due_at": due_at, "lease": None, "last_error": last_error},
         "$inc": {"attempts": 1 if failed_attempt else 0}},
    )  # fmt: skip


async def dead_letter(
    db: Database, job: Document, lease: Lease, remaining: Settled, now: datetime
) -> None:
    """Out of tries: the job moves to the dead letters and its tokens count as failed."""
    unsent = [
        {
            "person_id": target.person_id,
            "token_tail": target.token[-8:],
            "error": result.detail or result.outcome.value,
        }
        for target, result in remaining
    ]
    attempts = job.get("attempts", 0) + 1
    letter = {**job, "status": "dead", "dead_at": now, "attempts": attempts, "unsent": unsent}

    async def work(session: AsyncClientSession) -> None:
        result = await db[PUSH_JOBS.name].delete_one(lease.held(job["_id"]), session=session)
        must_match(result.deleted_count)
        await db[PUSH_DEAD_LETTERS.name].insert_one(letter, session=session)
        await _record(db, session, job, 0, list(remaining), now)

    await in_transaction(db, work)
