"""Telling a community's or a project's members of a new post or reply, in the shape
announcements use: the post's transaction writes a few push jobs of 500 people each (four for a
community of 2,000), and a dispatcher writes their inbox notifications (which the live view
shows) before it pushes to those who want pushes; the others' jobs stop at the inbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database
from server.db.collections import PEOPLE, PUSH_JOBS
from server.notifications.outbox import STAGE_INBOX, push_job_doc
from server.services.board.records import Place
from server.services.community.membership import PUSH_FIELD
from server.services.people.records import new_id
from server.services.projects.records import find_project, member_ids

CHUNK = 500  # people per job: one FCM batch when each has one phone


async def place_audience(
    db: Database, place: Place, leave_out: set[str]
) -> tuple[list[str], set[str]]:
    """The members told of a post in this place (none for the board), and those of them whose
    phones are pushed: in a community, members who asked for its pushes; on a project, all."""
    if place.community_id is not None:
        members = db[PEOPLE.name].find({"community_ids": place.community_id}, {PUSH_FIELD: 1})
        audience, pushed = [], set()
        async for person in members.sort("_id", 1):
            if person["_id"] in leave_out:
                continue
            audience.append(person["_id"])
            if place.community_id in person.get(PUSH_FIELD, []):
                pushed.add(person["_id"])
        return audience, pushed
    if place.project_id is not None:
        project = await find_project(db, place.project_id)
        audience = [person for person in member_ids(project) if person not in leave_out]
        return audience, set(audience)
    return [], set()


async def fan_out(
    db: Database,
    session: AsyncClientSession,
    audience: Sequence[str],
    pushed: set[str],
    content: dict[str, Any],
    now: datetime,
) -> int:
    """Write the jobs that tell `audience` (inbox and live view; a push for those in `pushed`),
    in the caller's transaction; returns how many jobs."""
    groups = [
        ([person for person in audience if person in pushed], False),
        ([person for person in audience if person not in pushed], True),
    ]
    jobs = []
    for people, inbox_only in groups:
        for start in range(0, len(people), CHUNK):
            chunk = people[start : start + CHUNK]
            pairs = [(person, new_id()) for person in chunk]
            job = push_job_doc(pairs, content, now=now, stage=STAGE_INBOX)
            job["inbox_only"] = inbox_only
            jobs.append(job)
    if jobs:
        await db[PUSH_JOBS.name].insert_many(jobs, session=session)
    return len(jobs)
