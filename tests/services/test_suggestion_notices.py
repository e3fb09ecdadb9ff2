"""After a whole-event matchmaking run, only the people whose list gained someone are told, once,
in the transaction that stores their list; mutes hold as for any notice."""

from __future__ import annotations

import random
from datetime import timedelta

from server.config import Settings
from server.db.client import Database, Document
from server.db.collections import SUGGESTIONS
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.recording import RecordingGateway
from server.services.devices.preferences import PreferenceChanges, update_preferences
from server.services.matchmaking.runs import execute_run, start_run
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.notices import Outbox
from tests.support.push import add_device, person
from tests.support.world import World

NOTICE = ("NEW_SUGGESTIONS", "New people to meet",
          "Your suggestions have new people in them, each with the reasons to meet.")  # fmt: skip


async def _run(db: Database, clock: ManualClock) -> Document:
    run = await start_run(db, clock())
    done = await execute_run(db, run["_id"], clock)
    assert done is not None
    assert done["status"] == "DONE"
    return done


async def _lists(db: Database, outbox: Outbox) -> dict[str, list[str]]:
    return {
        outbox.names[doc["_id"]]: [item["person_id"] for item in doc["items"]]
        async for doc in db[SUGGESTIONS.name].find({})
    }


async def test_the_first_run_tells_everyone_with_suggestions_in_one_push_job(
    db: Database, world: World, clock: ManualClock
) -> None:
    outbox = Outbox(db, world)
    run = await _run(db, clock)
    with_people = sorted(name for name, items in (await _lists(db, outbox)).items() if items)
    assert len(with_people) >= 2
    assert await outbox.new() == [(name, *NOTICE) for name in with_people]
    [job] = outbox.jobs
    assert (job["collapse_key"], job["expires_at"]) == (
        "new-suggestions", clock() + timedelta(hours=12),
    )  # fmt: skip
    assert run["people_told"] == len(with_people)


async def test_a_run_tells_only_the_people_whose_list_gained_someone(
    db: Database, world: World, clock: ManualClock
) -> None:
    outbox = Outbox(db, world)
    await _run(db, clock)
    await outbox.new()
    lists = await _lists(db, outbox)
    gains, shrinks = sorted(name for name, items in lists.items() if items)[:2]
    suggestions = db[SUGGESTIONS.name]
    # the run gives back the first entry of one list, and drops a stale one from another
    await suggestions.update_one({"_id": outbox.id(gains)}, {"$pop": {"items": -1}})
    stale = {"person_id": "someone-gone", "score": 0.1, "reasons": []}
    await suggestions.update_one({"_id": outbox.id(shrinks)}, {"$push": {"items": stale}})

    clock.advance(hours=1)
    again = await _run(db, clock)

    assert await outbox.new() == [(gains, *NOTICE)]
    assert again["people_told"] == 1
    clock.advance(hours=1)
    assert (await _run(db, clock))["people_told"] == 0
    assert await outbox.new() == []


async def test_muted_people_find_it_in_their_inbox_but_their_phone_stays_quiet(
    db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    outbox = Outbox(db, world)
    gateway = RecordingGateway()
    dispatcher = Dispatcher(db, gateway, settings, clock, random.Random(5))
    await _run(db, clock)
    told = [name for name, *_ in await outbox.new()]
    while await dispatcher.run_once():  # nobody has a phone yet
        pass
    quiet, loud = told[0], told[1]
    for name in (quiet, loud):
        await add_device(db, outbox.id(name), f"{name}-phone", clock())
    muting = PreferenceChanges(muted_kinds=[NotificationKind.NEW_SUGGESTIONS])
    await update_preferences(db, await person(db, outbox.id(quiet)), muting)
    await db[SUGGESTIONS.name].update_many({}, {"$set": {"items": []}})
    clock.advance(hours=1)
    await _run(db, clock)
    assert [name for name, *_ in await outbox.new()] == told

    while await dispatcher.run_once():
        pass
    assert [(m.token, m.collapse_key) for m in gateway.sent] == [
        (f"{loud}-phone", "new-suggestions")
    ]
