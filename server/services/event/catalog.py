"""Reference lists of the event: interests, communities, meeting locations."""

from __future__ import annotations

from server.db.client import Database, Document
from server.db.collections import COMMUNITIES, INTERESTS, LOCATIONS


async def list_interests(db: Database) -> list[Document]:
    return await db[INTERESTS.name].find().sort([("category", 1), ("label_norm", 1)]).to_list()


async def list_communities(db: Database) -> list[Document]:
    return await db[COMMUNITIES.name].find().sort("name_norm", 1).to_list()


async def list_locations(db: Database) -> list[Document]:
    return await db[LOCATIONS.name].find().sort("_id", 1).to_list()
