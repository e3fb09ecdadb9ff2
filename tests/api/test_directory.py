"""The people directory: opt-in only, cursor pages, search, and who may see an email."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import COMMUNITIES, CONNECTIONS, INTERESTS, PEOPLE
from server.services.event.demo_seed import seed_demo
from server.services.people.directory import DirectoryFilter, list_people
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.people import add_people
from tests.support.world import PEOPLE_ROWS, World

PAGE = """query(
  $first: Int!, $after: String, $search: String, $interestId: ID, $organizationId: ID
) {
  people(first: $first, after: $after, search: $search, interestId: $interestId,
         organizationId: $organizationId) {
    edges { cursor node { name email organization { name } } }
    pageInfo { endCursor hasNextPage }
  }
}"""


async def _names(api: GraphQLClient, token: str, **variables: object) -> list[str]:
    result = await api.data(PAGE, {"first": 20, **variables}, token=token)
    return [edge["node"]["name"] for edge in result["people"]["edges"]]


async def test_directory_lists_only_people_who_opted_in_by_name(
    api: GraphQLClient, world: World
) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    assert await _names(api, token) == [
        "Ana Alvarez", "Ben Brooks", "Cara Chen", "Dan Dimitrov", "Olga Ortiz", "Renée Roux",
    ]  # fmt: skip


async def test_cursor_pages_walk_the_whole_directory_once(api: GraphQLClient, world: World) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = (await api.data(PAGE, {"first": 4, "after": after}, token=token))["people"]
        seen += [edge["node"]["name"] for edge in page["edges"]]
        pages += 1
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert (pages, seen) == (2, await _names(api, token))


async def test_search_matches_name_and_organization_words_ignoring_accents(
    api: GraphQLClient, world: World
) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    assert await _names(api, token, search="renee") == ["Renée Roux"]
    assert await _names(api, token, search="ACME") == ["Ana Alvarez", "Ben Brooks"]
    assert await _names(api, token, search="bolt ca") == ["Cara Chen"]
    assert await _names(api, token, search="cme") == []  # words match from their start
    # regular-expression characters are not interpreted: punctuation alone filters nothing
    assert await _names(api, token, search=".*(") == await _names(api, token)


async def test_search_matches_interest_labels_too(api: GraphQLClient, world: World) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    assert await _names(api, token, search="cyber") == ["Cara Chen", "Dan Dimitrov"]
    assert await _names(api, token, search="diagnostics") == ["Ana Alvarez"]
    # Acme Imaging Service by organization, Cara by her interest "Imaging service"
    assert await _names(api, token, search="imaging") == ["Ana Alvarez", "Ben Brooks", "Cara Chen"]
    assert await _names(api, token, search="cara cyber") == ["Cara Chen"]


EDIT_INTERESTS = """mutation($ids: [ID!]) {
  updateProfile(input: {interestIds: $ids}) { interests { label } }
}"""


async def test_search_follows_a_profile_edit_and_survives_a_re_import(
    api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    await api.data(EDIT_INTERESTS, {"ids": [world.interest_ids["AI diagnostics"]]}, token=token)
    assert await _names(api, token, search="cyber") == ["Cara Chen"]
    assert await _names(api, token, search="diagnostics") == ["Ana Alvarez", "Dan Dimitrov"]
    await api.data('mutation { updateProfile(input: {name: "Dan Dimitrov-Lee"}) { name } }',
                   token=token)  # fmt: skip
    assert await _names(api, token, search="lee diagnostics") == ["Dan Dimitrov-Lee"]
    # the organizer re-imports Dan's row: his own choice of interests stays, and so does search
    dan_row = next(row for row in PEOPLE_ROWS if row["email"] == "dan@city.example")
    await add_people(db, [{**dan_row, "interests": "Cybersecurity;Patient monitoring"}], clock())
    assert await _names(api, token, search="cyber") == ["Cara Chen"]
    assert await _names(api, token, search="monitoring") == []
    assert await _names(api, token, search="diagnostics") == ["Ana Alvarez", "Dan Dimitrov"]


async def test_seeding_again_refreshes_search_after_an_interest_is_relabelled(
    db: Database, clock: ManualClock
) -> None:
    await seed_demo(db, clock())
    mri = await _search(db, "mri")
    assert len(mri) > 1  # demo people found by their interest "MRI service"
    # as if an earlier seed had labelled the interest differently, and someone outside the demo
    # file had chosen it then
    old = {"label": "Magnet care", "label_norm": "magnet care"}
    await db[INTERESTS.name].update_one({"_id": "mri-service"}, {"$set": old})
    await add_people(db, [{"email": "zoe@elsewhere.example", "name": "Zoe Zeller",
                           "interests": "Magnet care"}], clock())  # fmt: skip
    assert await _search(db, "magnet") == ["Zoe Zeller"]
    await seed_demo(db, clock())  # the demo's label comes back
    assert await _search(db, "magnet") == []
    assert await _search(db, "mri") == sorted([*mri, "Zoe Zeller"])


async def _search(db: Database, text: str) -> list[str]:
    page = await list_people(db, DirectoryFilter(search=text), 100, None)
    return [person["name"] for person in page.items]


async def test_filters_by_interest_and_organization(api: GraphQLClient, world: World) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    cyber = world.interest_ids["Cybersecurity"]
    assert await _names(api, token, interestId=cyber) == ["Cara Chen", "Dan Dimitrov"]
    org = (await api.data("{ me { organization { id } } }", token=token))["me"]["organization"][
        "id"
    ]
    assert await _names(api, token, organizationId=org) == ["Dan Dimitrov", "Renée Roux"]


async def test_filter_by_community_lists_its_members_in_the_directory(
    api: GraphQLClient, world: World, db: Database
) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    community = await db[COMMUNITIES.name].find_one({"name": "Women In Leadership"})
    assert community is not None
    # Eve joins the community but is not listed in the directory
    await db[PEOPLE.name].update_one(
        {"email": "eve@city.example"}, {"$set": {"community_ids": [community["_id"]]}}
    )
    query = """query($id: ID!) { people(communityId: $id) { edges { node { name } } } }"""
    result = await api.data(query, {"id": community["_id"]}, token=token)
    assert [edge["node"]["name"] for edge in result["people"]["edges"]] == [
        "Ana Alvarez",
        "Cara Chen",
    ]


async def test_bad_cursor_page_size_and_search_are_bad_user_input(
    api: GraphQLClient, world: World
) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    cases = (
        ({"first": 5, "after": "garbage!"}, "after"),
        ({"first": 0}, "first"),
        ({"first": 5, "search": "a" * 101}, "search"),
    )
    for variables, field in cases:
        result = await api.execute(PAGE, variables, token=token)
        assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    at_the_limit = await api.execute(PAGE, {"first": 5, "search": "a" * 100}, token=token)
    assert at_the_limit == {"data": {"people": {"edges": [], "pageInfo": {
        "endCursor": None, "hasNextPage": False}}}}  # fmt: skip


async def test_email_is_visible_to_self_organizers_and_connections_only(
    api: GraphQLClient, world: World, db: Database
) -> None:
    query = "query($id: ID!) { person(id: $id) { email } }"
    cara = {"id": world.ids["cara@bolt.example"]}
    dan = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    olga = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    cara_token = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
    assert await api.data(query, cara, token=dan) == {"person": {"email": None}}
    assert await api.data(query, cara, token=olga) == {"person": {"email": "cara@bolt.example"}}
    assert await api.data(query, cara, token=cara_token) == {
        "person": {"email": "cara@bolt.example"}
    }
    await db[CONNECTIONS.name].insert_one(
        {"_id": "c1", "people": [world.ids["cara@bolt.example"], world.ids["dan@city.example"]]}
    )
    assert await api.data(query, cara, token=dan) == {"person": {"email": "cara@bolt.example"}}


async def test_unlisted_or_unknown_person_is_not_found_except_to_self_and_organizers(
    api: GraphQLClient, world: World
) -> None:
    query = "query($id: ID!) { person(id: $id) { name } }"
    eve = {"id": world.ids["eve@city.example"]}
    dan = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    olga = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    hidden = await api.execute(query, eve, token=dan)
    unknown = await api.execute(query, {"id": "no-such-person"}, token=dan)
    for result in (hidden, unknown):
        assert result["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert await api.data(query, eve, token=olga) == {"person": {"name": "Eve Evans"}}
