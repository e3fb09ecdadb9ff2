"""Reading whom one said one wants to meet."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.scheduling.types import MeetingInterest
from server.services.meetings.interest import interests_of


@strawberry.type
class SchedulingQueries:
    @strawberry.field(description="People you said you want to meet, and whether it is mutual.")
    async def my_meeting_interests(self, info: Info) -> list[MeetingInterest]:
        person = info.context.require_person()
        interests = await interests_of(info.context.db, person["_id"])
        people = await info.context.loaders.people.load_many([other for other, _ in interests])
        return [
            MeetingInterest.of(doc, mutual)
            for doc, (_, mutual) in zip(people, interests, strict=True)
            if doc is not None
        ]
