"""GraphQL type of the event."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.db.client import Document


@strawberry.type
class Event:
    id: strawberry.ID
    name: str
    venue: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    slot_minutes: int

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
        )
