"""Reading the event's meeting rules."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.meeting_grid.types import MeetingRules
from server.services.event.records import get_event
from server.services.meetings.rules import rules_of


@strawberry.type
class MeetingGridQueries:
    @strawberry.field(description="The event's rules for meeting requests: quotas and expiry.")
    async def meeting_rules(self, info: Info) -> MeetingRules:
        return MeetingRules.of(rules_of(await get_event(info.context.db)))
