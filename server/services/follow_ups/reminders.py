"""The follow-up reminder: an hour after an accepted meeting ends, each of its people is asked
in their inbox how it went. Set and withdrawn with the meeting's own reminders (accepted, moved,
cancelled: see meetings/notices.py), and withdrawn for a person once they have said."""

from __future__ import annotations

from datetime import timedelta

from server.db.client import Document
from server.notifications.reminders import Reminder
from server.vocabulary import NotificationKind

FOLLOW_UP_AFTER = timedelta(hours=1)
FOLLOW_UP_LASTS = timedelta(days=2)  # its push is dropped if it could not go by then
ASK = "Say whether you met and what you agreed to do next."


def follow_up_reminder(meeting: Document, person_id: str, other_name: str) -> Reminder:
    due_at = meeting["ends_at"] + FOLLOW_UP_AFTER
    return Reminder(
        meeting["_id"],
        person_id,
        meeting["starts_at"],
        f"How did it go with {other_name}?",
        ASK,
        kind=NotificationKind.FOLLOW_UP_REMINDER,
        due_at=due_at,
        expires_at=due_at + FOLLOW_UP_LASTS,
    )
