"""Organizers change meeting hours, places and rules; displaced meetings move or are cancelled."""

from __future__ import annotations

import strawberry

from server.schema.catalog.types import MeetingLocation
from server.schema.common import LocationKind
from server.schema.context import Info
from server.schema.meeting_grid.types import (
    MeetingChangeReport,
    MeetingRules,
    MeetingRulesInput,
    TimeRangeInput,
)
from server.services.meetings import organizer
from server.services.meetings.grid import DEFAULT_SLOT_MINUTES, Span
from server.services.meetings.rules import update_rules


@strawberry.type
class MeetingGridMutations:
    @strawberry.mutation(
        description="Organizers: replace the meeting hours and slot length. Meetings no longer "
        "on the grid move to the nearest slot free for both people, or are cancelled."
    )
    async def set_meeting_hours(
        self, info: Info, hours: list[TimeRangeInput], slot_minutes: int = DEFAULT_SLOT_MINUTES
    ) -> MeetingChangeReport:
        person = info.context.require_organizer()
        spans = [Span(item.starts_at, item.ends_at) for item in hours]
        now = info.context.now()
        report = await organizer.set_meeting_hours(
            info.context.db, person, spans, slot_minutes, now,
            reminder_minutes=info.context.settings.reminder_minutes_before,
        )  # fmt: skip
        return MeetingChangeReport.of(report, now)

    @strawberry.mutation(description="Organizers: add (or rename) a table, booth or room.")
    async def add_meeting_location(
        self, info: Info, id: strawberry.ID, name: str, kind: LocationKind
    ) -> MeetingLocation:
        info.context.require_organizer()
        return MeetingLocation.from_doc(
            await organizer.add_location(info.context.db, str(id), name, kind)
        )

    @strawberry.mutation(
        description="Organizers: remove a place. Its meetings move to another free place at "
        "the same time, or are cancelled."
    )
    async def remove_meeting_location(self, info: Info, id: strawberry.ID) -> MeetingChangeReport:
        person = info.context.require_organizer()
        now = info.context.now()
        report = await organizer.remove_location(
            info.context.db, person, str(id), now,
            reminder_minutes=info.context.settings.reminder_minutes_before,
        )  # fmt: skip
        return MeetingChangeReport.of(report, now)

    @strawberry.mutation(description="Organizers: change some meeting rules; the rest stay.")
    async def update_meeting_rules(self, info: Info, input: MeetingRulesInput) -> MeetingRules:
        info.context.require_organizer()
        return MeetingRules.of(await update_rules(info.context.db, input.changes()))
