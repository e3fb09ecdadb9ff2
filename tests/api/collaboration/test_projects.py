"""Joint projects: created, people invited (who accept or decline), members post on its page;
its companies, and whether competitors work together in it; who sees whom; leaving, closing."""

from __future__ import annotations

from typing import Any

from server.config import Settings
from server.db.client import Database
from server.db.collections import NOTIFICATIONS
from server.notifications.gateways.recording import RecordingGateway
from tests.support.board import CREATE_POST, dispatch, posted
from tests.support.clock import ManualClock
from tests.support.meetings import Expo, error_of
from tests.support.push import add_device
from tests.support.world import World

PROJECT_FIELDS = """id title goal forms interests { label } owner { name }
  members { person { name } status } organizations { name } coopetition myStatus closedAt"""
CREATE = f"mutation($i: ProjectInput!) {{ createProject(input: $i) {{ {PROJECT_FIELDS} }} }}"
INVITE = f"""mutation($p: ID!, $who: ID!) {{
  inviteToProject(projectId: $p, personId: $who) {{ {PROJECT_FIELDS} }}
}}"""
RESPOND = f"""mutation($p: ID!, $yes: Boolean!) {{
  respondToProjectInvite(projectId: $p, accept: $yes) {{ {PROJECT_FIELDS} }}
}}"""
READ = f"query($id: ID!) {{ project(id: $id) {{ {PROJECT_FIELDS} }} }}"
LIST = """query($mine: Boolean, $after: String, $first: Int) {
  projects(mine: $mine, after: $after, first: $first) { title }
}"""
POSTS = "query($id: ID!) { project(id: $id) { posts { edges { node { body authorName } } } } }"
LEAVE = "mutation($p: ID!) { leaveProject(projectId: $p) }"
CLOSE = "mutation($p: ID!) { closeProject(projectId: $p) { closedAt } }"
BLOCK = "mutation($id: ID!) { blockPerson(personId: $id) }"


async def create(expo: Expo, name: str, title: str, **fields: Any) -> dict[str, Any]:
    project = {"title": title, "goal": "Share what works.", **fields}
    created: dict[str, Any] = (await expo.data(name, CREATE, i=project))["createProject"]
    return created


async def joined(expo: Expo, owner: str, project: dict[str, Any], *names: str) -> None:
    """The owner invites each of them, and they accept."""
    for name in names:
        await expo.data(owner, INVITE, p=project["id"], who=expo.id(name))
        await expo.data(name, RESPOND, p=project["id"], yes=True)


async def test_a_project_with_a_competitor_says_so(expo: Expo, db: Database, world: World) -> None:
    project = await create(
        expo,
        "ana",
        "Shared CT parts pool",
        forms=["JOINT_PROJECT", "SHARE_INFORMATION"],
        interestIds=[world.interest_ids["Imaging service"]],
    )
    invited = await expo.data("ana", INVITE, p=project["id"], who=expo.id("cara"))
    cara_view = (await expo.data("cara", READ, id=project["id"]))["project"]
    accepted = await expo.data("cara", RESPOND, p=project["id"], yes=True)

    assert project == {
        "id": project["id"],
        "title": "Shared CT parts pool",
        "goal": "Share what works.",
        "forms": ["JOINT_PROJECT", "SHARE_INFORMATION"],
        "interests": [{"label": "Imaging service"}],
        "owner": {"name": "Ana Alvarez"},
        "members": [{"person": {"name": "Ana Alvarez"}, "status": "MEMBER"}],
        "organizations": [{"name": "Acme Imaging Service"}],
        "coopetition": False,
        "myStatus": "MEMBER",
        "closedAt": None,
    }
    assert invited["inviteToProject"]["members"][1] == {
        "person": {"name": "Cara Chen"},
        "status": "INVITED",
    }
    assert (cara_view["myStatus"], cara_view["coopetition"]) == ("INVITED", False)
    assert accepted["respondToProjectInvite"]["organizations"] == [
        {"name": "Acme Imaging Service"},
        {"name": "Bolt Medical"},
    ]
    assert accepted["respondToProjectInvite"]["coopetition"] is True  # both in imaging service
    notice = await db[NOTIFICATIONS.name].find_one({"kind": "PROJECT_INVITE"})
    assert notice is not None
    assert (notice["person_id"], notice["title"], notice["body"], notice["about"]) == (
        expo.id("cara"),
        "Ana Alvarez invites you to a joint project",
        "“Shared CT parts pool”: Share what works.",
        {"projectId": project["id"]},
    )


async def test_companies_that_do_not_compete_make_no_coopetition(expo: Expo) -> None:
    project = await create(expo, "ana", "Biomed apprenticeships")
    await expo.data("ana", INVITE, p=project["id"], who=expo.id("dan"))
    answered = await expo.data("dan", RESPOND, p=project["id"], yes=True)
    assert answered["respondToProjectInvite"]["organizations"] == [
        {"name": "Acme Imaging Service"},
        {"name": "City Hospital"},
    ]
    assert answered["respondToProjectInvite"]["coopetition"] is False


async def test_declining_drops_the_invitation_and_only_members_invite(expo: Expo) -> None:
    project = await create(expo, "ana", "Loaner pumps")
    await expo.data("ana", INVITE, p=project["id"], who=expo.id("dan"))
    by_invitee = await expo.run("dan", INVITE, p=project["id"], who=expo.id("cara"))
    declined = await expo.data("dan", RESPOND, p=project["id"], yes=False)
    again = await expo.run("dan", RESPOND, p=project["id"], yes=True)

    assert error_of(by_invitee) == {"code": "FORBIDDEN"}
    assert declined["respondToProjectInvite"]["members"] == [
        {"person": {"name": "Ana Alvarez"}, "status": "MEMBER"}
    ]
    assert error_of(again) == {"code": "NOT_FOUND"}


async def test_inviting_twice_someone_hidden_or_blocked_is_refused(expo: Expo) -> None:
    project = await create(expo, "ana", "Loaner pumps")
    await expo.data("ana", INVITE, p=project["id"], who=expo.id("cara"))
    twice = await expo.run("ana", INVITE, p=project["id"], who=expo.id("cara"))
    unlisted = await expo.run("ana", INVITE, p=project["id"], who=expo.id("eve"))
    await expo.data("dan", BLOCK, id=expo.id("ana"))
    blocked = await expo.run("ana", INVITE, p=project["id"], who=expo.id("dan"))

    assert error_of(twice) == {"code": "CONFLICT", "reason": "ALREADY_IN_PROJECT"}
    assert error_of(unlisted) == error_of(blocked) == {"code": "NOT_FOUND"}


async def test_members_post_on_its_page_and_hear_of_each_others_posts(
    expo: Expo, db: Database, world: World, clock: ManualClock, settings: Settings
) -> None:
    project = await create(expo, "ana", "Shared CT parts pool")
    await joined(expo, "ana", project, "cara")
    for email, person_id in world.ids.items():
        await add_device(db, person_id, f"phone-{email.split('@')[0]}", clock())

    await posted(expo, "cara", "Inventory list is up.", projectId=project["id"])
    outsider = await expo.run(
        "dan", CREATE_POST, input={"kind": "UPDATE", "body": "Me too", "projectId": project["id"]}
    )
    gateway = RecordingGateway()
    await dispatch(db, settings, clock, gateway)

    page = [{"node": {"body": "Inventory list is up.", "authorName": "Cara Chen"}}]
    assert (await expo.data("ana", POSTS, id=project["id"]))["project"]["posts"]["edges"] == page
    assert (await expo.data("olga", POSTS, id=project["id"]))["project"]["posts"]["edges"] == page
    assert (await expo.data("dan", POSTS, id=project["id"]))["project"]["posts"]["edges"] == []
    assert error_of(outsider) == {"code": "FORBIDDEN", "reason": "NOT_A_MEMBER"}
    assert [(m.token, m.title) for m in gateway.sent] == [
        ("phone-cara", "Ana Alvarez invites you to a joint project"),  # pushed, waiting till now
        ("phone-ana", "Cara Chen posted in “Shared CT parts pool”"),
    ]


async def test_unlisted_members_are_shown_only_to_the_projects_people(expo: Expo) -> None:
    project = await create(expo, "olga", "Veterans into HTM")  # organizers may invite anyone
    await expo.data("olga", INVITE, p=project["id"], who=expo.id("eve"))
    await expo.data("eve", RESPOND, p=project["id"], yes=True)
    await expo.data("olga", INVITE, p=project["id"], who=expo.id("dan"))

    def names(data: dict[str, Any]) -> list[tuple[str, str]]:
        return [(m["person"]["name"], m["status"]) for m in data["project"]["members"]]

    everyone = [("Olga Ortiz", "MEMBER"), ("Eve Evans", "MEMBER"), ("Dan Dimitrov", "INVITED")]
    assert names(await expo.data("eve", READ, id=project["id"])) == everyone
    assert names(await expo.data("dan", READ, id=project["id"])) == everyone
    assert names(await expo.data("ana", READ, id=project["id"])) == [("Olga Ortiz", "MEMBER")]


async def test_unlisted_people_see_only_their_own_projects(expo: Expo) -> None:
    others = await create(expo, "ana", "Ana's project")
    hers = await create(expo, "olga", "Veterans into HTM")
    await expo.data("olga", INVITE, p=hers["id"], who=expo.id("eve"))

    assert await expo.data("eve", LIST) == {"projects": [{"title": "Veterans into HTM"}]}
    assert error_of(await expo.run("eve", READ, id=others["id"])) == {"code": "NOT_FOUND"}
    assert await expo.data("dan", LIST) == {
        "projects": [{"title": "Veterans into HTM"}, {"title": "Ana's project"}]
    }
    assert await expo.data("dan", LIST, mine=True) == {"projects": []}


async def test_project_pages_follow_each_other(expo: Expo, clock: ManualClock) -> None:
    for n in range(3):
        await create(expo, "ana", f"Project {n}")
        clock.advance(minutes=1)
    first = await expo.data("dan", LIST, first=2)
    listed = await expo.data("dan", "{ projects(first: 2) { id } }")
    after = listed["projects"][-1]["id"]
    assert first == {"projects": [{"title": "Project 2"}, {"title": "Project 1"}]}
    assert await expo.data("dan", LIST, after=after) == {"projects": [{"title": "Project 0"}]}


async def test_the_owner_leaving_hands_over_and_the_last_one_closes_it(expo: Expo) -> None:
    project = await create(expo, "ana", "Shared CT parts pool")
    await joined(expo, "ana", project, "cara")
    assert await expo.data("ana", LEAVE, p=project["id"]) == {"leaveProject": True}
    after_ana = (await expo.data("cara", READ, id=project["id"]))["project"]
    assert error_of(await expo.run("ana", LEAVE, p=project["id"])) == {"code": "NOT_FOUND"}
    await expo.data("cara", LEAVE, p=project["id"])
    after_cara = (await expo.data("olga", READ, id=project["id"]))["project"]

    assert (after_ana["owner"], after_ana["closedAt"]) == ({"name": "Cara Chen"}, None)
    assert (after_cara["owner"], after_cara["members"]) == (None, [])
    assert after_cara["closedAt"] is not None


async def test_a_closed_project_takes_no_posts_or_invitations(expo: Expo) -> None:
    project = await create(expo, "ana", "Shared CT parts pool")
    refused = await expo.run("cara", CLOSE, p=project["id"])
    closed = await expo.data("ana", CLOSE, p=project["id"])
    post = await expo.run(
        "ana", CREATE_POST, input={"kind": "UPDATE", "body": "x", "projectId": project["id"]}
    )
    invite = await expo.run("ana", INVITE, p=project["id"], who=expo.id("cara"))

    assert error_of(refused) == {"code": "FORBIDDEN"}
    assert closed["closeProject"]["closedAt"] is not None
    assert error_of(post) == error_of(invite) == {"code": "CONFLICT", "reason": "PROJECT_CLOSED"}
    assert await expo.data("dan", LIST) == {"projects": []}  # open projects only
    assert await expo.data("ana", LIST, mine=True) == {
        "projects": [{"title": "Shared CT parts pool"}]
    }


async def test_bad_project_input_is_refused(expo: Expo) -> None:
    cases = [
        ({"title": " ", "goal": "g"}, "title"),
        ({"title": "t", "goal": "g" * 1001}, "goal"),
        ({"title": "t", "goal": "g", "interestIds": ["nope"]}, "interestIds"),
    ]
    for fields, field in cases:
        result = await expo.run("ana", CREATE, i=fields)
        assert error_of(result) == {"code": "BAD_USER_INPUT", "field": field}
