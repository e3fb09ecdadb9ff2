"""Suggestions with reasons through the API: organizer runs, settings, dismiss, block, refresh."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, timedelta
from typing import Any

from server.db import collections
from server.db.client import Database
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.meetings import CANCEL, FIRST_SLOT, Expo, open_meeting_grid
from tests.support.world import World

SUGGESTIONS_QUERY = "{ suggestions { person { name } score reasons { kind detail } } }"
RUN = "mutation { runMatchmaking { id status } }"
RUN_STATUS = """query($id: ID) {
  matchmakingRun(id: $id) { status phase peopleTotal peopleDone exposure { cap } }
}"""
ME_AND_COLLEAGUES = "{ me { name organization { people { edges { node { name } } } } } }"
NEW_INTERESTS = """mutation($ids: [ID!]) {
  updateProfile(input: {interestIds: $ids, seeking: [CROSS_REFERRAL]}) { name }
}"""


async def eventually(check: Callable[[], Awaitable[Any]], within: float = 20.0) -> Any:
    """Poll until `check` returns something truthy (background work finishing)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = await check()
        if result or asyncio.get_running_loop().time() > deadline:
            return result
        await asyncio.sleep(0.1)


async def run_matchmaking(api: GraphQLClient, world: World) -> dict[str, Any]:
    olga = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    run_id = (await api.data(RUN, token=olga))["runMatchmaking"]["id"]

    async def finished() -> dict[str, Any] | None:
        run = (await api.data(RUN_STATUS, {"id": run_id}, token=olga))["matchmakingRun"]
        return run if run["status"] != "RUNNING" else None

    run: dict[str, Any] = await eventually(finished)
    return run


async def _names(api: GraphQLClient, token: str) -> list[str]:
    result = await api.data(SUGGESTIONS_QUERY, token=token)
    return [item["person"]["name"] for item in result["suggestions"]]


async def test_run_gives_suggestions_with_reasons_true_of_both(
    api: GraphQLClient, world: World
) -> None:
    run = await run_matchmaking(api, world)
    assert run == {"status": "DONE", "phase": "done", "peopleTotal": 7, "peopleDone": 7,
                   "exposure": {"cap": 30}}  # fmt: skip
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    [cara] = (await api.data(SUGGESTIONS_QUERY, token=ana))["suggestions"]
    assert cara["person"] == {"name": "Cara Chen"}
    kinds = [reason["kind"] for reason in cara["reasons"]]
    assert sorted(kinds) == sorted(
        [
            "SHARED_INTEREST",
            "COMPLEMENTARY_INTENT",
            "COOPETITION",
            "CROSS_SECTOR",
            "SHARED_COMMUNITY",
        ]
    )
    details = " ".join(reason["detail"] for reason in cara["reasons"])
    for words in ("Imaging service", "cross-referral", "imaging-service", "Women In Leadership"):
        assert words in details


async def test_lists_never_hold_self_colleagues_or_unlisted_people(
    api: GraphQLClient, world: World
) -> None:
    await run_matchmaking(api, world)
    for email in ("ana@acme.example", "ben@acme.example", "cara@bolt.example", "dan@city.example"):
        token = await api.sign_in(email, world.code(email))
        me = (await api.data(ME_AND_COLLEAGUES, token=token))["me"]
        colleagues = {edge["node"]["name"] for edge in me["organization"]["people"]["edges"]}
        suggested = set(await _names(api, token))
        assert suggested & (colleagues | {"Eve Evans"}) == set()
        assert me["name"] in colleagues  # the check above covers the person themselves


async def test_dismissed_person_goes_at_once_and_stays_gone(
    api: GraphQLClient, world: World, clock: ManualClock
) -> None:
    await run_matchmaking(api, world)
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    cara_id = world.ids["cara@bolt.example"]
    dismissed = await api.data(
        "mutation($id: ID!) { dismissSuggestion(personId: $id) }", {"id": cara_id}, token=ana
    )
    assert dismissed == {"dismissSuggestion": True}
    assert await _names(api, ana) == []
    await run_matchmaking(api, world)
    assert await _names(api, ana) == []


async def test_block_hides_both_people_from_each_other(api: GraphQLClient, world: World) -> None:
    await run_matchmaking(api, world)
    cara = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    assert "Ana Alvarez" in await _names(api, cara)
    await api.data(
        "mutation($id: ID!) { blockPerson(personId: $id) }",
        {"id": world.ids["ana@acme.example"]},
        token=cara,
    )
    assert "Ana Alvarez" not in await _names(api, cara)
    assert "Cara Chen" not in await _names(api, ana)


async def test_a_meeting_request_takes_each_out_of_the_others_list_until_it_ends(
    api: GraphQLClient, world: World, db: Database
) -> None:
    await open_meeting_grid(db)
    await run_matchmaking(api, world)
    expo = Expo(api, world)
    assert "Cara Chen" in await _names(api, await expo.token("ana"))
    assert "Ana Alvarez" in await _names(api, await expo.token("cara"))
    meeting = await expo.booked("ana", "cara", FIRST_SLOT)
    assert "Cara Chen" not in await _names(api, await expo.token("ana"))
    assert "Ana Alvarez" not in await _names(api, await expo.token("cara"))
    await expo.data("ana", CANCEL, id=meeting["id"], reason=None)
    assert "Cara Chen" in await _names(api, await expo.token("ana"))


async def test_dismiss_and_block_refuse_bad_ids(api: GraphQLClient, world: World) -> None:
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    mutation = "mutation($id: ID!) { dismissSuggestion(personId: $id) }"
    unknown = await api.execute(mutation, {"id": "nobody"}, token=ana)
    myself = await api.execute(mutation, {"id": world.ids["ana@acme.example"]}, token=ana)
    assert unknown["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert myself["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "personId"}


async def test_profile_edit_refreshes_suggestions_shortly_after(
    api: GraphQLClient, world: World, clock: ManualClock
) -> None:
    await run_matchmaking(api, world)
    dan = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    before = await _names(api, dan)
    interests = [world.interest_ids["Cybersecurity"], world.interest_ids["AI diagnostics"]]
    await api.data(NEW_INTERESTS, {"ids": interests}, token=dan)
    assert await _names(api, dan) == before  # debounced: not yet
    clock.advance(seconds=10)

    async def refreshed() -> list[str] | None:
        names = await _names(api, dan)
        return names if "Ana Alvarez" in names else None

    assert await eventually(refreshed) is not None
    ana_for_dan = next(
        s
        for s in (await api.data(SUGGESTIONS_QUERY, token=dan))["suggestions"]
        if s["person"]["name"] == "Ana Alvarez"
    )
    assert any("AI diagnostics" in reason["detail"] for reason in ana_for_dan["reasons"])


async def test_a_second_edit_pushes_the_refresh_back(
    api: GraphQLClient, world: World, clock: ManualClock, db: Database
) -> None:
    await run_matchmaking(api, world)
    dan = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    refreshes = db[collections.SUGGESTION_REFRESHES.name]
    await api.data(NEW_INTERESTS, {"ids": [world.interest_ids["Cybersecurity"]]}, token=dan)
    first_edit = clock.now
    due = await refreshes.find_one({"_id": world.ids["dan@city.example"]})
    assert due is not None
    assert due["due_at"].replace(tzinfo=UTC) == first_edit + timedelta(seconds=5)
    clock.advance(seconds=3)
    await api.data(NEW_INTERESTS, {"ids": [world.interest_ids["AI diagnostics"]]}, token=dan)
    due = await refreshes.find_one({"_id": world.ids["dan@city.example"]})
    assert due is not None
    assert due["due_at"].replace(tzinfo=UTC) == first_edit + timedelta(seconds=8)
    clock.advance(seconds=6)

    async def done() -> bool:
        return await refreshes.count_documents({}) == 0

    assert await eventually(done)


async def test_organizers_read_and_change_settings(api: GraphQLClient, world: World) -> None:
    olga = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    query = (
        "{ matchmakingSettings { weights { sharedInterest coopetition } exposureCap listSize } }"
    )
    assert await api.data(query, token=olga) == {
        "matchmakingSettings": {"weights": {"sharedInterest": 1.0, "coopetition": 0.3},
                                "exposureCap": 30, "listSize": 10}
    }  # fmt: skip
    update = """mutation($input: MatchmakingSettingsInput!) {
      updateMatchmakingSettings(input: $input) {
        weights { sharedInterest coopetition } exposureCap listSize
      }
    }"""
    changed = await api.data(
        update, {"input": {"weights": {"coopetition": 0.9}, "exposureCap": None}}, token=olga
    )
    assert changed == {
        "updateMatchmakingSettings": {"weights": {"sharedInterest": 1.0, "coopetition": 0.9},
                                      "exposureCap": None, "listSize": 10}
    }  # fmt: skip
    assert await api.data(query, token=olga) == {
        "matchmakingSettings": changed["updateMatchmakingSettings"]
    }
    bad = await api.execute(update, {"input": {"weights": {"crossSector": -1}}}, token=olga)
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "crossSector"}


async def test_matchmaking_administration_is_for_organizers(
    api: GraphQLClient, world: World
) -> None:
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    for operation in (RUN, "{ matchmakingSettings { listSize } }", "{ matchmakingRun { status } }"):
        result = await api.execute(operation, token=ana)
        assert result["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    anonymous = await api.execute(SUGGESTIONS_QUERY)
    assert anonymous["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_second_run_while_one_is_running_is_a_conflict(
    api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    await db[collections.MATCHMAKING_RUNS.name].insert_one({
        "_id": "busy", "status": "RUNNING", "phase": "scoring", "started_at": clock(),
        "heartbeat_at": clock(), "finished_at": None, "people_total": 7, "people_done": 0,
        "exposure": None, "error": None,
    })  # fmt: skip
    olga = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    result = await api.execute(RUN, token=olga)
    assert result["errors"][0]["extensions"] == {"code": "CONFLICT", "runId": "busy"}
    clock.advance(minutes=3)  # the busy run stopped reporting: it was interrupted
    assert (await api.data(RUN_STATUS, {"id": "busy"}, token=olga))["matchmakingRun"][
        "status"
    ] == "FAILED"
    assert (await api.data(RUN, token=olga))["runMatchmaking"]["status"] == "RUNNING"


async def test_deleted_account_leaves_other_peoples_lists(
    api: GraphQLClient, world: World, db: Database
) -> None:
    await run_matchmaking(api, world)
    cara_id = world.ids["cara@bolt.example"]
    assert await db[collections.SUGGESTIONS.name].count_documents({"items.person_id": cara_id}) > 0
    cara = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
    await api.data("mutation { deleteMyAccount }", token=cara)
    assert await db[collections.SUGGESTIONS.name].count_documents({"items.person_id": cara_id}) == 0
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    assert await _names(api, ana) == []


async def _stored_appearances(db: Database) -> dict[str, int]:
    counts: dict[str, int] = {}
    async for doc in db[collections.SUGGESTIONS.name].find({}):
        for item in doc["items"]:
            counts[item["person_id"]] = counts.get(item["person_id"], 0) + 1
    return counts


async def test_exposure_cap_holds_through_runs_and_refreshes(
    api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    olga = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    cap_one = "mutation { updateMatchmakingSettings(input: {exposureCap: 1}) { exposureCap } }"
    await api.data(cap_one, token=olga)
    await run_matchmaking(api, world)
    assert max((await _stored_appearances(db)).values()) == 1
    dan = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    interests = [world.interest_ids["Imaging service"], world.interest_ids["Cybersecurity"]]
    await api.data(NEW_INTERESTS, {"ids": interests}, token=dan)
    clock.advance(seconds=10)

    async def refreshed() -> bool:
        return await db[collections.SUGGESTION_REFRESHES.name].count_documents({}) == 0

    assert await eventually(refreshed)
    stored = await _stored_appearances(db)
    assert max(stored.values()) == 1
    counted = {
        doc["_id"]: doc["shown"] async for doc in db[collections.EXPOSURE_COUNTS.name].find()
    }
    assert {person: shown for person, shown in counted.items() if shown} == stored
