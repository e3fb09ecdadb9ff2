"""GraphQL type of the event."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.db.client import Document
from server.schema.meetings.types import TimeSlot
from server.services.meetings.grid import grid_of


@strawberry.type
class Event:
    id: strawberry.ID
    name: str
    venue: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    slot_minutes: int
    meeting_hours: list[TimeSlot] = strawberry.field(
        description="When meetings can take place, cut into slots of slotMinutes."
    )

    @classmethod
    def from_doc(cls, doc: Document) -> Event:
        return cls(
            id=strawberry.ID(doc["_id"]),
            name=doc["name"],
            venue=doc["venue"],
            timezone=doc["timezone"],
            starts_at=doc["starts_at"],
            ends_at=doc["ends_at"],
            slot_minutes=doc.get("slot_minutes", 20),
            meeting_hours=[TimeSlot.of(span) for span in grid_of(doc).hours],
        )
