"""The agenda and bookmarks."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import AGENDA_SESSIONS, PEOPLE
from tests.support.graphql import GraphQLClient
from tests.support.world import World

SESSIONS = """query($day: Date, $track: String, $interestId: ID) {
  sessions(day: $day, track: $track, interestId: $interestId) { id bookmarked speakers { name } }
}"""
BOOKMARK = "mutation($id: ID!) { bookmarkSession(sessionId: $id) { id bookmarked } }"
UNBOOKMARK = "mutation($id: ID!) { unbookmarkSession(sessionId: $id) { id bookmarked } }"


async def _ids(api: GraphQLClient, token: str | None = None, **variables: object) -> list[str]:
    result = await api.data(SESSIONS, variables, token=token)
    return [session["id"] for session in result["sessions"]]


async def test_sessions_in_time_order_with_filters(api: GraphQLClient, world: World) -> None:
    assert await _ids(api) == ["s-keynote", "s-cyber", "s-imaging"]
    assert await _ids(api, track="Technical") == ["s-cyber", "s-imaging"]
    assert await _ids(api, interestId=world.interest_ids["Cybersecurity"]) == ["s-cyber"]
    # 2027-04-13 10:00-13:00 in Henderson (UTC-7) holds both technical sessions
    assert await _ids(api, day="2027-04-13") == ["s-cyber", "s-imaging"]
    assert await _ids(api, day="2027-04-14") == []


async def test_speakers_are_resolved(api: GraphQLClient, world: World) -> None:
    result = await api.data(SESSIONS, {})
    assert result["sessions"][0]["speakers"] == [{"name": "Renée Roux"}]


SPEAKERS = """{ session(id: "s-keynote") { speakers {
  name organization { name } person { name headline interests { label } email }
} } }"""


async def test_speaker_names_are_public_and_profiles_follow_the_directory_rule(
    api: GraphQLClient, world: World, db: Database
) -> None:
    # Renée is listed in the directory, Eve is not
    await db[AGENDA_SESSIONS.name].update_one(
        {"_id": "s-keynote"},
        {"$set": {"speaker_ids": [world.ids["renee@city.example"], world.ids["eve@city.example"]]}},
    )
    for email, headline in (("renee@city.example", "Keynote"), ("eve@city.example", "Private")):
        profile = {"headline": headline, "interest_ids": [world.interest_ids["Cybersecurity"]]}
        await db[PEOPLE.name].update_one({"email": email}, {"$set": profile})
    city = {"name": "City Hospital"}
    cyber = [{"label": "Cybersecurity"}]
    renee = {"name": "Renée Roux", "headline": "Keynote", "interests": cyber}
    anonymous = await api.data(SPEAKERS)
    attendee = await api.data(
        SPEAKERS, token=await api.sign_in("dan@city.example", world.code("dan@city.example"))
    )
    organizer = await api.data(
        SPEAKERS, token=await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    )
    assert anonymous["session"]["speakers"] == [
        {"name": "Renée Roux", "organization": city, "person": None},
        {"name": "Eve Evans", "organization": city, "person": None},
    ]
    assert attendee["session"]["speakers"] == [
        {"name": "Renée Roux", "organization": city, "person": {**renee, "email": None}},
        {"name": "Eve Evans", "organization": city, "person": None},
    ]
    assert organizer["session"]["speakers"] == [
        {"name": "Renée Roux", "organization": city,
         "person": {**renee, "email": "renee@city.example"}},
        {"name": "Eve Evans", "organization": city,
         "person": {"name": "Eve Evans", "headline": "Private", "interests": cyber,
                    "email": "eve@city.example"}},
    ]  # fmt: skip


async def test_bookmarking_is_idempotent_and_reversible(api: GraphQLClient, world: World) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    for _ in range(2):
        result = await api.data(BOOKMARK, {"id": "s-cyber"}, token=token)
        assert result == {"bookmarkSession": {"id": "s-cyber", "bookmarked": True}}
    mine = await api.data("{ myBookmarks { id } }", token=token)
    assert mine == {"myBookmarks": [{"id": "s-cyber"}]}
    other = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    assert await api.data("{ myBookmarks { id } }", token=other) == {"myBookmarks": []}
    result = await api.data(UNBOOKMARK, {"id": "s-cyber"}, token=token)
    assert result == {"unbookmarkSession": {"id": "s-cyber", "bookmarked": False}}
    assert await api.data("{ myBookmarks { id } }", token=token) == {"myBookmarks": []}


async def test_bookmarking_an_unknown_session_is_not_found(
    api: GraphQLClient, world: World
) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    result = await api.execute(BOOKMARK, {"id": "s-nope"}, token=token)
    assert result["errors"][0]["extensions"] == {"code": "NOT_FOUND"}


async def test_bookmarking_needs_sign_in(api: GraphQLClient, world: World) -> None:
    result = await api.execute(BOOKMARK, {"id": "s-cyber"})
    assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
