"""Calendar feeds parsed back with icalendar: stable UIDs, SEQUENCE, cancellations kept."""

from __future__ import annotations

import re
from typing import Any

from icalendar import Calendar

from server.config import Settings
from tests.support.clock import ManualClock
from tests.support.live import serve_app
from tests.support.meetings import (
    CANCEL,
    FIRST_SLOT,
    PROPOSE,
    RESPOND,
    RULES,
    SECOND_SLOT,
    Expo,
    at,
    iso,
)
from tests.support.world import World

CREATE = "mutation { createCalendarFeed { url } }"
REVOKE = "mutation { revokeCalendarFeed }"


async def _feed_url(expo: Expo, name: str) -> str:
    url: str = (await expo.data(name, CREATE))["createCalendarFeed"]["url"]
    return url


async def _events(expo: Expo, url: str) -> dict[str, dict[str, Any]]:
    """The feed's events by UID, with the properties a calendar app acts on."""
    response = await expo.api.http.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {
        str(item["uid"]): {
            "summary": str(item["summary"]), "status": str(item["status"]),
            "sequence": int(item["sequence"]), "start": item["dtstart"].dt.isoformat(),
            "end": item["dtend"].dt.isoformat(), "location": str(item.get("location", "")),
        }
        for item in calendar.walk("VEVENT")
    }  # fmt: skip


async def test_feed_follows_a_meeting_through_accept_reschedule_and_cancel(expo: Expo) -> None:
    url = await _feed_url(expo, "ana")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/calendar/[\w-]{43}\.ics", url), url
    meeting = await expo.booked("ana", "dan", FIRST_SLOT)
    uid = f"meeting-{meeting['id']}@test-expo"
    expected = {
        "summary": "Meeting with Dan Dimitrov", "status": "TENTATIVE", "sequence": 0,
        "start": "2027-04-12T17:00:00+00:00", "end": "2027-04-12T17:20:00+00:00",
        "location": "Table 1",
    }  # fmt: skip
    assert await _events(expo, url) == {uid: expected}
    await expo.data("dan", RESPOND, id=meeting["id"], accept=True)
    assert await _events(expo, url) == {uid: {**expected, "status": "CONFIRMED", "sequence": 1}}
    await expo.data("dan", PROPOSE, id=meeting["id"], startsAt=iso(SECOND_SLOT))
    moved = {**expected, "sequence": 2, "start": "2027-04-12T17:20:00+00:00",
             "end": "2027-04-12T17:40:00+00:00"}  # fmt: skip
    assert await _events(expo, url) == {uid: moved}
    await expo.data("ana", RESPOND, id=meeting["id"], accept=True)
    await expo.data("dan", CANCEL, id=meeting["id"])
    assert await _events(expo, url) == {uid: {**moved, "status": "CANCELLED", "sequence": 4}}
    dan_url = await _feed_url(expo, "dan")
    dan_events = await _events(expo, dan_url)
    assert dan_events[uid]["summary"] == "Meeting with Ana Alvarez"
    assert dan_events[uid]["sequence"] == 4


async def test_feed_includes_bookmarked_sessions(expo: Expo) -> None:
    await expo.data("ana", 'mutation { bookmarkSession(sessionId: "s-cyber") { id } }')
    events = await _events(expo, await _feed_url(expo, "ana"))
    assert events == {
        "session-s-cyber@test-expo": {
            "summary": "Medical device cybersecurity", "status": "CONFIRMED", "sequence": 0,
            "start": "2027-04-13T17:00:00+00:00", "end": "2027-04-13T18:00:00+00:00",
            "location": "Room 2",
        }
    }  # fmt: skip


async def test_an_expired_request_shows_cancelled_with_one_sequence_before_and_after_cleanup(
    expo: Expo, clock: ManualClock
) -> None:
    await expo.data("olga", RULES, input={"requestTtlHours": 1})
    meeting = await expo.booked("ana", "dan", at(13, 17))
    url = await _feed_url(expo, "ana")
    clock.advance(hours=2)
    uid = f"meeting-{meeting['id']}@test-expo"
    before = (await _events(expo, url))[uid]
    assert (before["status"], before["sequence"]) == ("CANCELLED", 1)
    await expo.booked("cara", "dan", at(13, 17))  # writes the expiry down
    after = (await _events(expo, url))[uid]
    assert (after["status"], after["sequence"]) == ("CANCELLED", 1)


async def test_feed_token_is_revocable_and_replaced_by_a_new_one(expo: Expo) -> None:
    first = await _feed_url(expo, "ana")
    second = await _feed_url(expo, "ana")
    assert first != second
    assert (await expo.api.http.get(first)).status_code == 404
    assert (await expo.api.http.get(second)).status_code == 200
    assert await expo.data("ana", REVOKE) == {"revokeCalendarFeed": True}
    assert (await expo.api.http.get(second)).status_code == 404
    assert await expo.data("ana", REVOKE) == {"revokeCalendarFeed": False}
    assert (await expo.api.http.get("/calendar/not-a-token.ics")).status_code == 404


async def test_feed_url_uses_the_public_base_url_when_set(
    settings: Settings, world: World, clock: ManualClock
) -> None:
    public = settings.model_copy(update={"public_base_url": "https://expo.example.org/"})
    async with serve_app(public, clock) as app, app.client() as api:
        token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
        url = (await api.data(CREATE, token=token))["createCalendarFeed"]["url"]
        assert url.startswith("https://expo.example.org/calendar/")
        assert (await api.http.get(url.removeprefix("https://expo.example.org"))).status_code == 200
