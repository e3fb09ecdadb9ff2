"""What a phone in the swarm does, and how often: mostly reading, sometimes asking to meet,
answering, or (at a booth) scanning a badge. Changes that promise another phone a notice are
handed to the hall's notice clock."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from mobile_client_stub.journeys.notices import now
from mobile_client_stub.phone import Phone
from mobile_client_stub.swarm.hall import Hall

Action = Callable[[Phone, Hall, random.Random], Awaitable[None]]
SEARCHES = ("an", "ma", "li", "imaging", "service", "health", "monitor", "cy", "jo", "sa")


async def open_app(phone: Phone, hall: Hall, rng: random.Random) -> None:
    await phone.call("Event")
    await phone.call("Me")


async def browse_suggestions(phone: Phone, hall: Hall, rng: random.Random) -> None:
    await phone.call("Suggestions", first=10)


async def view_profile(phone: Phone, hall: Hall, rng: random.Random) -> None:
    person = await _someone_suggested(phone, rng)
    if person is not None:
        await phone.call("Person", id=person)


async def search_directory(phone: Phone, hall: Hall, rng: random.Random) -> None:
    await phone.call("FindPeople", search=rng.choice(SEARCHES))


async def check_schedule(phone: Phone, hall: Hall, rng: random.Random) -> None:
    await phone.call("MyMeetings", status=["PENDING", "ACCEPTED"])


async def answer_requests(phone: Phone, hall: Hall, rng: random.Random) -> None:
    pending = (await phone.call("MyMeetings", status=["PENDING"]))["myMeetings"]
    for meeting in pending:
        if (meeting["awaitingResponseFrom"] or {}).get("id") == phone.person_id:
            accept = rng.random() < 0.8
            hall.promised(meeting["requester"]["id"], "meeting answer", meeting["id"], now())
            await phone.call("RespondToMeeting", meetingId=meeting["id"], accept=accept)


async def ask_to_meet(phone: Phone, hall: Hall, rng: random.Random) -> None:
    person = await _someone_suggested(phone, rng)
    if person is None:
        return
    slots = (await phone.call("AvailableSlots", withPersonId=person))["availableSlots"]
    if slots:
        slot = rng.choice(slots[:10])
        request = {"inviteeId": person, "startsAt": slot["startsAt"], "message": "Coffee?"}
        sent_at = now()
        meeting = (await phone.call("RequestMeeting", input=request))["requestMeeting"]
        hall.promised(person, "meeting request", meeting["id"], sent_at)


async def read_inbox(phone: Phone, hall: Hall, rng: random.Random) -> None:
    inbox = await phone.call("Inbox", first=20, unreadOnly=True)
    unread = [notice["id"] for notice in inbox["notifications"]]
    if unread:
        await phone.call("MarkNotificationsRead", ids=unread)


async def edit_profile(phone: Phone, hall: Hall, rng: random.Random) -> None:
    headline = f"Updated from the expo floor at {datetime.now(UTC):%H:%M}"
    await phone.call("UpdateProfile", input={"headline": headline})


async def scan_badge(phone: Phone, hall: Hall, rng: random.Random) -> None:
    badge = hall.passer_by(rng, phone.person_id)
    if badge is not None:
        await phone.call("CaptureLead", scanCode=badge, notes="Stopped by the booth", rating=3)


async def booth_requests(phone: Phone, hall: Hall, rng: random.Random) -> None:
    await phone.call("OrganizationMeetingRequests", status=["PENDING"])


async def _someone_suggested(phone: Phone, rng: random.Random) -> str | None:
    suggestions: list[dict[str, Any]] = (await phone.call("Suggestions", first=10))["suggestions"]
    return rng.choice(suggestions)["person"]["id"] if suggestions else None


EVERYONE: dict[Action, float] = {
    open_app: 1, browse_suggestions: 5, view_profile: 3, search_directory: 2, check_schedule: 4,
    answer_requests: 3, ask_to_meet: 2, read_inbox: 2, edit_profile: 0.3,
}  # fmt: skip
BOOTH_STAFF: dict[Action, float] = {**EVERYONE, scan_badge: 3, booth_requests: 2}


def actions_for(role: str) -> dict[Action, float]:
    return BOOTH_STAFF if role == "EXHIBITOR" else EVERYONE
