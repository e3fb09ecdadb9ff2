"""The words of the board's notices: a reply to your post, a new post or reply where you are a
member, kudos on your post."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from server.db.client import Document
from server.notifications.outbox import Notice, push_content
from server.services.board.records import Place, excerpt
from server.vocabulary import NotificationKind


def about_post(post: Document) -> dict[str, str]:
    """The push's data fields (and the inbox's `about`): the thread to open, and its place."""
    about = {"postId": post.get("reply_to_id") or post["_id"]}
    if post.get("community_id"):
        about["communityId"] = post["community_id"]
    if post.get("project_id"):
        about["projectId"] = post["project_id"]
    return about


def reply_notice(parent_author_id: str, author_name: str, reply: Document) -> Notice:
    return Notice(
        parent_author_id,
        NotificationKind.POST_REPLY,
        f"{author_name} replied to your post",
        excerpt(reply["body"]),
        collapse_key=f"post-{reply['reply_to_id']}",
        about=about_post(reply),
    )


def place_content(
    author_name: str, post: Document, place_name: str, now: datetime
) -> dict[str, Any]:
    """A new post or reply in a community or on a project, for its members."""
    place = Place.of(post)
    kind = NotificationKind.COMMUNITY_POST if place.community_id else NotificationKind.PROJECT_POST
    did = "replied" if post.get("reply_to_id") else "posted"
    return push_content(
        kind=kind,
        title=f"{author_name} {did} in {place_name}",
        body=excerpt(post["body"]),
        now=now,
        collapse_key=place.key,  # a phone shows the newest from each place
        about=about_post(post),
    )


def kudos_notice(author_id: str, giver_name: str, post: Document) -> Notice:
    return Notice(
        author_id,
        NotificationKind.KUDOS,
        f"{giver_name} gave kudos to your post",
        excerpt(post["body"]),
        collapse_key=f"kudos-{post['_id']}",
        about=about_post(post),
    )
