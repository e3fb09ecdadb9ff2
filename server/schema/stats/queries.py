"""The event's numbers and its meetings, for organizers."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.stats.types import EventStats, MeetingConnection, MeetingFilter
from server.services.stats.meeting_list import event_meetings
from server.services.stats.summary import event_stats


@strawberry.type
class StatsQueries:
    @strawberry.field(description="The event's numbers. Organizers only.")
    async def event_stats(self, info: Info) -> EventStats:
        info.context.require_organizer()
        return EventStats.of(await event_stats(info.context.db, info.context.now()))

    @strawberry.field(description="The event's meetings by start time. Organizers only.")
    async def event_meetings(
        self,
        info: Info,
        filter: MeetingFilter | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> MeetingConnection:
        info.context.require_organizer()
        now = info.context.now()
        meeting_filter = (filter or MeetingFilter()).to_filter()
        page, total = await event_meetings(info.context.db, meeting_filter, first, after, now)
        return MeetingConnection.of(page, total, now)
