"""The one state machine of a meeting: which action moves which status where."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from server.db.client import Document
from server.errors import Conflict
from server.vocabulary import MeetingStatus, NotificationKind

PENDING, ACCEPTED = MeetingStatus.PENDING, MeetingStatus.ACCEPTED
DECLINED, CANCELLED = MeetingStatus.DECLINED, MeetingStatus.CANCELLED
EXPIRED = MeetingStatus.EXPIRED
ACTIVE = frozenset({PENDING, ACCEPTED})  # these hold their slot and location


class Action(Enum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"
    CANCEL = "CANCEL"
    PROPOSE_TIME = "PROPOSE_TIME"  # a participant moves it; the other person answers again
    EXPIRE = "EXPIRE"
    MOVE = "MOVE"  # an organizer's change of the grid re-placed it; its status stays


TRANSITIONS: dict[tuple[MeetingStatus, Action], MeetingStatus] = {
    (PENDING, Action.ACCEPT): ACCEPTED,
    (PENDING, Action.DECLINE): DECLINED,
    (PENDING, Action.CANCEL): CANCELLED,
    (ACCEPTED, Action.CANCEL): CANCELLED,
    (PENDING, Action.PROPOSE_TIME): PENDING,
    (ACCEPTED, Action.PROPOSE_TIME): PENDING,
    (PENDING, Action.EXPIRE): EXPIRED,
    (PENDING, Action.MOVE): PENDING,
    (ACCEPTED, Action.MOVE): ACCEPTED,
}

# Who hears of each change, and as which kind of notice: the participants who did not act (so
# both, when an organizer did); of an expiry, the one whose request went unanswered. A new
# request is told to the invitee (MEETING_REQUEST), a deleted account to the other person.
NOTICE_KIND: dict[Action, NotificationKind] = {
    Action.ACCEPT: NotificationKind.MEETING_ACCEPTED,
    Action.DECLINE: NotificationKind.MEETING_DECLINED,
    Action.CANCEL: NotificationKind.MEETING_CANCELLED,
    Action.PROPOSE_TIME: NotificationKind.MEETING_RESCHEDULED,
    Action.EXPIRE: NotificationKind.MEETING_EXPIRED,
    Action.MOVE: NotificationKind.MEETING_RESCHEDULED,
}
REMINDED = ACCEPTED  # reminders exist while a meeting is in this status, withdrawn otherwise


def told(meeting: Document, action: Action, by: str | None) -> list[str]:
    """The people told of `action` on `meeting` (as it was before), done by `by`."""
    if action is Action.EXPIRE:
        return [p for p in meeting["participants"] if p != meeting.get("awaiting_id")]
    return [p for p in meeting["participants"] if p != by]


_WHY_NOT = {
    PENDING: "This request is still waiting for an answer.",
    ACCEPTED: "This meeting was already accepted.",
    DECLINED: "This request was declined.",
    CANCELLED: "This meeting was cancelled.",
    EXPIRED: "This request expired without an answer.",
}


def status_of(meeting: Document, now: datetime) -> MeetingStatus:
    """The stored status, except that a pending request past its expiry time has expired
    (correctness never waits for a sweeper or a TTL monitor to write that down)."""
    status = MeetingStatus(meeting["status"])
    if status is PENDING and meeting["expires_at"] <= now:
        return EXPIRED
    return status


def next_status(meeting: Document, action: Action, now: datetime) -> MeetingStatus:
    """Where `action` takes the meeting, or CONFLICT (reason WRONG_STATE) when it cannot."""
    current = status_of(meeting, now)
    target = TRANSITIONS.get((current, action))
    if target is None:
        raise Conflict(_WHY_NOT[current], reason="WRONG_STATE", status=current.value)
    if current in ACTIVE and meeting["starts_at"] <= now:
        raise Conflict("This meeting has already started.", reason="ALREADY_STARTED")
    return target
