"""A project's life: created by one person, who invites others (they accept or decline); members
leave (the owner's role passes to the longest-standing member); the owner or an organizer
closes it. Matchmaking hears of every change of who is in an open project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import PROJECTS
from server.db.transactions import in_transaction
from server.errors import Conflict, Forbidden, NotFound
from server.notifications.outbox import Notice, notify_each
from server.services.board.composer import plain_text
from server.services.board.records import excerpt
from server.services.common.validation import distinct, required_text
from server.services.event.catalog import known_interest_ids
from server.services.matchmaking.collaboration import collaboration_changed
from server.services.meetings.participants import visible_person
from server.services.people.blocks import is_blocked_between
from server.services.people.records import new_id
from server.services.projects.records import (
    INVITED,
    MAX_GOAL_LENGTH,
    MAX_MEMBERS,
    MAX_TITLE_LENGTH,
    MEMBER,
    find_project,
    is_open,
    may_manage,
    member_entry,
    member_ids,
    status_of,
)
from server.services.projects.roster import find_project_in, save_members, without
from server.vocabulary import IntentKind, NotificationKind


@dataclass(frozen=True)
class ProjectDraft:
    title: str
    goal: str
    forms: list[IntentKind]
    interest_ids: list[str]


async def create_project(
    db: Database, owner: Document, draft: ProjectDraft, now: datetime, refresh_delay: timedelta
) -> Document:
    doc = {
        "_id": new_id(),
        "title": required_text(draft.title, "title", MAX_TITLE_LENGTH),
        "goal": plain_text(draft.goal, "goal", MAX_GOAL_LENGTH),
        "forms": [form.value for form in distinct(draft.forms)],
        "interest_ids": await known_interest_ids(db, draft.interest_ids, "interestIds"),
        "owner_id": owner["_id"],
        "members": [member_entry(owner["_id"], MEMBER, now)],
        "created_at": now,
        "closed_at": None,
    }
    await db[PROJECTS.name].insert_one(doc)
    await collaboration_changed(db, [owner["_id"]], now, refresh_delay)
    return doc


def _require_open(project: Document) -> None:
    if not is_open(project):
        raise Conflict("This project is closed.", reason="PROJECT_CLOSED")


async def invite(
    db: Database, inviter: Document, project_id: str, person_id: str, now: datetime
) -> Document:
    """A member invites someone they may see (and who has not blocked them, nor they them)."""
    project = await find_project(db, project_id)
    if status_of(project, inviter["_id"]) != MEMBER:
        raise Forbidden("Only the project's members invite people to it.")
    _require_open(project)
    invitee = await visible_person(db, inviter, person_id)
    if await is_blocked_between(db, inviter["_id"], person_id):
        raise NotFound("No such person.")

    async def work(session: AsyncClientSession) -> Document:
        current = await find_project_in(db, session, project_id)
        status = status_of(current, person_id)
        if status is not None:
            word = "a member" if status == MEMBER else "invited already"
            raise Conflict(f"{invitee['name']} is {word}.", reason="ALREADY_IN_PROJECT")
        if len(current["members"]) >= MAX_MEMBERS:
            raise Conflict(f"A project has at most {MAX_MEMBERS} people.", reason="PROJECT_FULL")
        members = [*current["members"], member_entry(person_id, INVITED, now)]
        await save_members(db, session, current, members)
        notice = Notice(
            person_id,
            NotificationKind.PROJECT_INVITE,
            f"{inviter['name']} invites you to a joint project",
            f"“{current['title']}”: {excerpt(current['goal'])}",
            collapse_key=f"project-{project_id}",
            about={"projectId": project_id},
        )
        await notify_each(db, session, [notice], now=now)
        return {**current, "members": members}

    return await in_transaction(db, work)


async def respond(
    db: Database,
    person: Document,
    project_id: str,
    accept: bool,
    now: datetime,
    refresh_delay: timedelta,
) -> Document:
    async def work(session: AsyncClientSession) -> Document:
        project = await find_project_in(db, session, project_id)
        status = status_of(project, person["_id"])
        if status is None:
            raise NotFound("You have no invitation to this project.")
        if status == MEMBER:
            raise Conflict("You are a member already.", reason="ALREADY_IN_PROJECT")
        _require_open(project)
        members = [
            member_entry(person["_id"], MEMBER, now)
            if entry["person_id"] == person["_id"]
            else entry
            for entry in project["members"]
            if accept or entry["person_id"] != person["_id"]
        ]
        return await save_members(db, session, project, members)

    project = await in_transaction(db, work)
    if accept:
        await collaboration_changed(db, member_ids(project), now, refresh_delay)
    return project


async def leave(
    db: Database, person: Document, project_id: str, now: datetime, refresh_delay: timedelta
) -> None:
    """Leave a project (or drop an invitation). The last member leaving closes it."""

    async def work(session: AsyncClientSession) -> Document:
        project = await find_project_in(db, session, project_id)
        if status_of(project, person["_id"]) is None:
            raise NotFound("You are not in this project.")
        return await without(db, session, project, person["_id"], now)

    project = await in_transaction(db, work)
    await collaboration_changed(db, [person["_id"], *member_ids(project)], now, refresh_delay)


async def close(
    db: Database, person: Document, project_id: str, now: datetime, refresh_delay: timedelta
) -> Document:
    """Its owner or an organizer closes it: it stays readable, takes no posts or members, and
    matchmaking stops using it. Closing twice is harmless."""
    project = await find_project(db, project_id)
    if not may_manage(person, project):
        raise Forbidden("Only the project's owner or an organizer can close it.")
    if not is_open(project):
        return project
    await db[PROJECTS.name].update_one({"_id": project_id}, {"$set": {"closed_at": now}})
    await collaboration_changed(db, member_ids(project), now, refresh_delay)
    return {**project, "closed_at": now}
