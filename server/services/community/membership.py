"""Who belongs to a community: people join and leave open ones; organizers mark a community
open or curated and add or remove members; each member chooses whether its posts are pushed.

Membership is the person's `community_ids` (the directory, announcements and matchmaking read
it); `community_push_ids` holds the communities whose new posts and replies they want pushed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument

from server.db.client import Database, Document
from server.db.collections import COMMUNITIES, PEOPLE
from server.errors import Forbidden, NotFound
from server.services.matchmaking.refresh import request_refresh
from server.services.people.records import get_person

PUSH_FIELD = "community_push_ids"


async def get_community(db: Database, community_id: str) -> Document:
    community = await db[COMMUNITIES.name].find_one({"_id": community_id})
    if community is None:
        raise NotFound("No such community.")
    return community


def is_member(person: Document, community_id: str) -> bool:
    return community_id in person.get("community_ids", [])


def is_open(community: Document) -> bool:
    """Anyone may join an open community; organizers choose the members of a curated one."""
    return bool(community.get("open", False))


def wants_push(person: Document, community_id: str) -> bool:
    return community_id in person.get(PUSH_FIELD, [])


async def _set_membership(
    db: Database, person_id: str, community_id: str, member: bool, now: datetime, own: bool
) -> Document:
    """`own`: the person's own choice, which a later import of the organizer's file no longer
    overwrites (as an edit of their profile)."""
    if member:
        update: dict[str, Any] = {"$addToSet": {"community_ids": community_id}}
    else:
        update = {"$pull": {"community_ids": community_id, PUSH_FIELD: community_id}}
    update["$set"] = {"updated_at": now}
    if own:
        update["$inc"] = {"profile_version": 1}
    person = await db[PEOPLE.name].find_one_and_update(
        {"_id": person_id}, update, return_document=ReturnDocument.AFTER
    )
    if person is None:
        raise NotFound("No such person.")
    return person


async def join(
    db: Database, person: Document, community_id: str, now: datetime, refresh_delay: timedelta
) -> Document:
    """The person, now a member; joining twice is harmless."""
    community = await get_community(db, community_id)
    if is_member(person, community_id):
        return person
    if not is_open(community):
        raise Forbidden(
            f"{community['name']} is curated: the organizers choose its members.", reason="CURATED"
        )
    updated = await _set_membership(db, person["_id"], community_id, True, now, own=True)
    await request_refresh(db, [person["_id"]], now, refresh_delay)
    return updated


async def leave(
    db: Database, person: Document, community_id: str, now: datetime, refresh_delay: timedelta
) -> Document:
    """The person, no longer a member (of a curated community too: only organizers add them
    back); leaving twice is harmless."""
    await get_community(db, community_id)
    if not is_member(person, community_id):
        return person
    updated = await _set_membership(db, person["_id"], community_id, False, now, own=True)
    await request_refresh(db, [person["_id"]], now, refresh_delay)
    return updated


async def set_push(db: Database, person: Document, community_id: str, push: bool) -> Document:
    """Push this community's new posts and replies to the member's phones, or not (they reach
    the inbox and the live view either way)."""
    community = await get_community(db, community_id)
    if not is_member(person, community_id):
        raise Forbidden(f"Join {community['name']} first.")
    operator = "$addToSet" if push else "$pull"
    updated = await db[PEOPLE.name].find_one_and_update(
        {"_id": person["_id"]},
        {operator: {PUSH_FIELD: community_id}},
        return_document=ReturnDocument.AFTER,
    )
    if updated is None:
        raise NotFound("Your account no longer exists.")
    return updated


async def set_open(db: Database, community_id: str, open_to_all: bool) -> Document:
    """(Organizers) open the community to anyone, or make it curated; members stay."""
    community = await db[COMMUNITIES.name].find_one_and_update(
        {"_id": community_id},
        {"$set": {"open": open_to_all}},
        return_document=ReturnDocument.AFTER,
    )
    if community is None:
        raise NotFound("No such community.")
    return community


async def curate(
    db: Database,
    community_id: str,
    person_id: str,
    member: bool,
    now: datetime,
    refresh_delay: timedelta,
) -> Document:
    """(Organizers) add a person to the community, or remove them; the community."""
    community = await get_community(db, community_id)
    person = await get_person(db, person_id)
    if is_member(person, community_id) != member:
        await _set_membership(db, person_id, community_id, member, now, own=False)
        await request_refresh(db, [person_id], now, refresh_delay)
    return community
