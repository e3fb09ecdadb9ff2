"""Recording how a meeting went."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.follow_ups.types import MeetingFollowUp, MeetingFollowUpInput
from server.services.follow_ups.recording import FollowUp, record_follow_up


@strawberry.type
class FollowUpMutations:
    @strawberry.mutation(
        description="After an accepted meeting's end: whether you met, what comes next, kudos, "
        "and a private note. Recording it again replaces it."
    )
    async def record_meeting_follow_up(
        self, info: Info, input: MeetingFollowUpInput
    ) -> MeetingFollowUp:
        context = info.context
        person = context.require_person()
        given = FollowUp(
            meeting_id=str(input.meeting_id),
            outcome=input.outcome,
            next_steps=list(input.next_steps or []),
            kudos=bool(input.kudos),
            note=input.note,
        )
        doc = await record_follow_up(
            context.db, person, given, context.now(), context.settings.refresh_delay
        )
        return MeetingFollowUp.from_doc(doc)
