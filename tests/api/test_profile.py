"""Editing one's own profile, and the answers to bad input."""

from __future__ import annotations

from server.config import Settings
from server.db.client import Database
from server.db.collections import PEOPLE
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.live import serve_app
from tests.support.world import World

UPDATE = """mutation($input: ProfileInput!) {
  updateProfile(input: $input) {
    name headline seeking offering openToCompetitors listed interests { label }
  }
}"""


async def _ana(api: GraphQLClient, world: World) -> str:
    return await api.sign_in("ana@acme.example", world.code("ana@acme.example"))


async def test_update_profile_changes_given_fields_and_keeps_the_rest(
    api: GraphQLClient, world: World
) -> None:
    token = await _ana(api, world)
    changes = {
        "headline": "  Imaging   service lead ",
        "interestIds": [world.interest_ids["Cybersecurity"], world.interest_ids["AI diagnostics"]],
        "offering": ["MENTORSHIP", "MENTORSHIP"],
        "openToCompetitors": False,
    }
    result = await api.data(UPDATE, {"input": changes}, token=token)
    assert result["updateProfile"] == {
        "name": "Ana Alvarez",
        "headline": "Imaging service lead",
        "seeking": ["CROSS_REFERRAL"],
        "offering": ["MENTORSHIP"],
        "openToCompetitors": False,
        "listed": True,
        "interests": [{"label": "Cybersecurity"}, {"label": "AI diagnostics"}],
    }


async def test_empty_headline_clears_it(api: GraphQLClient, world: World) -> None:
    token = await _ana(api, world)
    await api.data(UPDATE, {"input": {"headline": "Biomed"}}, token=token)
    result = await api.data(UPDATE, {"input": {"headline": "  "}}, token=token)
    assert result["updateProfile"]["headline"] is None


async def test_bad_profile_input_names_the_field(api: GraphQLClient, world: World) -> None:
    token = await _ana(api, world)
    cases = [
        ({"name": ""}, "name", "name must not be empty."),
        ({"headline": "x" * 161}, "headline", "headline must be at most 160 characters."),
        (
            {"interestIds": ["no-such-interest"]},
            "interestIds",
            "unknown interest ids: no-such-interest.",
        ),
        (
            {"interestIds": [f"i{n}" for n in range(21)]},
            "interestIds",
            "choose at most 20 interests.",
        ),
    ]
    for changes, field, message in cases:
        result = await api.execute(UPDATE, {"input": changes}, token=token)
        assert result["errors"][0]["message"] == message
        assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_unknown_enum_value_is_bad_user_input(api: GraphQLClient, world: World) -> None:
    token = await _ana(api, world)
    result = await api.execute(UPDATE, {"input": {"seeking": ["WORLD_DOMINATION"]}}, token=token)
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_update_profile_needs_sign_in(api: GraphQLClient, world: World) -> None:
    result = await api.execute(UPDATE, {"input": {"headline": "x"}})
    assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_profile_edit_survives_a_restart(
    settings: Settings, clock: ManualClock, world: World, db: Database
) -> None:
    async with serve_app(settings, clock) as app, app.client() as api:
        token = await _ana(api, world)
        await api.data(UPDATE, {"input": {"headline": "Persisted"}}, token=token)
    async with serve_app(settings, clock) as app, app.client() as api:
        me = await api.data("{ me { headline } }", token=token)
    assert me == {"me": {"headline": "Persisted"}}
    stored = await db[PEOPLE.name].find_one({"email": "ana@acme.example"})
    assert stored is not None
    assert stored["profile_version"] == 1


async def test_renaming_updates_directory_search(api: GraphQLClient, world: World) -> None:
    token = await _ana(api, world)
    await api.data(UPDATE, {"input": {"name": "Anabel Zeta"}}, token=token)
    query = '{ people(search: "zet") { edges { node { name } } } }'
    result = await api.data(query, token=token)
    assert result["people"]["edges"] == [{"node": {"name": "Anabel Zeta"}}]


async def test_scan_code_is_shown_to_its_wearer_only(api: GraphQLClient, world: World) -> None:
    query = "query($id: ID!) { person(id: $id) { scanCode } }"
    cara = {"id": world.ids["cara@bolt.example"]}
    own = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
    other = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    assert await api.data(query, cara, token=own) == {"person": {"scanCode": "S-CARA"}}
    assert await api.data(query, cara, token=other) == {"person": {"scanCode": None}}
