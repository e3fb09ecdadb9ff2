"""Reference lists of the event: interests, communities, meeting locations."""

from __future__ import annotations

from server.db.client import Database, Document
from server.db.collections import COMMUNITIES, INTERESTS, LOCATIONS
from server.errors import BadUserInput
from server.services.common.validation import interest_count


async def list_interests(db: Database) -> list[Document]:
    return await db[INTERESTS.name].find().sort([("category", 1), ("label_norm", 1)]).to_list()


async def list_communities(db: Database) -> list[Document]:
    return await db[COMMUNITIES.name].find().sort("name_norm", 1).to_list()


async def list_locations(db: Database) -> list[Document]:
    return await db[LOCATIONS.name].find().sort("_id", 1).to_list()


async def known_interest_ids(db: Database, ids: list[str], field: str) -> list[str]:
    """The ids, each once, in order; BAD_USER_INPUT naming any that is not an interest."""
    unique = interest_count(ids, field)
    found = {doc["_id"] async for doc in db[INTERESTS.name].find({"_id": {"$in": unique}}, {})}
    unknown = [interest_id for interest_id in unique if interest_id not in found]
    if unknown:
        raise BadUserInput(f"unknown interest ids: {', '.join(unknown[:5])}.", field=field)
    return unique
