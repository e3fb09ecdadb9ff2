"""The people directory: only people who opted in, searchable by name, organization and interest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from server.db.client import Database, Document
from server.db.collections import PEOPLE
from server.services.common import validation
from server.services.common.pagination import Page, fetch_page
from server.services.common.text import words


@dataclass(frozen=True)
class DirectoryFilter:
    search: str | None = None
    interest_id: str | None = None
    organization_id: str | None = None
    community_id: str | None = None


def directory_query(filters: DirectoryFilter) -> dict[str, Any]:
    query: dict[str, Any] = {"listed": True}
    search = validation.search_text(filters.search)
    if search:
        # every word must start some word of the name or the organization's name
        prefixes = [{"search_tokens": {"$regex": "^" + re.escape(w)}} for w in words(search)]
        if prefixes:
            query["$and"] = prefixes
    if filters.interest_id:
        query["interest_ids"] = filters.interest_id
    if filters.organization_id:
        query["organization_id"] = filters.organization_id
    if filters.community_id:
        query["community_ids"] = filters.community_id
    return query


async def list_people(
    db: Database, filters: DirectoryFilter, first: int, after: str | None
) -> Page[Document]:
    validation.page_size(first)
    return await fetch_page(db[PEOPLE.name], directory_query(filters), "sort_key", first, after)
