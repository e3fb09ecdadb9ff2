"""The project document and the facts read from it: who is in, who is invited, is it open."""

from __future__ import annotations

from datetime import datetime

from server.auth.permissions import is_organizer
from server.db.client import Database, Document
from server.db.collections import PROJECTS
from server.errors import NotFound
from server.vocabulary import ProjectMemberStatus

MEMBER = ProjectMemberStatus.MEMBER.value
INVITED = ProjectMemberStatus.INVITED.value
MAX_TITLE_LENGTH = 120
MAX_GOAL_LENGTH = 1000
MAX_MEMBERS = 50  # members and open invitations together


def member_entry(person_id: str, status: str, now: datetime) -> dict[str, object]:
    return {"person_id": person_id, "status": status, "since": now}


async def find_project(db: Database, project_id: str) -> Document:
    project = await db[PROJECTS.name].find_one({"_id": project_id})
    if project is None:
        raise NotFound("No such project.")
    return project


def status_of(project: Document, person_id: str) -> str | None:
    """MEMBER, INVITED, or None for someone not in it."""
    for entry in project["members"]:
        if entry["person_id"] == person_id:
            status: str = entry["status"]
            return status
    return None


def member_ids(project: Document) -> list[str]:
    """The members (not the people invited), longest-standing first."""
    return [entry["person_id"] for entry in project["members"] if entry["status"] == MEMBER]


def is_member(project: Document, person_id: str) -> bool:
    return status_of(project, person_id) == MEMBER


def is_open(project: Document) -> bool:
    return project.get("closed_at") is None


def may_manage(person: Document, project: Document) -> bool:
    """Closing a project: its owner, or organizers."""
    return is_organizer(person) or project.get("owner_id") == person["_id"]
