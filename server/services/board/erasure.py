"""A deleted account's posts and reports stay, without them: the posts then read as a "Former
participant"'s, and the organizers keep the reports."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database
from server.db.collections import POST_REPORTS, POSTS


async def anonymise_posts(db: Database, session: AsyncClientSession, person_id: str) -> None:
    """In the account deletion's transaction (their kudos go with the account)."""
    await db[POSTS.name].update_many(
        {"author_id": person_id}, {"$set": {"author_id": None}}, session=session
    )
    await db[POST_REPORTS.name].update_many(
        {"reporter_id": person_id}, {"$set": {"reporter_id": None}}, session=session
    )
