"""Blocking times and setting meeting preferences."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.schema.availability.types import (
    BlockedTime,
    MeetingPreferences,
    MeetingPreferencesInput,
)
from server.schema.context import Info
from server.services.meetings.blocks import block_time, unblock_time
from server.services.meetings.preferences import update_preferences


@strawberry.type
class AvailabilityMutations:
    @strawberry.mutation(description="Be unavailable for meetings in this span of time.")
    async def block_time(
        self, info: Info, starts_at: datetime, ends_at: datetime, note: str | None = None
    ) -> BlockedTime:
        person = info.context.require_person()
        doc = await block_time(
            info.context.db, person, starts_at, ends_at, note, info.context.now()
        )
        return BlockedTime.from_doc(doc)

    @strawberry.mutation
    async def unblock_time(self, info: Info, id: strawberry.ID) -> bool:
        await unblock_time(info.context.db, info.context.require_person(), str(id))
        return True

    @strawberry.mutation(description="Change your meeting preferences; omitted ones stay.")
    async def update_meeting_preferences(
        self, info: Info, input: MeetingPreferencesInput
    ) -> MeetingPreferences:
        preferences = await update_preferences(
            info.context.db, info.context.require_person(),
            bookmarks_block_meetings=input.bookmarks_block_meetings,
            accepts_vendor_requests=input.accepts_vendor_requests,
        )  # fmt: skip
        return MeetingPreferences.of(preferences)
