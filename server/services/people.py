"""The person document: its shape and derived search fields, built in one place."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bson import ObjectId

from server.db.client import Database, Document
from server.db.collections import ORGANIZATIONS, PEOPLE
from server.errors import NotFound
from server.services.text import normalise, search_tokens
from server.vocabulary import Role


def new_id() -> str:
    return str(ObjectId())


def derived_fields(name: str, organization_name: str | None) -> dict[str, Any]:
    """What search and the directory's order need; recomputed whenever a name changes."""
    return {
        "sort_key": normalise(name),
        "search_tokens": search_tokens(name, organization_name),
    }


def profile_fields(
    *,
    name: str,
    role: Role,
    organization: Document | None,
    headline: str | None,
    interest_ids: list[str],
    seeking: list[str],
    offering: list[str],
    open_to_competitors: bool,
    listed: bool,
    community_ids: list[str],
    now: datetime,
) -> dict[str, Any]:
    return {
        "name": name,
        "role": role.value,
        "organization_id": organization["_id"] if organization else None,
        "headline": headline,
        "interest_ids": interest_ids,
        "seeking": seeking,
        "offering": offering,
        "open_to_competitors": open_to_competitors,
        "listed": listed,
        "community_ids": community_ids,
        "updated_at": now,
        **derived_fields(name, organization["name"] if organization else None),
    }


async def get_person(db: Database, person_id: str) -> Document:
    person = await db[PEOPLE.name].find_one({"_id": person_id})
    if person is None:
        raise NotFound("No such person.")
    return person


async def organization_name(db: Database, organization_id: str | None) -> str | None:
    if organization_id is None:
        return None
    organization = await db[ORGANIZATIONS.name].find_one({"_id": organization_id}, {"name": 1})
    return organization["name"] if organization else None
