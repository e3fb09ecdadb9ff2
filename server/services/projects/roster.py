"""Changing who is in a project, inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import PROJECTS
from server.errors import NotFound
from server.services.projects.records import MEMBER, is_open


async def find_project_in(db: Database, session: AsyncClientSession, project_id: str) -> Document:
    project = await db[PROJECTS.name].find_one({"_id": project_id}, session=session)
    if project is None:
        raise NotFound("No such project.")
    return project


async def save_members(
    db: Database, session: AsyncClientSession, project: Document, members: list[Any]
) -> Document:
    await db[PROJECTS.name].update_one(
        {"_id": project["_id"]}, {"$set": {"members": members}}, session=session
    )
    return {**project, "members": members}


async def without(
    db: Database, session: AsyncClientSession, project: Document, person_id: str, now: datetime
) -> Document:
    """The project without the person; an owner leaving hands it to the longest-standing
    member, and a project left without members is closed."""
    members = [entry for entry in project["members"] if entry["person_id"] != person_id]
    changes: dict[str, Any] = {"members": members}
    if project.get("owner_id") == person_id:
        remaining = [entry["person_id"] for entry in members if entry["status"] == MEMBER]
        changes["owner_id"] = remaining[0] if remaining else None
    if not any(entry["status"] == MEMBER for entry in members) and is_open(project):
        changes["closed_at"] = now
    await db[PROJECTS.name].update_one({"_id": project["_id"]}, {"$set": changes}, session=session)
    return {**project, **changes}
