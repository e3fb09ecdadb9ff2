"""The outbox: a change that promises a notice writes the inbox notification and the push job
in its own transaction, through `notify`; the dispatcher delivers the jobs later.

    async def work(session):
        ...  # the change itself, written with session=session
        await notify(db, session, [invitee_id], kind=NotificationKind.MEETING_REQUEST,
                     title="Meeting request", body="Ana Alvarez asks to meet at 10:40",
                     meeting_id=meeting_id, now=now)
    await in_transaction(db, work)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import NOTIFICATIONS, PUSH_JOBS
from server.services.people.records import new_id
from server.vocabulary import NotificationKind

PENDING = "pending"
STAGE_INBOX = "inbox"  # the job must still write its recipients' inbox notifications
STAGE_PUSH = "push"
MEETING_KINDS = frozenset(kind for kind in NotificationKind if kind.name.startswith("MEETING_"))


def notification_doc(
    person_id: str, notification_id: str, content: dict[str, Any], now: datetime
) -> Document:
    return {
        "_id": notification_id,
        "person_id": person_id,
        "kind": content["kind"],
        "title": content["title"],
        "body": content["body"],
        "meeting_id": content.get("meeting_id"),
        "announcement_id": content.get("announcement_id"),
        "urgent": content.get("urgent", False),
        "about_person_id": content.get("about_person_id"),
        "subject_id": content.get("subject_id"),
        "created_at": now,
        "read_at": None,
    }


def push_job_doc(
    recipients: Sequence[tuple[str, str]],
    content: dict[str, Any],
    *,
    now: datetime,
    due_at: datetime | None = None,
    stage: str = STAGE_PUSH,
) -> Document:
    """`recipients` are (person id, notification id) pairs; `content` holds kind, title, body and
    the optional meeting_id, announcement_id, collapse_key, expires_at, urgent."""
    return {
        "_id": new_id(),
        "status": PENDING,
        "stage": stage,
        "due_at": due_at or now,
        "lease": None,
        "attempts": 0,
        "recipients": [
            {"p": person_id, "n": notification_id} for person_id, notification_id in recipients
        ],
        "settled": [],
        "created_at": now,
        **content,
    }


def push_content(
    *,
    kind: NotificationKind,
    title: str,
    body: str,
    now: datetime,
    meeting_id: str | None = None,
    announcement_id: str | None = None,
    collapse_key: str | None = None,
    ttl: timedelta | None = None,
    urgent: bool = False,
    about_person_id: str | None = None,
    subject_id: str | None = None,
) -> dict[str, Any]:
    """`about_person_id`: the person a notice is from or about (a message's sender);
    `subject_id`: what it is about, by kind (a message, an introduction)."""
    if collapse_key is None and meeting_id is not None:
        collapse_key = f"meeting-{meeting_id}"  # a newer notice about a meeting replaces older
    content = {
        "kind": kind.value,
        "title": title,
        "body": body,
        "meeting_id": meeting_id,
        "announcement_id": announcement_id,
        "collapse_key": collapse_key,
        "expires_at": now + ttl if ttl is not None else None,
        "urgent": urgent,
    }
    if about_person_id is not None or subject_id is not None:
        content |= {"about_person_id": about_person_id, "subject_id": subject_id}
    return content


async def notify(
    db: Database,
    session: AsyncClientSession | None,
    recipients: Sequence[str],
    *,
    kind: NotificationKind,
    title: str,
    body: str,
    now: datetime,
    meeting_id: str | None = None,
    announcement_id: str | None = None,
    collapse_key: str | None = None,
    ttl: timedelta | None = None,
    urgent: bool = False,
    about_person_id: str | None = None,
    subject_id: str | None = None,
) -> list[str]:
    """Write one inbox notification per recipient and one push job for them all, inside the
    caller's transaction (`session`). Returns the notification ids, in recipient order.

    `ttl` makes a notice time-bound: FCM drops it after that long, and the dispatcher does not
    send it at all once that time has passed (say, a reminder held back by quiet hours).
    `collapse_key` defaults to one per meeting; `urgent` pushes through quiet hours.
    """
    people = list(dict.fromkeys(recipients))
    if not people:
        return []
    content = push_content(
        kind=kind, title=title, body=body, now=now, meeting_id=meeting_id,
        announcement_id=announcement_id, collapse_key=collapse_key, ttl=ttl, urgent=urgent,
        about_person_id=about_person_id, subject_id=subject_id,
    )  # fmt: skip
    pairs = [(person_id, new_id()) for person_id in people]
    await db[NOTIFICATIONS.name].insert_many(
        [
            notification_doc(person_id, notification_id, content, now)
            for person_id, notification_id in pairs
        ],
        session=session,
    )
    await db[PUSH_JOBS.name].insert_one(push_job_doc(pairs, content, now=now), session=session)
    return [notification_id for _, notification_id in pairs]


@dataclass(frozen=True)
class Notice:
    """One person's notice, worded for them (`notify_each` writes many in one go)."""

    person_id: str
    kind: NotificationKind
    title: str
    body: str
    meeting_id: str | None = None
    collapse_key: str | None = None
    ttl: timedelta | None = None
    urgent: bool = False
    about_person_id: str | None = None
    subject_id: str | None = None

    def content(self, now: datetime) -> dict[str, Any]:
        return push_content(
            kind=self.kind, title=self.title, body=self.body, now=now,
            meeting_id=self.meeting_id, collapse_key=self.collapse_key, ttl=self.ttl,
            urgent=self.urgent, about_person_id=self.about_person_id, subject_id=self.subject_id,
        )  # fmt: skip


async def notify_each(
    db: Database,
    session: AsyncClientSession | None,
    notices: Sequence[Notice],
    *,
    now: datetime,
) -> list[str]:
    """`notify` for notices worded per person: one inbox notification and one push job each,
    written with two commands whatever their number. Returns the notification ids, in order."""
    if not notices:
        return []
    rows = [(notice.person_id, new_id(), notice.content(now)) for notice in notices]
    await db[NOTIFICATIONS.name].insert_many(
        [notification_doc(person, nid, content, now) for person, nid, content in rows],
        session=session,
    )
    await db[PUSH_JOBS.name].insert_many(
        [push_job_doc([(person, nid)], content, now=now) for person, nid, content in rows],
        session=session,
    )
    return [nid for _, nid, _ in rows]


async def withdraw_pushes(
    db: Database,
    session: AsyncClientSession | None,
    *,
    meeting_id: str,
    kinds: Sequence[NotificationKind] = tuple(MEETING_KINDS),
) -> int:
    """Drop the meeting's pushes not sent yet (say, a reminder waiting for quiet hours to end,
    when the meeting is cancelled). A dispatcher sending one right now loses its lease and
    stops after the batch in flight. Inbox notifications stay."""
    result = await db[PUSH_JOBS.name].delete_many(
        {"meeting_id": meeting_id, "kind": {"$in": [kind.value for kind in kinds]}},
        session=session,
    )
    return result.deleted_count
