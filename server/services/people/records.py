"""The person document: its shape and derived search fields, built in one place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from server.db.client import Database, Document
from server.db.collections import INTERESTS, ORGANIZATIONS, PEOPLE
from server.errors import NotFound
from server.services.common.text import normalise, search_tokens
from server.vocabulary import Role

REFRESH_BATCH = 500


def new_id() -> str:
    return str(ObjectId())


def derived_fields(
    name: str, organization_name: str | None, interest_labels: Iterable[str]
) -> dict[str, Any]:
    """What search and the directory's order need: recomputed whenever the name, the
    organization, the interests or an interest's label changes."""
    return {
        "sort_key": normalise(name),
        "search_tokens": search_tokens(name, organization_name, *interest_labels),
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
    interest_labels: Iterable[str] = (),
) -> dict[str, Any]:
    """A whole person's profile; `interest_labels` are the labels of `interest_ids`."""
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
        **derived_fields(name, organization["name"] if organization else None, interest_labels),
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


async def interest_labels(db: Database, interest_ids: Iterable[str]) -> dict[str, str]:
    """Label of each known interest id."""
    ids = list(dict.fromkeys(interest_ids))
    if not ids:
        return {}
    cursor = db[INTERESTS.name].find({"_id": {"$in": ids}}, {"label": 1})
    return {doc["_id"]: doc["label"] async for doc in cursor}


def labels_of(labels: dict[str, str], interest_ids: Iterable[str]) -> list[str]:
    """The labels of these interests, in their order (unknown ids left out)."""
    return [labels[i] for i in interest_ids if i in labels]


async def refresh_derived_fields(db: Database, query: dict[str, Any]) -> int:
    """Recompute the search fields of the people matching `query` from what is stored now
    (after organizations or interests were renamed); returns how many changed."""
    changed = 0
    cursor = db[PEOPLE.name].find(query, {"name": 1, "organization_id": 1, "interest_ids": 1})
    batch: list[Document] = []
    async for person in cursor:
        batch.append(person)
        if len(batch) == REFRESH_BATCH:
            changed += await _refresh_batch(db, batch)
            batch = []
    if batch:
        changed += await _refresh_batch(db, batch)
    return changed


async def _refresh_batch(db: Database, people: list[Document]) -> int:
    org_ids = list({p["organization_id"] for p in people if p.get("organization_id")})
    org_cursor = db[ORGANIZATIONS.name].find({"_id": {"$in": org_ids}}, {"name": 1})
    org_names = {doc["_id"]: doc["name"] async for doc in org_cursor}
    labels = await interest_labels(db, (i for p in people for i in p.get("interest_ids", [])))
    updates = [
        UpdateOne({"_id": p["_id"]}, {"$set": derived_fields(
            p["name"], org_names.get(p.get("organization_id")),
            labels_of(labels, p.get("interest_ids", [])),
        )})
        for p in people
    ]  # fmt: skip
    result = await db[PEOPLE.name].bulk_write(updates, ordered=False)
    return result.modified_count
