"""The .ics feed: stable UIDs, SEQUENCE moving on with every change, cancellations kept."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event

from server.db.client import Database, Document
from server.db.collections import AGENDA_SESSIONS, LOCATIONS, PEOPLE
from server.services.agenda.sessions import bookmarked_session_ids
from server.services.event.records import get_event
from server.services.meetings.queries import my_meetings
from server.services.meetings.records import other_participant
from server.services.meetings.states import status_of
from server.vocabulary import MeetingStatus

PRODUCT = "-//Coopetition Expo//Meetings//EN"
ICS_STATUS = {MeetingStatus.ACCEPTED: "CONFIRMED", MeetingStatus.PENDING: "TENTATIVE"}


def calendar_sequence(meeting: Document, now: datetime) -> int:
    """The stored sequence, plus one for an expiry not yet written down (the write adds it)."""
    stored = MeetingStatus(meeting["status"])
    return int(meeting["sequence"]) + (stored is not status_of(meeting, now))


def _meeting_event(meeting: Document, event_id: str, names: dict[str, str],
                   places: dict[str, str], viewer_id: str, now: datetime) -> Event:  # fmt: skip
    status = status_of(meeting, now)
    other = other_participant(meeting, viewer_id)
    item = Event()
    item.add("uid", f"meeting-{meeting['_id']}@{event_id}")
    item.add("sequence", calendar_sequence(meeting, now))
    item.add("status", ICS_STATUS.get(status, "CANCELLED"))
    item.add("summary", f"Meeting with {names.get(other or '', 'a former participant')}")
    item.add("dtstart", meeting["starts_at"])
    item.add("dtend", meeting["ends_at"])
    item.add("dtstamp", meeting["updated_at"])
    item.add("last-modified", meeting["updated_at"])
    item.add("created", meeting["created_at"])
    if meeting.get("location_id") in places:
        item.add("location", places[meeting["location_id"]])
    if meeting.get("message"):
        item.add("description", meeting["message"])
    return item


def _session_event(session: Document, event_id: str, now: datetime) -> Event:
    item = Event()
    item.add("uid", f"session-{session['_id']}@{event_id}")
    item.add("sequence", 0)
    item.add("status", "CONFIRMED")
    item.add("summary", session["title"])
    item.add("dtstart", session["starts_at"])
    item.add("dtend", session["ends_at"])
    item.add("dtstamp", now)
    if session.get("room"):
        item.add("location", session["room"])
    return item


async def render_feed(db: Database, person: Document, now: datetime) -> bytes:
    """The person's meetings (every status: cancelled ones as STATUS:CANCELLED, so calendar apps
    drop them rather than keep a stale copy) and their bookmarked sessions."""
    event = await get_event(db)
    meetings = await my_meetings(db, person["_id"], None, now)
    other_ids = {p for m in meetings for p in m["participants"]}
    names = {
        d["_id"]: d["name"] async for d in db[PEOPLE.name].find({"_id": {"$in": list(other_ids)}})
    }
    places = {d["_id"]: d["name"] async for d in db[LOCATIONS.name].find()}
    session_ids = sorted(await bookmarked_session_ids(db, person["_id"]))
    sessions = await db[AGENDA_SESSIONS.name].find({"_id": {"$in": session_ids}}).to_list()
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{event['name']}: {person['name']}")
    calendar.add("x-wr-timezone", event["timezone"])
    for meeting in meetings:
        calendar.add_component(
            _meeting_event(meeting, event["_id"], names, places, person["_id"], now)
        )
    for session in sessions:
        calendar.add_component(_session_event(session, event["_id"], now))
    ical: bytes = calendar.to_ical()
    return ical
