"""What follow-ups tell matchmaking. Two people with a meeting are not suggested to each other
(see matchmaking/inputs.py); people who met stay that way for good. A meeting that did not
happen is the exception, and a private one: whoever recorded NO_SHOW may be suggested the other
person again (unless the other recorded MET); nothing changes for the other person, and no
score, list or number anyone else sees goes down."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import MEETING_FOLLOW_UPS
from server.vocabulary import MeetingOutcome

IN_CHUNK = 100  # ids per `$in`: long lists are slow on some servers


async def reopened(db: Database, person_id: str | None = None) -> set[tuple[str, str]]:
    """(meeting id, person id) of the meetings after which that person may be suggested the
    other again: everyone's, or one person's."""
    query: dict[str, object] = {"outcome": MeetingOutcome.NO_SHOW.value}
    if person_id is not None:
        query["person_id"] = person_id
    follow_ups = db[MEETING_FOLLOW_UPS.name]
    missed = {
        (doc["meeting_id"], doc["person_id"])
        async for doc in follow_ups.find(query, {"meeting_id": 1, "person_id": 1})
    }
    meetings = sorted({meeting_id for meeting_id, _ in missed})
    met: set[str] = set()
    for start in range(0, len(meetings), IN_CHUNK):
        chunk = meetings[start : start + IN_CHUNK]
        said_met = {"meeting_id": {"$in": chunk}, "outcome": MeetingOutcome.MET.value}
        met |= {doc["meeting_id"] async for doc in follow_ups.find(said_met, {"meeting_id": 1})}
    return {(meeting_id, person) for meeting_id, person in missed if meeting_id not in met}
