"""No double booking, ever: many concurrent requests over real HTTP against the real database,
through one app process or two app processes."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from server.auth.tokens import SessionTokens
from server.config import Settings
from server.db.client import Database
from server.db.collections import LOCATIONS, MEETINGS, PEOPLE
from server.services.meetings.rules import update_rules
from tests.support.app_process import served_app
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.live import LiveApp
from tests.support.meetings import FIRST_SLOT, MEETING_HOURS, REQUEST, iso, open_meeting_grid
from tests.support.people import add_people
from tests.support.world import World

FANS = 200
SLOT = timedelta(minutes=20)


async def _add_fans(db: Database, now: datetime, count: int = FANS) -> list[str]:
    """The ids of `count` new attendees."""
    rows = [{"email": f"fan{n:03}@fans.example", "name": f"Fan {n:03}"} for n in range(count)]
    await add_people(db, rows, now)
    return [doc["_id"] async for doc in db[PEOPLE.name].find({"email": {"$regex": "@fans"}})]


async def _fans(db: Database, app: LiveApp, clock: ManualClock) -> list[str]:
    """Tokens of FANS new attendees, issued the way sign-in issues them."""
    ids = await _add_fans(db, clock())
    return [app.services.tokens.issue(person_id, 0, clock()) for person_id in ids]


async def _request_all(
    clients: list[GraphQLClient], tokens: list[str], invitee_id: str
) -> list[dict[str, Any]]:
    variables = {"input": {"inviteeId": invitee_id, "startsAt": iso(FIRST_SLOT)}}
    return await asyncio.gather(
        *(
            clients[n % len(clients)].execute(REQUEST, variables, token=token)
            for n, token in enumerate(tokens)
        )
    )


def _outcomes(results: list[dict[str, Any]]) -> Counter[str]:
    return Counter(
        "HELD" if "errors" not in result else
        f"{result['errors'][0]['extensions']['code']}:{result['errors'][0]['extensions'].get('reason')}"
        for result in results
    )  # fmt: skip


async def test_two_hundred_concurrent_requests_for_one_slot_hold_it_once(
    live_app: LiveApp, api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    await open_meeting_grid(db, tables=FANS)
    tokens = await _fans(db, live_app, clock)
    cara = world.ids["cara@bolt.example"]
    results = await _request_all([api], tokens, cara)
    assert _outcomes(results) == {"HELD": 1, "CONFLICT:OTHER_PERSON_BUSY": FANS - 1}
    holds = await db[MEETINGS.name].count_documents({"participants": cara, "holds_slot": True})
    assert holds == 1


@pytest.mark.slow
async def test_two_app_processes_on_one_database_still_hold_a_slot_once(
    settings: Settings, world: World, db: Database, tmp_path: Path
) -> None:
    """Two `python -m server serve` processes on the test's database, each sent half of the
    requests: only the database can keep them from both holding the slot."""
    await open_meeting_grid(db, tables=FANS)
    now = datetime.now(UTC)  # the servers run on the real clock; the meeting grid is later
    tokens = SessionTokens(settings.token_secret.get_secret_value(), timedelta(hours=1))
    fans = [tokens.issue(person_id, 0, now) for person_id in await _add_fans(db, now)]
    cara = world.ids["cara@bolt.example"]
    async with (
        served_app(settings, tmp_path / "first.log") as first,
        served_app(settings, tmp_path / "second.log") as second,
        first.client() as one,
        second.client() as two,
    ):
        results = await _request_all([one, two], fans, cara)
    assert _outcomes(results) == {"HELD": 1, "CONFLICT:OTHER_PERSON_BUSY": FANS - 1}
    holds = await db[MEETINGS.name].count_documents({"participants": cara, "holds_slot": True})
    assert holds == 1


async def test_concurrent_pairs_racing_for_the_last_tables_get_one_each(
    live_app: LiveApp, api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    """Different people, one slot, two tables: two meetings, each at its own table."""
    await open_meeting_grid(db, tables=2)
    await db[LOCATIONS.name].delete_many({"kind": "BOOTH"})
    tokens = await _fans(db, live_app, clock)
    ids = [doc["_id"] async for doc in db[PEOPLE.name].find({"email": {"$regex": "@fans"}})]
    variables = [  # fan 2k asks fan 2k+1: forty disjoint pairs
        {"input": {"inviteeId": ids[n + 1], "startsAt": iso(FIRST_SLOT)}} for n in range(0, 80, 2)
    ]
    results = await asyncio.gather(
        *(api.execute(REQUEST, v, token=tokens[n * 2]) for n, v in enumerate(variables))
    )
    assert _outcomes(results) == {"HELD": 2, "CONFLICT:NO_LOCATION_FREE": 38}
    tables = [doc["location_id"] async for doc in db[MEETINGS.name].find({"holds_slot": True})]
    assert sorted(tables) == ["T01", "T02"]


async def test_concurrent_requests_between_two_people_hold_only_one(
    live_app: LiveApp, api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    """Either of the two asking, each for another slot, all at once: one request waits for an
    answer, the others are told there is one already."""
    await open_meeting_grid(db)
    ana, cara = world.ids["ana@acme.example"], world.ids["cara@bolt.example"]
    tokens = {person: live_app.services.tokens.issue(person, 0, clock()) for person in (ana, cara)}
    slots = [FIRST_SLOT + n * SLOT for n in range(6)]
    assert slots[-1] + SLOT == MEETING_HOURS[0][1]  # all six slots of the first span
    asks = [(ana, cara) if n % 2 == 0 else (cara, ana) for n in range(len(slots))]
    results = await asyncio.gather(
        *(
            api.execute(REQUEST, {"input": {"inviteeId": invitee, "startsAt": iso(slot)}},
                        token=tokens[requester])
            for (requester, invitee), slot in zip(asks, slots, strict=True)
        )
    )  # fmt: skip
    assert _outcomes(results) == {"HELD": 1, "CONFLICT:ALREADY_REQUESTED": 5}
    holds = await db[MEETINGS.name].count_documents({"participants": ana, "holds_slot": True})
    assert holds == 1


async def test_concurrent_requests_of_one_person_keep_to_the_pending_limit(
    live_app: LiveApp, api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    """Ana asks eighteen people at once, each for another slot, with two unanswered requests
    allowed: two are held."""
    await open_meeting_grid(db)
    await update_rules(db, {"max_pending_requests": 2})
    slots = [start + n * SLOT for start, end in MEETING_HOURS for n in range((end - start) // SLOT)]
    invitees = await _add_fans(db, clock(), count=len(slots))  # every slot of the grid, one each
    ana = world.ids["ana@acme.example"]
    token = live_app.services.tokens.issue(ana, 0, clock())
    results = await asyncio.gather(
        *(
            api.execute(REQUEST, {"input": {"inviteeId": invitee, "startsAt": iso(slot)}},
                        token=token)
            for invitee, slot in zip(invitees, slots, strict=True)
        )
    )  # fmt: skip
    assert _outcomes(results) == {"HELD": 2, "CONFLICT:PENDING_REQUEST_LIMIT": 16}
    assert await db[MEETINGS.name].count_documents({"requester_id": ana, "holds_slot": True}) == 2
