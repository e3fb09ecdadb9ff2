"""The GraphQL operations of communities, posts and projects, and short ways to use them."""

from __future__ import annotations

from typing import Any

from server.config import Settings
from server.db.client import Database
from server.db.collections import COMMUNITIES
from server.notifications.dispatcher import Dispatcher
from server.notifications.gateways.recording import RecordingGateway
from tests.support.clock import ManualClock
from tests.support.meetings import Expo

POST_FIELDS = """id kind body authorName author { name } interests { label } open replyToId
  community { name } project { title } kudosCount kudosGivenByMe"""
CREATE_POST = f"mutation($input: PostInput!) {{ createPost(input: $input) {{ {POST_FIELDS} }} }}"
BOARD = f"""query($kind: PostKind, $interestId: ID, $first: Int, $after: String) {{
  board(kind: $kind, interestId: $interestId, first: $first, after: $after) {{
    edges {{ cursor node {{ {POST_FIELDS} }} }} pageInfo {{ endCursor hasNextPage }}
  }}
}}"""
COMMUNITY = """query($id: ID!) { community(id: $id) {
  name open joined push
  posts { edges { node { body authorName replies { edges { node { body } } } } } }
} }"""
REPLIES = (
    """query($id: ID!) { post(id: $id) { body replies { edges { node { body authorName } } } } }"""
)
JOIN = "mutation($id: ID!) { joinCommunity(communityId: $id) { name joined open push } }"
LEAVE = "mutation($id: ID!) { leaveCommunity(communityId: $id) { name joined } }"
SET_OPEN = """mutation($id: ID!, $open: Boolean!) {
  setCommunityOpen(communityId: $id, open: $open) { name open }
}"""
SET_PUSH = """mutation($id: ID!, $push: Boolean!) {
  setCommunityPush(communityId: $id, push: $push) { push }
}"""
KUDOS = "mutation($id: ID!) { giveKudos(postId: $id) { kudosCount kudosGivenByMe } }"
DELETE = "mutation($id: ID!) { deletePost(postId: $id) }"
REPORT = "mutation($id: ID!, $reason: String!) { reportPost(postId: $id, reason: $reason) }"


async def community_id(db: Database, name: str) -> str:
    doc = await db[COMMUNITIES.name].find_one({"name": name})
    assert doc is not None
    community: str = doc["_id"]
    return community


async def open_community(db: Database, name: str, description: str | None = None) -> str:
    """A community anyone may join (organizers' choice), created if new."""
    found = await db[COMMUNITIES.name].find_one({"name": name})
    if found is None:
        slug = name.lower().replace(" ", "-")
        await db[COMMUNITIES.name].insert_one(
            {"_id": slug, "name": name, "name_norm": name.lower(), "description": description}
        )
    await db[COMMUNITIES.name].update_one({"name": name}, {"$set": {"open": True}})
    return await community_id(db, name)


async def posted(expo: Expo, name: str, body: str, **fields: Any) -> dict[str, Any]:
    """A post (kind UPDATE unless given) that must succeed."""
    result = await expo.data(name, CREATE_POST, input={"kind": "UPDATE", "body": body, **fields})
    post: dict[str, Any] = result["createPost"]
    return post


async def board_bodies(expo: Expo, name: str, **variables: Any) -> list[str]:
    data = await expo.data(name, BOARD, **variables)
    return [edge["node"]["body"] for edge in data["board"]["edges"]]


async def dispatch(
    db: Database, settings: Settings, clock: ManualClock, gateway: RecordingGateway
) -> None:
    """Run a dispatcher until no job is due (the members' notices are written then)."""
    dispatcher = Dispatcher(db, gateway, settings, clock)
    while await dispatcher.run_once():
        pass
