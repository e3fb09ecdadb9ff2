"""Telling people of a meeting's change inside the change's own transaction: the inbox notice and
push job (the outbox), and the reminders set, moved or withdrawn with the meeting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.notifications.outbox import Notice, notify_each
from server.notifications.reminders import Reminder, schedule_reminders, withdraw_reminders
from server.services.follow_ups.reminders import follow_up_reminder
from server.services.meetings import wording
from server.services.meetings.states import NOTICE_KIND, REMINDED, Action, told
from server.services.meetings.wording import Scene, load_scene
from server.vocabulary import MeetingStatus, NotificationKind


def lifetime(meeting: Document, now: datetime) -> timedelta:
    """How long a push about the meeting is worth sending: while a request can be answered,
    else until the meeting starts. One not delivered by then is dropped (the inbox keeps it)."""
    pending = MeetingStatus(meeting["status"]) is MeetingStatus.PENDING
    deadline: datetime = meeting["expires_at"] if pending else meeting["starts_at"]
    return max(deadline - now, timedelta(0))


def _notice(meeting: Document, person_id: str, kind: NotificationKind, text: wording.Wording,
            now: datetime) -> Notice:  # fmt: skip
    title, body = text
    return Notice(person_id, kind, title, body, meeting["_id"], ttl=lifetime(meeting, now))


async def _remind(
    db: Database, session: AsyncClientSession, scene: Scene, meetings: Sequence[Document],
    now: datetime, minutes: int | None,
) -> None:  # fmt: skip
    if not meetings:
        return
    if minutes is None:
        raise ValueError("a change that makes meetings accepted needs the reminder lead time")
    reminders = [
        Reminder(m["_id"], person, m["starts_at"], *wording.reminder(scene, m, person))
        for m in meetings
        for person in m["participants"]
    ]
    reminders += [
        follow_up_reminder(m, person, scene.other(m, person))
        for m in meetings
        for person in m["participants"]
    ]  # and an hour after it, how did it go? (services/follow_ups/reminders.py)
    await schedule_reminders(db, session, reminders, now=now, minutes_before=minutes)


async def tell_change(
    db: Database, session: AsyncClientSession, before: Document, after: Document,
    entry: dict[str, object], now: datetime, reminder_minutes: int | None,
) -> None:  # fmt: skip
    """After a transition (its history `entry`): the notice to the people it concerns, and
    reminders kept only while the meeting is accepted (again with a new time or place)."""
    action, by, reason = Action(entry["action"]), entry.get("by"), entry.get("reason")
    by = by if isinstance(by, str) else None
    reason = reason if isinstance(reason, str) else None
    scene = await load_scene(db, session, [after])
    kind = NOTICE_KIND[action]
    notices = [
        _notice(after, person, kind,
                wording.change(scene, before, after, action, person, by, reason), now)
        for person in told(before, action, by)
    ]  # fmt: skip
    await notify_each(db, session, notices, now=now)
    if MeetingStatus(after["status"]) is REMINDED:
        await _remind(db, session, scene, [after], now, reminder_minutes)
    else:
        await withdraw_reminders(db, session, meeting_id=after["_id"])


async def tell_request(
    db: Database, session: AsyncClientSession, meeting: Document, now: datetime
) -> None:
    scene = await load_scene(db, session, [meeting])
    text = wording.request(scene, meeting)
    notice = _notice(meeting, meeting["invitee_id"], NotificationKind.MEETING_REQUEST, text, now)
    await notify_each(db, session, [notice], now=now)


async def tell_booked(
    db: Database, session: AsyncClientSession, meetings: Sequence[Document], now: datetime,
    reminder_minutes: int,
) -> None:  # fmt: skip
    """Meetings the organizers booked (accepted): one notice per person listing theirs, and a
    reminder per person and meeting."""
    scene = await load_scene(db, session, meetings)
    mine: dict[str, list[Document]] = defaultdict(list)
    for meeting in meetings:
        for person in meeting["participants"]:
            mine[person].append(meeting)
    notices = []
    for person, theirs in mine.items():
        title, body = wording.booked(scene, theirs, person)
        first = min(theirs, key=lambda m: m["starts_at"])
        notices.append(Notice(
            person, NotificationKind.MEETING_ACCEPTED, title, body,
            meeting_id=first["_id"] if len(theirs) == 1 else None,
            collapse_key=None if len(theirs) == 1 else "meetings-booked",
            ttl=lifetime(max(theirs, key=lambda m: m["starts_at"]), now),
        ))  # fmt: skip
    await notify_each(db, session, notices, now=now)
    await _remind(db, session, scene, meetings, now, reminder_minutes)


async def tell_left(
    db: Database, session: AsyncClientSession, meetings: Sequence[Document], leaving: str,
    now: datetime,
) -> None:  # fmt: skip
    """Meetings cancelled because `leaving` deleted their account: the other person is told
    (without the name of someone who asked to be forgotten); reminders go."""
    scene = await load_scene(db, session, meetings)
    kind = NotificationKind.MEETING_CANCELLED
    notices = [
        _notice(meeting, person, kind, wording.left(scene, meeting), now)
        for meeting in meetings
        for person in meeting["participants"]
        if person != leaving
    ]
    await notify_each(db, session, notices, now=now)
    for meeting in meetings:
        await withdraw_reminders(db, session, meeting_id=meeting["_id"])
