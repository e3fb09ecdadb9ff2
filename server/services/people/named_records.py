"""Organizations, interests and communities found by name, or created with a readable id."""

from __future__ import annotations

from typing import Any

from pymongo.errors import DuplicateKeyError

from server.db.client import Database, Document
from server.services.common.text import normalise, slugify


async def find_or_create(
    db: Database,
    collection: str,
    name_field: str,
    name: str,
    *,
    id_prefix: str = "",
    on_insert: dict[str, Any] | None = None,
    update: dict[str, Any] | None = None,
) -> Document:
    """The record whose normalised `name_field` equals `name`'s; created if missing."""
    norm_field = f"{name_field}_norm"
    records = db[collection]
    for attempt in range(20):
        existing = await records.find_one({norm_field: normalise(name)})
        if existing is not None:
            if update:
                await records.update_one({"_id": existing["_id"]}, {"$set": update})
                existing.update(update)
            return existing
        suffix = f"-{attempt + 1}" if attempt else ""
        doc = {
            "_id": f"{id_prefix}{slugify(name)}{suffix}",
            name_field: name,
            norm_field: normalise(name),
            **(on_insert or {}),
            **(update or {}),
        }
        try:
            await records.insert_one(doc)
        except DuplicateKeyError:
            continue  # the id is taken by another name, or another process created this one
        return doc
    raise RuntimeError(f"could not find or create {collection} record {name!r}")
