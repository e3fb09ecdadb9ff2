"""eventStats: the organizers' numbers, checked against a small event played through the API."""

from __future__ import annotations

import random
from typing import Any

from server.config import Settings
from server.db.client import Database
from server.db.collections import EXPOSURE_COUNTS, SUGGESTIONS
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.base import Outcome, PushResult
from server.notifications.gateways.recording import RecordingGateway
from tests.support.clock import ManualClock
from tests.support.meetings import CANCEL, RESPOND, Expo, at
from tests.support.push import add_device

STATS = """{ eventStats {
  people listed activePeople
  meetings { requested pending accepted declined cancelled expired }
  acceptanceRate medianResponseMinutes
  meetingsPerDay { day count } coopetitionMeetings coopetitionMeetingsPerDay { day count }
  crossSectorMeetings crossSectorMeetingsPerDay { day count }
  meetingsHeld organizationsMet suggestionsShown suggestionToRequestRate
  followUps posts projects pushDelivered pushFailed
} }"""


async def _answer(expo: Expo, name: str, meeting: dict[str, Any], accept: bool) -> None:
    await expo.data(name, RESPOND, id=meeting["id"], accept=accept)


async def play_a_morning(expo: Expo, db: Database, clock: ManualClock) -> None:
    """Ana (Acme) meets Cara (Bolt, a competitor) and Dan (City Hospital); Cara's request to
    Dan is declined; Renee's to Cara lapses; Eve's to Dan waits; Ana withdraws one."""
    await db[SUGGESTIONS.name].insert_one(
        {
            "_id": expo.id("ana"),
            "items": [{"person_id": expo.id("cara"), "score": 1.0, "reasons": []}],
            "computed_at": clock(),
        }
    )
    await db[EXPOSURE_COUNTS.name].insert_one({"_id": expo.id("cara"), "shown": 1})
    ana_cara = await expo.booked("ana", "cara", at(12, 17))
    await expo.booked("renee", "cara", at(12, 17, 40))
    await expo.booked("eve", "dan", at(13, 17))
    withdrawn = await expo.booked("ana", "dan", at(13, 17, 20))
    clock.advance(minutes=10)
    await _answer(expo, "cara", ana_cara, accept=True)  # after 10 minutes
    await expo.data("ana", CANCEL, id=withdrawn["id"], reason=None)
    dan_ana = await expo.booked("dan", "ana", at(12, 17, 20))
    clock.advance(minutes=20)
    await _answer(expo, "ana", dan_ana, accept=True)  # after 20
    cara_dan = await expo.booked("cara", "dan", at(12, 21))
    clock.advance(minutes=30)
    await _answer(expo, "dan", cara_dan, accept=False)  # after 30
    clock.advance(hours=1)  # 18:00 UTC: both morning meetings are over, Renee's request lapsed


async def test_event_stats_count_what_happened(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await play_a_morning(expo, db, clock)

    stats = (await expo.data("olga", STATS))["eventStats"]

    day = [{"day": "2027-04-12", "count": 2}]
    assert stats == {
        "people": 7,
        "listed": 6,
        "activePeople": 6,  # Ben never signed in
        "meetings": {
            "requested": 6,
            "pending": 1,
            "accepted": 2,
            "declined": 1,
            "cancelled": 1,
            "expired": 1,
        },
        "acceptanceRate": 0.5,
        "medianResponseMinutes": 20.0,
        "meetingsPerDay": day,
        "coopetitionMeetings": 1,  # Acme and Bolt both work in imaging service
        "coopetitionMeetingsPerDay": [{"day": "2027-04-12", "count": 1}],
        "crossSectorMeetings": 2,
        "crossSectorMeetingsPerDay": day,
        "meetingsHeld": 2,
        "organizationsMet": 2,
        "suggestionsShown": 1,
        "suggestionToRequestRate": round(1 / 6, 4),
        "followUps": 0,
        "posts": 0,
        "projects": 0,
        "pushDelivered": 0,
        "pushFailed": 0,
    }


async def test_pushes_delivered_and_failed_are_counted_for_every_kind(
    expo: Expo, db: Database, clock: ManualClock, settings: Settings
) -> None:
    await add_device(db, expo.id("cara"), "cara-phone", clock())
    await add_device(db, expo.id("ana"), "ana-phone", clock())
    await add_device(db, expo.id("ana"), "ana-old-phone", clock())
    gateway = RecordingGateway()
    gateway.script("ana-old-phone", PushResult(Outcome.TOKEN_GONE, "UNREGISTERED"))
    meeting = await expo.booked("ana", "cara", at(12, 17))  # Cara hears of it
    await _answer(expo, "cara", meeting, accept=True)  # Ana hears of it, on two phones
    dispatcher = Dispatcher(db, gateway, settings, clock, random.Random(1))
    while await dispatcher.run_once():
        pass

    stats = (await expo.data("olga", "{ eventStats { pushDelivered pushFailed } }"))["eventStats"]

    assert gateway.tokens() == ["cara-phone", "ana-phone"]
    assert stats == {"pushDelivered": 2, "pushFailed": 1}


async def test_only_organizers_read_the_numbers(expo: Expo) -> None:
    result = await expo.run("ana", STATS)

    assert (result["data"], result["errors"][0]["extensions"]["code"]) == (None, "FORBIDDEN")
