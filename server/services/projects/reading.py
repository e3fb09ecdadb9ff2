"""Reading projects: who sees which, which members they see, which companies take part, and
whether competitors work together in it (coopetition, as matchmaking decides who competes)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from server.auth.permissions import is_organizer
from server.db.client import Database, Document
from server.db.collections import PROJECTS
from server.errors import NotFound
from server.matchmaking.suggestions.rules import competitors
from server.services.common.validation import page_size
from server.services.matchmaking.inputs import profile_of
from server.services.projects.records import MEMBER, find_project, status_of


def may_see_project(viewer: Document, project: Document) -> bool:
    """Projects are public to people listed in the directory (a board of joint work); unlisted
    people see only their own. Organizers see all."""
    return (
        is_organizer(viewer)
        or viewer.get("listed") is True
        or status_of(project, viewer["_id"]) is not None
    )


def sees_everyone_in(viewer: Document, project: Document) -> bool:
    """Its members, the people invited and organizers see every member and invitation; others
    see the members listed in the directory (unlisted people are shown only where they are)."""
    return is_organizer(viewer) or status_of(project, viewer["_id"]) is not None


async def read_project(db: Database, viewer: Document, project_id: str) -> Document:
    project = await find_project(db, project_id)
    if not may_see_project(viewer, project):
        raise NotFound("No such project.")
    return project


async def list_projects(
    db: Database,
    viewer: Document,
    interest_id: str | None,
    mine: bool,
    first: int,
    after: str | None,
) -> list[Document]:
    """Newest first: open projects, or (`mine`) every project one is in or invited to.
    `after` is the id of the last project of the previous page."""
    query: dict[str, Any] = {}
    if mine or not may_see_project(viewer, {"members": []}):
        query["members.person_id"] = viewer["_id"]
    else:
        query["closed_at"] = None
    if interest_id is not None:
        query["interest_ids"] = interest_id
    if after is not None:
        last = await find_project(db, after)
        query["$or"] = [
            {"created_at": {"$lt": last["created_at"]}},
            {"created_at": last["created_at"], "_id": {"$lt": last["_id"]}},
        ]
    cursor = db[PROJECTS.name].find(query).sort([("created_at", -1), ("_id", -1)])
    return await cursor.limit(page_size(first)).to_list()


def is_coopetition(members: Sequence[Document], organizations: dict[str, Document]) -> bool:
    """True when two members work for organizations that compete (different organizations
    sharing a market segment), as the matchmaking engine decides it."""
    profiles = [
        profile_of(person, organizations.get(person.get("organization_id") or ""))
        for person in members
    ]
    return any(competitors(a, b) for a, b in combinations(profiles, 2))


def shown_members(
    viewer: Document, project: Document, people: dict[str, Document]
) -> list[tuple[dict[str, Any], Document]]:
    """The (entry, person) pairs the viewer sees, longest-standing first; `people` holds the
    members' documents (a deleted person is gone from the project already)."""
    everyone = sees_everyone_in(viewer, project)
    return [
        (entry, people[entry["person_id"]])
        for entry in project["members"]
        if entry["person_id"] in people
        and (everyone or (entry["status"] == MEMBER and people[entry["person_id"]].get("listed")))
    ]
