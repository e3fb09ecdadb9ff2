"""The post document: where it lives, and the few facts every part of the board reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.db.client import Database, Document
from server.db.collections import POSTS
from server.errors import NotFound
from server.vocabulary import PostKind

BOARD = "board"
FORMER_PARTICIPANT = "Former participant"  # a deleted author's posts stay, without them
EXCERPT_LENGTH = 100


@dataclass(frozen=True)
class Place:
    """Where a post lives: a community, a project's page, or (neither) the event-wide board."""

    community_id: str | None = None
    project_id: str | None = None

    @property
    def key(self) -> str:
        """The post's `where` field: one indexed value per place."""
        if self.community_id is not None:
            return f"community:{self.community_id}"
        if self.project_id is not None:
            return f"project:{self.project_id}"
        return BOARD

    @property
    def is_board(self) -> bool:
        return self.community_id is None and self.project_id is None

    @classmethod
    def of(cls, post: Document) -> Place:
        return cls(community_id=post.get("community_id"), project_id=post.get("project_id"))


def post_doc(
    *,
    post_id: str,
    kind: PostKind,
    author_id: str,
    body: str,
    interest_ids: list[str],
    place: Place,
    reply_to_id: str | None,
    now: datetime,
) -> dict[str, Any]:
    return {
        "_id": post_id,
        "kind": kind.value,
        "author_id": author_id,
        "body": body,
        "interest_ids": interest_ids,
        "where": place.key,
        "community_id": place.community_id,
        "project_id": place.project_id,
        "reply_to_id": reply_to_id,
        "created_at": now,
        "closed_at": None,  # a challenge solved or withdrawn
    }


async def find_post(db: Database, post_id: str) -> Document:
    post = await db[POSTS.name].find_one({"_id": post_id})
    if post is None:
        raise NotFound("No such post.")
    return post


def excerpt(body: str) -> str:
    """The start of a post, as a notice shows it."""
    flat = " ".join(body.split())
    return flat if len(flat) <= EXCERPT_LENGTH else flat[: EXCERPT_LENGTH - 1].rstrip() + "…"


def is_open_challenge(post: Document) -> bool:
    """A board challenge still looking for partners: what matchmaking takes into account."""
    return (
        post["kind"] == PostKind.CHALLENGE.value
        and post["where"] == BOARD
        and post.get("reply_to_id") is None
        and post.get("closed_at") is None
        and post.get("author_id") is not None
    )
