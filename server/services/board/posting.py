"""Writing a post or a reply: where it may go, what it may say, how often; and, in its own
transaction, the notices it promises (the outbox)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import POSTS
from server.db.transactions import in_transaction
from server.errors import BadUserInput, Conflict
from server.notifications.outbox import notify_each
from server.services.board.access import Reader, reader_for
from server.services.board.composer import check_patient_data, plain_text
from server.services.board.fan_out import fan_out, place_audience
from server.services.board.notices import place_content, reply_notice
from server.services.board.reading import read_post
from server.services.board.records import Place, is_open_challenge, post_doc
from server.services.common import rate_limits
from server.services.community.membership import get_community
from server.services.event.catalog import known_interest_ids
from server.services.matchmaking.collaboration import challenge_changed
from server.services.people.blocks import blocked_either_way
from server.services.people.records import new_id
from server.services.projects.records import find_project, is_open
from server.vocabulary import PostKind

POSTING_LIMIT = "You have posted a lot in a short time. Try again in {minutes} minutes."


@dataclass(frozen=True)
class PostDraft:
    kind: PostKind
    body: str
    interest_ids: list[str] | None = None
    community_id: str | None = None
    project_id: str | None = None
    reply_to_id: str | None = None
    confirm_no_patient_data: bool = False


@dataclass(frozen=True)
class PostingRules:
    max_per_window: int
    window_seconds: int
    refresh_delay: timedelta


async def _place_name(db: Database, place: Place) -> str:
    """The place's name for people (NOT_FOUND for an unknown one; a closed project refuses)."""
    if place.community_id is not None:
        name: str = (await get_community(db, place.community_id))["name"]
        return name
    if place.project_id is not None:
        project = await find_project(db, place.project_id)
        if not is_open(project):
            raise Conflict("This project is closed.", reason="PROJECT_CLOSED")
        return f"“{project['title']}”"
    return "the board"


async def _place_of(
    db: Database, reader: Reader, draft: PostDraft
) -> tuple[Place, Document | None]:
    """Where the post goes, and the post it replies to. A reply goes where its post is."""
    if draft.reply_to_id is None:
        if draft.community_id is not None and draft.project_id is not None:
            raise BadUserInput("Post in a community or on a project, not both.", field="projectId")
        return Place(draft.community_id, draft.project_id), None
    parent = await read_post(db, reader, draft.reply_to_id)
    if parent.get("reply_to_id") is not None:
        raise BadUserInput(
            "Replies are one level deep: reply to the post itself.", field="replyToId"
        )
    place = Place.of(parent)
    if (draft.community_id, draft.project_id) not in {
        (None, None),
        (place.community_id, place.project_id),
    }:
        raise BadUserInput("A reply goes where its post is.", field="replyToId")
    return place, parent


async def create_post(
    db: Database, author: Document, draft: PostDraft, now: datetime, rules: PostingRules
) -> Document:
    body = plain_text(draft.body)
    check_patient_data(body, draft.confirm_no_patient_data)
    interests = await known_interest_ids(db, draft.interest_ids or [], "interestIds")
    reader = await reader_for(db, author)
    place, parent = await _place_of(db, reader, draft)
    place_name = await _place_name(db, place)
    reader.require_may_post(place, place_name)
    window = rate_limits.Window(
        f"posts:{author['_id']}", rules.max_per_window, rules.window_seconds, POSTING_LIMIT
    )
    await rate_limits.count(db, window, now)
    post = post_doc(
        post_id=new_id(),
        kind=draft.kind,
        author_id=author["_id"],
        body=body,
        interest_ids=interests,
        place=place,
        reply_to_id=parent["_id"] if parent else None,
        now=now,
    )
    await _write(db, author, post, parent, place_name, now)
    if is_open_challenge(post):
        await challenge_changed(db, author["_id"], interests, now, rules.refresh_delay)
    return post


async def _write(
    db: Database,
    author: Document,
    post: Document,
    parent: Document | None,
    place_name: str,
    now: datetime,
) -> None:
    """The post and its notices, in one transaction: the replied-to author hears of the reply
    (pushed), the place's members of the post (see fan_out); nobody blocked either way."""
    blocked = await blocked_either_way(db, author["_id"])
    parent_author = parent.get("author_id") if parent else None
    told_directly = [parent_author] if parent_author and parent_author != author["_id"] else []
    told_directly = [person for person in told_directly if person not in blocked]
    leave_out = {author["_id"], *blocked, *told_directly}
    audience, pushed = await place_audience(db, Place.of(post), leave_out)

    async def work(session: AsyncClientSession) -> None:
        await db[POSTS.name].insert_one(post, session=session)
        notices = [reply_notice(person, author["name"], post) for person in told_directly]
        await notify_each(db, session, notices, now=now)
        if audience:
            content = place_content(author["name"], post, place_name, now)
            await fan_out(db, session, audience, pushed, content, now)

    await in_transaction(db, work)
