"""Reading introductions: one's own, and the people introduced to someone, whom their
suggestions show first."""

from __future__ import annotations

from dataclasses import dataclass

from server.db.client import Database, Document
from server.db.collections import INTRODUCTIONS
from server.services.introductions.records import other_introduced
from server.vocabulary import IntroductionStatus

ACCEPTED = IntroductionStatus.ACCEPTED.value


def may_see(introduction: Document, person_id: str) -> bool:
    """The introducer sees theirs; the people introduced see it once it holds, or while it waits
    for their own answer (never while it waits for an unlisted person's)."""
    if introduction["by_id"] == person_id:
        return True
    return person_id in introduction["introduced"] and (
        introduction["status"] == ACCEPTED or person_id in introduction["awaiting"]
    )


async def introductions_of(db: Database, person_id: str) -> list[Document]:
    """Introductions the person made or is in, newest first."""
    docs = db[INTRODUCTIONS.name].find({"people": person_id}).sort("created_at", -1)
    return [doc async for doc in docs if may_see(doc, person_id)]


@dataclass(frozen=True)
class Introduced:
    """Someone introduced to the viewer, and by whom."""

    person_id: str
    by_id: str


async def introduced_to(db: Database, viewer_id: str) -> list[Introduced]:
    """The people introduced to the viewer (introductions that hold), newest first."""
    query = {"introduced": viewer_id, "status": ACCEPTED}
    docs = db[INTRODUCTIONS.name].find(query, {"introduced": 1, "by_id": 1})
    found = await docs.sort("accepted_at", -1).to_list()
    return [Introduced(other_introduced(doc, viewer_id), doc["by_id"]) for doc in found]
