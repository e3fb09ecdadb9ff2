"""Counts kept by other parts of the product: suggestions shown, pushes delivered and failed,
and what came after meetings (follow-ups, posts, projects)."""

from __future__ import annotations

from dataclasses import dataclass

from server.db.client import Database
from server.db.collections import EXPOSURE_COUNTS, PUSH_TOTALS

# The collections of meeting follow-ups and of the board's posts and projects.
FOLLOW_UPS, POSTS, PROJECTS = "follow_ups", "posts", "projects"


@dataclass(frozen=True)
class Activity:
    suggestions_shown: int
    push_delivered: int
    push_failed: int
    follow_ups: int
    posts: int
    projects: int


async def suggestions_shown(db: Database) -> int:
    """Entries in everyone's stored suggestion lists (the sum of each person's exposure)."""
    pipeline = [{"$group": {"_id": None, "shown": {"$sum": "$shown"}}}]
    rows = await (await db[EXPOSURE_COUNTS.name].aggregate(pipeline)).to_list()
    return int(rows[0]["shown"]) if rows else 0


async def count_activity(db: Database) -> Activity:
    totals = await db[PUSH_TOTALS.name].find_one({"_id": "all"}) or {}
    return Activity(
        suggestions_shown=await suggestions_shown(db),
        push_delivered=int(totals.get("sent", 0)),
        push_failed=int(totals.get("failed", 0)),
        follow_ups=await db[FOLLOW_UPS].count_documents({}),
        posts=await db[POSTS].count_documents({}),
        projects=await db[PROJECTS].count_documents({}),
    )
