"""Meeting reminders: one per person and meeting, due a set number of minutes before it starts,
sent exactly once however many workers run, and moved or withdrawn with the meeting. Other
kinds of reminder about a meeting (the follow-up an hour after it) ride the same machinery with
their own due and expiry times.

The meetings code calls, inside its own transaction:
- on accept: `schedule_reminder(...)` for each of the two people;
- on reschedule: `schedule_reminder(...)` again with the new start (a reminder already sent for
  the old time is sent again for the new one);
- on cancel or decline: `withdraw_reminders(db, session, meeting_id=...)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from pymongo import DeleteOne, ReplaceOne
from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import PUSH_JOBS, REMINDERS
from server.db.transactions import in_transaction
from server.notifications.leases import Lease, LeaseLost, claim_due, must_match
from server.notifications.outbox import notify, withdraw_pushes
from server.notifications.targets import IN_CHUNK, utc
from server.vocabulary import NotificationKind

DEFAULT_MINUTES_BEFORE = 15
PENDING, SENT = "pending", "sent"


REMINDER_KINDS = (NotificationKind.MEETING_REMINDER, NotificationKind.FOLLOW_UP_REMINDER)


def reminder_id(
    meeting_id: str, person_id: str, kind: NotificationKind = NotificationKind.MEETING_REMINDER
) -> str:
    if kind is NotificationKind.MEETING_REMINDER:
        return f"{meeting_id}:{person_id}"
    return f"{meeting_id}:{person_id}:{kind.value}"


@dataclass(frozen=True)
class Reminder:
    """By default the meeting reminder, due `minutes_before` the start and worth sending until
    then; another `kind` gives its own `due_at` and `expires_at`."""

    meeting_id: str
    person_id: str
    starts_at: datetime
    title: str
    body: str
    kind: NotificationKind = NotificationKind.MEETING_REMINDER
    due_at: datetime | None = None
    expires_at: datetime | None = None

    @property
    def id(self) -> str:
        return reminder_id(self.meeting_id, self.person_id, self.kind)

    @property
    def until(self) -> datetime:
        return self.expires_at or self.starts_at


async def schedule_reminder(
    db: Database,
    session: AsyncClientSession | None,
    *,
    meeting_id: str,
    person_id: str,
    starts_at: datetime,
    title: str,
    body: str,
    now: datetime,
    minutes_before: int = DEFAULT_MINUTES_BEFORE,
) -> None:
    """Remind `person_id` of the meeting `minutes_before` it starts (at once if that time has
    passed but the meeting has not started). Calling it again for the same start changes only
    the wording of one not yet sent; a new start reschedules it."""
    reminder = Reminder(meeting_id, person_id, starts_at, title, body)
    await schedule_reminders(db, session, [reminder], now=now, minutes_before=minutes_before)


async def schedule_reminders(
    db: Database,
    session: AsyncClientSession | None,
    reminders: Sequence[Reminder],
    *,
    now: datetime,
    minutes_before: int = DEFAULT_MINUTES_BEFORE,
) -> None:
    """`schedule_reminder` for many: one read per IN_CHUNK (100) of them, to learn which were
    sent already (long `$in` lists are slow on some servers), and one bulk write."""
    ids = [r.id for r in reminders]
    if not ids:
        return
    collection = db[REMINDERS.name]
    sent: dict[str, datetime] = {}
    for start in range(0, len(ids), IN_CHUNK):
        query = {"_id": {"$in": ids[start : start + IN_CHUNK]}, "status": SENT}
        async for doc in collection.find(query, {"starts_at": 1}, session=session):
            sent[doc["_id"]] = utc(doc["starts_at"])
    lead = timedelta(minutes=minutes_before)
    writes: list[DeleteOne | ReplaceOne[Document]] = []
    for _id, r in zip(ids, reminders, strict=True):
        if r.until <= now:
            writes.append(DeleteOne({"_id": _id}))
        elif sent.get(_id) != r.starts_at:
            writes.append(ReplaceOne({"_id": _id}, {
                "meeting_id": r.meeting_id, "person_id": r.person_id, "starts_at": r.starts_at,
                "due_at": max(now, r.due_at or r.starts_at - lead), "title": r.title,
                "body": r.body, "kind": r.kind.value, "expires_at": r.until,
                "status": PENDING, "lease": None, "updated_at": now,
            }, upsert=True))  # fmt: skip
    if writes:
        await collection.bulk_write(writes, session=session)


async def withdraw_reminders(
    db: Database,
    session: AsyncClientSession | None,
    *,
    meeting_id: str,
    person_ids: Sequence[str] | None = None,
) -> int:
    """Forget the meeting's reminders (all, or those of `person_ids`), and drop reminder pushes
    not sent yet. Returns how many reminders were still pending."""
    query: dict[str, object] = {"meeting_id": meeting_id}
    if person_ids is not None:
        query["person_id"] = {"$in": list(person_ids)}
    pending = await db[REMINDERS.name].count_documents(
        {**query, "status": PENDING}, session=session
    )
    await db[REMINDERS.name].delete_many(query, session=session)
    await withdraw_pushes(db, session, meeting_id=meeting_id, kinds=REMINDER_KINDS)
    return pending


async def withdraw_reminder(
    db: Database, session: AsyncClientSession | None, reminder: Reminder
) -> None:
    """Forget one person's reminder of one kind (say, the follow-up reminder once they have
    recorded how it went), with its push if not sent yet; other people's stay."""
    await db[REMINDERS.name].delete_one({"_id": reminder.id}, session=session)
    push = {"meeting_id": reminder.meeting_id, "kind": reminder.kind.value}
    await db[PUSH_JOBS.name].delete_many(
        {**push, "recipients.p": reminder.person_id}, session=session
    )


class ReminderWorker:
    """Sends due reminders: the reminder turns SENT in the same transaction that writes its
    notice, and only while this worker's lease holds it, so each goes exactly once."""

    def __init__(self, db: Database, clock: Callable[[], datetime], lease_seconds: float) -> None:
        self._db = db
        self._clock = clock
        self._lease_seconds = lease_seconds

    async def run_once(self) -> bool:
        now = self._clock()
        claimed = await claim_due(
            self._db[REMINDERS.name], {"status": PENDING}, now, self._lease_seconds
        )
        if claimed is None:
            return False
        with contextlib.suppress(LeaseLost):  # withdrawn or rescheduled meanwhile
            await self._send(*claimed, now)
        return True

    async def _send(self, reminder: Document, lease: Lease, now: datetime) -> None:
        kind = NotificationKind(reminder.get("kind", NotificationKind.MEETING_REMINDER.value))
        until = utc(reminder.get("expires_at") or reminder["starts_at"])

        async def work(session: AsyncClientSession) -> None:
            result = await self._db[REMINDERS.name].update_one(
                {**lease.held(reminder["_id"]), "status": PENDING},
                {"$set": {"status": SENT, "sent_at": now, "lease": None}},
                session=session,
            )
            must_match(result.matched_count)
            if until > now:  # a worker back from a long outage does not remind of the past
                await notify(
                    self._db, session, [reminder["person_id"]], kind=kind,
                    title=reminder["title"], body=reminder["body"],
                    meeting_id=reminder["meeting_id"], ttl=until - now, now=now,
                )  # fmt: skip

        await in_transaction(self._db, work)
