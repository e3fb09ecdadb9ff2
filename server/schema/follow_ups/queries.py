"""Reading one's meeting follow-ups."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.follow_ups.types import MeetingFollowUp
from server.services.follow_ups.recording import follow_ups_of


@strawberry.type
class FollowUpQueries:
    @strawberry.field(description="How your meetings went, as you recorded it; latest first.")
    async def my_follow_ups(self, info: Info) -> list[MeetingFollowUp]:
        person = info.context.require_person()
        docs = await follow_ups_of(info.context.db, person["_id"])
        return [MeetingFollowUp.from_doc(doc) for doc in docs]
