"""Reading one's blocked times and meeting preferences."""

from __future__ import annotations

import strawberry

from server.schema.availability.types import BlockedTime, MeetingPreferences
from server.schema.context import Info
from server.services.meetings.blocks import list_blocks
from server.services.meetings.preferences import preferences_of


@strawberry.type
class AvailabilityQueries:
    @strawberry.field(description="Times you blocked for meetings, in time order.")
    async def my_blocked_times(self, info: Info) -> list[BlockedTime]:
        person = info.context.require_person()
        return [
            BlockedTime.from_doc(doc) for doc in await list_blocks(info.context.db, person["_id"])
        ]

    @strawberry.field
    def my_meeting_preferences(self, info: Info) -> MeetingPreferences:
        return MeetingPreferences.of(preferences_of(info.context.require_person()))
