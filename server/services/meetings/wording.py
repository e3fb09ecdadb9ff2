"""What meeting notices and reminders say, written for the person holding the phone: the other
person's name, the time in the event's time zone, the place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import EVENTS, LOCATIONS, PEOPLE
from server.services.meetings.records import other_participant
from server.services.meetings.states import Action
from server.vocabulary import MeetingStatus

MESSAGE_SHOWN = 120  # characters of a request's message shown in its push
IN_CHUNK = 100  # ids per `$in`: long lists are slow on some servers (an auto-scheduled event)
Wording = tuple[str, str]  # title, body


@dataclass(frozen=True)
class Scene:
    """The names, places and time zone the wording of some meetings needs."""

    zone: ZoneInfo
    names: dict[str, str]
    places: dict[str, str]

    def when(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%a %d %b %H:%M")

    def where(self, meeting: Document) -> str:
        place = self.places.get(meeting.get("location_id") or "")
        return f" at {place}" if place else ""

    def other(self, meeting: Document, person_id: str) -> str:
        other = other_participant(meeting, person_id)
        return self.names.get(other or "", "The other person")


async def _names(
    db: Database, session: AsyncClientSession | None, collection: str, ids: list[str]
) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(ids), IN_CHUNK):
        query = {"_id": {"$in": ids[start : start + IN_CHUNK]}}
        async for doc in db[collection].find(query, {"name": 1}, session=session):
            found[doc["_id"]] = doc["name"]
    return found


async def load_scene(
    db: Database, session: AsyncClientSession | None, meetings: Sequence[Document]
) -> Scene:
    event = await db[EVENTS.name].find_one({}, {"timezone": 1}, session=session)
    people = sorted({p for meeting in meetings for p in meeting["participants"]})
    places = sorted({m["location_id"] for m in meetings if m.get("location_id")})
    return Scene(
        ZoneInfo(event["timezone"] if event and event.get("timezone") else "UTC"),
        await _names(db, session, PEOPLE.name, people),
        await _names(db, session, LOCATIONS.name, places),
    )


def _with_reason(text: str, reason: str | None) -> str:
    return f"{text} {reason}" if reason else text


def change(
    scene: Scene, before: Document, after: Document, action: Action, person_id: str,
    by: str | None, reason: str | None,
) -> Wording:  # fmt: skip
    """The notice telling `person_id` that `by` (None: nobody) did `action` to the meeting."""
    other, when = scene.other(after, person_id), scene.when(after["starts_at"])
    where = scene.where(after)
    by_organizer = by is not None and by not in before["participants"]
    if action is Action.ACCEPT:
        return f"{other} accepted", f"You meet on {when}{where}."
    if action is Action.DECLINE:
        return f"{other} declined", f"Your request to meet on {when} was declined."
    if action is Action.EXPIRE:
        return "Request expired", f"{other} did not answer your request to meet on {when}."
    if action is Action.PROPOSE_TIME:
        earlier = scene.when(before["starts_at"])
        return f"{other} proposes a new time", f"{when}{where} instead of {earlier}. Accept?"
    if action is Action.MOVE:
        text = f"Your meeting with {other} is now on {when}{where}."
        return "Meeting moved", _with_reason(text, reason)
    if by_organizer:
        return "Meeting cancelled", _with_reason(
            f"Your meeting with {other} on {when} is off.", reason
        )
    if MeetingStatus(before["status"]) is MeetingStatus.PENDING and before["requester_id"] == by:
        return f"{other} withdrew a request", _with_reason(f"To meet on {when}.", reason)
    return f"{other} cancelled", _with_reason(f"Your meeting on {when}{where} is off.", reason)


def request(scene: Scene, meeting: Document) -> Wording:
    requester = scene.names.get(meeting["requester_id"], "Someone")
    body = f"On {scene.when(meeting['starts_at'])}{scene.where(meeting)}."
    message = meeting.get("message")
    if message:
        shown = message if len(message) <= MESSAGE_SHOWN else message[: MESSAGE_SHOWN - 1] + "…"
        body += f" “{shown}”"
    return f"{requester} asks to meet", body


def left(scene: Scene, meeting: Document) -> Wording:
    when, where = scene.when(meeting["starts_at"]), scene.where(meeting)
    return "Meeting cancelled", f"Your meeting on {when}{where} is off: the other person left."


def booked(scene: Scene, meetings: Sequence[Document], person_id: str) -> Wording:
    """Meetings the organizers booked for the person, in time order."""
    lines = [
        f"{scene.when(m['starts_at'])} with {scene.other(m, person_id)}{scene.where(m)}"
        for m in sorted(meetings, key=lambda m: m["starts_at"])
    ]
    title = "Meeting booked for you" if len(lines) == 1 else f"{len(lines)} meetings booked for you"
    return title, "; ".join(lines) + "."


def reminder(scene: Scene, meeting: Document, person_id: str) -> Wording:
    clock = meeting["starts_at"].astimezone(scene.zone).strftime("%H:%M")
    return f"Meeting at {clock}", f"With {scene.other(meeting, person_id)}{scene.where(meeting)}."
