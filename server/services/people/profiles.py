"""Editing one's own profile: every profile rule is checked here before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument

from server.db.client import Database, Document
from server.db.collections import INTERESTS, PEOPLE
from server.errors import BadUserInput, NotFound
from server.services.common import validation
from server.services.matchmaking.refresh import request_refresh
from server.services.people.records import (
    derived_fields,
    interest_labels,
    labels_of,
    organization_name,
)
from server.vocabulary import IntentKind


@dataclass(frozen=True)
class ProfileChanges:
    """Fields left as None are not changed."""

    name: str | None = None
    headline: str | None = None
    interest_ids: list[str] | None = None
    seeking: list[IntentKind] | None = None
    offering: list[IntentKind] | None = None
    open_to_competitors: bool | None = None
    listed: bool | None = None


async def _known_interests(db: Database, ids: list[str]) -> list[str]:
    unique = validation.interest_count(ids, "interestIds")
    found = {doc["_id"] async for doc in db[INTERESTS.name].find({"_id": {"$in": unique}}, {})}
    unknown = [interest_id for interest_id in unique if interest_id not in found]
    if unknown:
        raise BadUserInput(f"unknown interest ids: {', '.join(unknown[:5])}.", field="interestIds")
    return unique


async def _changed_fields(
    db: Database, person: Document, changes: ProfileChanges
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if changes.name is not None:
        fields["name"] = validation.required_text(changes.name, "name", validation.MAX_NAME_LENGTH)
    if changes.headline is not None:
        fields["headline"] = validation.optional_text(
            changes.headline, "headline", validation.MAX_HEADLINE_LENGTH
        )
    if changes.interest_ids is not None:
        fields["interest_ids"] = await _known_interests(db, changes.interest_ids)
    if changes.seeking is not None:
        fields["seeking"] = [kind.value for kind in validation.distinct(changes.seeking)]
    if changes.offering is not None:
        fields["offering"] = [kind.value for kind in validation.distinct(changes.offering)]
    if changes.open_to_competitors is not None:
        fields["open_to_competitors"] = changes.open_to_competitors
    if changes.listed is not None:
        fields["listed"] = changes.listed
    if "name" in fields or "interest_ids" in fields:
        fields.update(await _search_fields(db, {**person, **fields}))
    return fields


async def _search_fields(db: Database, person: Document) -> dict[str, Any]:
    """The directory's search fields of the person as they will be stored."""
    org_name = await organization_name(db, person.get("organization_id"))
    interest_ids = person.get("interest_ids", [])
    labels = await interest_labels(db, interest_ids)
    return derived_fields(person["name"], org_name, labels_of(labels, interest_ids))


async def update_profile(
    db: Database, person: Document, changes: ProfileChanges, now: datetime, refresh_delay: timedelta
) -> Document:
    """Store the changes; the person's suggestions (and lists showing them) refresh shortly."""
    fields = await _changed_fields(db, person, changes)
    updated = await db[PEOPLE.name].find_one_and_update(
        {"_id": person["_id"]},
        {"$set": {**fields, "updated_at": now}, "$inc": {"profile_version": 1}},
        return_document=ReturnDocument.AFTER,
    )
    if updated is None:
        raise NotFound("Your account no longer exists.")
    await request_refresh(db, [person["_id"]], now, refresh_delay)
    return updated
