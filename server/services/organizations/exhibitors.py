"""Exhibitors: organizations with a booth, searchable by name and market segment."""

from __future__ import annotations

import re
from typing import Any

from server.db.client import Database, Document
from server.db.collections import ORGANIZATIONS
from server.services.common import validation
from server.services.common.pagination import Page, fetch_page
from server.services.common.text import normalise


async def list_exhibitors(
    db: Database, *, search: str | None, segment: str | None, first: int, after: str | None
) -> Page[Document]:
    validation.page_size(first)
    query: dict[str, Any] = {"booth": {"$ne": None}}
    search = validation.search_text(search)
    if search:
        query["name_norm"] = {"$regex": re.escape(normalise(search))}
    if segment:
        query["segments"] = segment
    return await fetch_page(db[ORGANIZATIONS.name], query, "name_norm", first, after)
