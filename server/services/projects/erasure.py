"""A deleted account leaves its projects, in the deletion's transaction: an owner's role passes
to the longest-standing member, and a project left without members is closed."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database
from server.db.collections import PROJECTS
from server.services.projects.roster import without


async def leave_projects(
    db: Database, session: AsyncClientSession, person_id: str, now: datetime
) -> None:
    cursor = db[PROJECTS.name].find({"members.person_id": person_id}, session=session)
    for project in await cursor.to_list():
        await without(db, session, project, person_id, now)
