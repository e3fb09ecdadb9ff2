"""Requesting, answering, cancelling and re-timing meetings."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.schema.context import Info
from server.schema.meetings.types import Meeting
from server.services.meetings.lifecycle import cancel, respond
from server.services.meetings.requests import MeetingRequest, request_meeting
from server.services.meetings.reschedule import propose_new_time


@strawberry.input
class MeetingRequestInput:
    invitee_id: strawberry.ID
    starts_at: datetime = strawberry.field(description="The start of a slot on the meeting grid.")
    message: str | None = None


@strawberry.type
class MeetingMutations:
    @strawberry.mutation(
        description="Ask someone to meet in a grid slot; it holds the slot and a place for both "
        "of you until they answer or it expires."
    )
    async def request_meeting(self, info: Info, input: MeetingRequestInput) -> Meeting:
        person = info.context.require_person()
        request = MeetingRequest(str(input.invitee_id), input.starts_at, input.message)
        doc = await request_meeting(info.context.db, person, request, info.context.now())
        return Meeting.from_doc(doc, info.context.now())

    @strawberry.mutation(description="Accept or decline a request waiting for your answer.")
    async def respond_to_meeting(
        self, info: Info, meeting_id: strawberry.ID, accept: bool
    ) -> Meeting:
        person = info.context.require_person()
        doc = await respond(
            info.context.db, person, str(meeting_id), accept, info.context.now(),
            reminder_minutes=info.context.settings.reminder_minutes_before,
        )  # fmt: skip
        info.context.loaders.connections.clear_all()
        return Meeting.from_doc(doc, info.context.now())

    @strawberry.mutation(description="Cancel a meeting, or withdraw a request you sent.")
    async def cancel_meeting(
        self, info: Info, meeting_id: strawberry.ID, reason: str | None = None
    ) -> Meeting:
        person = info.context.require_person()
        doc = await cancel(info.context.db, person, str(meeting_id), reason, info.context.now())
        return Meeting.from_doc(doc, info.context.now())

    @strawberry.mutation(
        description="Move a meeting to another free slot; the other person answers again."
    )
    async def propose_new_time(
        self, info: Info, meeting_id: strawberry.ID, starts_at: datetime
    ) -> Meeting:
        person = info.context.require_person()
        now = info.context.now()
        doc = await propose_new_time(info.context.db, person, str(meeting_id), starts_at, now)
        return Meeting.from_doc(doc, now)
