"""The event, exhibitors, interests, communities and meeting locations."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import COMMUNITIES, LOCATIONS, PEOPLE
from tests.support.graphql import GraphQLClient
from tests.support.world import World

EXHIBITORS = """query($search: String, $segment: String, $first: Int!, $after: String) {
  exhibitors(search: $search, segment: $segment, first: $first, after: $after) {
    edges { node { name sector segments booth } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def test_event_reads_with_offsets(api: GraphQLClient, world: World) -> None:
    result = await api.data("{ event { id name timezone startsAt endsAt slotMinutes } }")
    assert result == {
        "event": {
            "id": "test-expo",
            "name": "Test HTM Expo",
            "timezone": "America/Los_Angeles",
            "startsAt": "2027-04-12T15:00:00+00:00",
            "endsAt": "2027-04-15T01:00:00+00:00",
            "slotMinutes": 20,
        }
    }


async def test_exhibitors_are_organizations_with_a_booth(api: GraphQLClient, world: World) -> None:
    result = await api.data(EXHIBITORS, {"first": 10})
    assert [edge["node"] for edge in result["exhibitors"]["edges"]] == [
        {"name": "Acme Imaging Service", "sector": "SERVICE_ORGANIZATION",
         "segments": ["imaging-service"], "booth": "B10"},
        {"name": "Bolt Medical", "sector": "VENDOR",
         "segments": ["imaging-service", "patient-monitoring"], "booth": "B20"},
    ]  # fmt: skip


async def test_exhibitors_search_segment_and_pages(api: GraphQLClient, world: World) -> None:
    by_search = await api.data(EXHIBITORS, {"first": 10, "search": "bolt"})
    by_segment = await api.data(EXHIBITORS, {"first": 10, "segment": "patient-monitoring"})
    for result in (by_search, by_segment):
        assert [e["node"]["name"] for e in result["exhibitors"]["edges"]] == ["Bolt Medical"]
    first = (await api.data(EXHIBITORS, {"first": 1}))["exhibitors"]
    second = await api.data(EXHIBITORS, {"first": 1, "after": first["pageInfo"]["endCursor"]})
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["name"] for e in second["exhibitors"]["edges"]] == ["Bolt Medical"]
    assert second["exhibitors"]["pageInfo"]["hasNextPage"] is False


async def test_organization_staff_needs_sign_in(api: GraphQLClient, world: World) -> None:
    query = "{ exhibitors(first: 1) { edges { node { people { edges { node { name } } } } } } }"
    anonymous = await api.execute(query)
    assert anonymous["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    staff = (await api.data(query, token=token))["exhibitors"]["edges"][0]["node"]["people"]
    assert [edge["node"]["name"] for edge in staff["edges"]] == ["Ana Alvarez", "Ben Brooks"]


async def test_interests_communities_and_locations(
    api: GraphQLClient, world: World, db: Database
) -> None:
    await db[LOCATIONS.name].insert_many(
        [
            {"_id": "T02", "name": "Table 2", "kind": "TABLE"},
            {"_id": "T01", "name": "Table 1", "kind": "TABLE"},
        ]
    )
    result = await api.data(
        "{ interests { label } meetingLocations { id kind } communities { name } }"
    )
    assert result == {
        "interests": [
            {"label": "AI diagnostics"},
            {"label": "Cybersecurity"},
            {"label": "Imaging service"},
        ],
        "meetingLocations": [  # the exhibitors' booths are meeting places too
            {"id": "T01", "kind": "TABLE"},
            {"id": "T02", "kind": "TABLE"},
            {"id": "booth-org-acme-imaging-service", "kind": "BOOTH"},
            {"id": "booth-org-bolt-medical", "kind": "BOOTH"},
        ],
        "communities": [{"name": "Women In Leadership"}],
    }


async def test_unknown_organization_is_not_found(api: GraphQLClient, world: World) -> None:
    result = await api.execute('{ organization(id: "org-nowhere") { name } }')
    assert result == {
        "data": {"organization": None},
        "errors": [{"message": "No such organization.", "locations": [{"line": 1, "column": 3}],
                    "path": ["organization"], "extensions": {"code": "NOT_FOUND"}}],
    }  # fmt: skip


COMMUNITY_MEMBERS = "{ communities { name members { edges { node { name } } } } }"


async def test_community_members_are_its_people_listed_in_the_directory(
    api: GraphQLClient, world: World, db: Database
) -> None:
    community = await db[COMMUNITIES.name].find_one({"name": "Women In Leadership"})
    assert community is not None
    await db[PEOPLE.name].update_one(  # Eve joins but is not listed in the directory
        {"email": "eve@city.example"}, {"$set": {"community_ids": [community["_id"]]}}
    )
    anonymous = await api.execute(COMMUNITY_MEMBERS)
    assert anonymous["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    assert await api.data(COMMUNITY_MEMBERS, token=token) == {
        "communities": [{"name": "Women In Leadership", "members": {"edges": [
            {"node": {"name": "Ana Alvarez"}}, {"node": {"name": "Cara Chen"}},
        ]}}]
    }  # fmt: skip
