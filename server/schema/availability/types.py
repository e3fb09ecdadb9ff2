"""GraphQL types of blocked times and meeting preferences."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.db.client import Document
from server.services.meetings.preferences import MeetingPreferences as Preferences


@strawberry.type(description="A time you are not available for meetings.")
class BlockedTime:
    id: strawberry.ID
    starts_at: datetime
    ends_at: datetime
    note: str | None

    @classmethod
    def from_doc(cls, doc: Document) -> BlockedTime:
        return cls(
            id=strawberry.ID(doc["_id"]), starts_at=doc["starts_at"], ends_at=doc["ends_at"],
            note=doc.get("note"),
        )  # fmt: skip


@strawberry.type
class MeetingPreferences:
    bookmarks_block_meetings: bool = strawberry.field(
        description="Sessions you bookmark make you unavailable for meetings at their times."
    )
    accepts_vendor_requests: bool = strawberry.field(
        description="Exhibitors may request meetings with you."
    )

    @classmethod
    def of(cls, preferences: Preferences) -> MeetingPreferences:
        return cls(
            bookmarks_block_meetings=preferences.bookmarks_block_meetings,
            accepts_vendor_requests=preferences.accepts_vendor_requests,
        )


@strawberry.input
class MeetingPreferencesInput:
    bookmarks_block_meetings: bool | None = None
    accepts_vendor_requests: bool | None = None
