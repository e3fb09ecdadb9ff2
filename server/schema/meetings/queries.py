"""Reading one's schedule, a meeting, free slots with someone, and an exhibitor's requests."""

from __future__ import annotations

import strawberry

from server.schema.common import MeetingStatus
from server.schema.context import Info
from server.schema.meetings.types import Meeting, TimeSlot
from server.services.meetings.availability import available_slots_with
from server.services.meetings.queries import meeting_for, my_meetings, organization_requests


@strawberry.type
class MeetingQueries:
    @strawberry.field(description="Your meetings in time order; all statuses unless given.")
    async def my_meetings(
        self, info: Info, status: list[MeetingStatus] | None = None
    ) -> list[Meeting]:
        person = info.context.require_person()
        now = info.context.now()
        docs = await my_meetings(info.context.db, person["_id"], status, now)
        return [Meeting.from_doc(doc, now) for doc in docs]

    @strawberry.field
    async def meeting(self, info: Info, id: strawberry.ID) -> Meeting:
        person = info.context.require_person()
        doc = await meeting_for(info.context.db, person, str(id))
        return Meeting.from_doc(doc, info.context.now())

    @strawberry.field(
        description="Future slots where you and this person are both free and a place is free."
    )
    async def available_slots(self, info: Info, with_person_id: strawberry.ID) -> list[TimeSlot]:
        person = info.context.require_person()
        slots = await available_slots_with(
            info.context.db, person, str(with_person_id), info.context.now()
        )
        return [TimeSlot.of(slot) for slot in slots]

    @strawberry.field(
        description="Exhibitor staff: requests to anyone of your organization, in time order."
    )
    async def organization_meeting_requests(
        self, info: Info, status: list[MeetingStatus] | None = None
    ) -> list[Meeting]:
        person = info.context.require_person()
        now = info.context.now()
        docs = await organization_requests(info.context.db, person, status, now)
        return [Meeting.from_doc(doc, now) for doc in docs]
