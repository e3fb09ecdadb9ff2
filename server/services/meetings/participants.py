"""Loading the people of a meeting as the person asking may see them."""

from __future__ import annotations

from server.auth.permissions import may_see_person
from server.db.client import Database, Document
from server.db.collections import CONNECTIONS, MEETINGS, PEOPLE
from server.errors import NotFound


async def connection_ids(db: Database, person_id: str) -> set[str]:
    cursor = db[CONNECTIONS.name].find({"people": person_id}, {"people": 1})
    return {other async for doc in cursor for other in doc["people"] if other != person_id}


async def visible_person(db: Database, viewer: Document, person_id: str) -> Document:
    """The person, if the viewer may see them; NOT_FOUND otherwise (no hint that they exist)."""
    person = await db[PEOPLE.name].find_one({"_id": person_id})
    if person is None or not may_see_person(
        viewer, person, await connection_ids(db, viewer["_id"])
    ):
        raise NotFound("No such person.")
    return person


async def people_of(db: Database, meeting: Document) -> list[Document]:
    """Both participants still at the event, in the meeting's order."""
    found = {
        doc["_id"]: doc
        async for doc in db[PEOPLE.name].find({"_id": {"$in": meeting["participants"]}})
    }
    return [found[p] for p in meeting["participants"] if p in found]


async def load_meeting(db: Database, meeting_id: str) -> Document:
    meeting = await db[MEETINGS.name].find_one({"_id": meeting_id})
    if meeting is None:
        raise NotFound("No such meeting.")
    return meeting
