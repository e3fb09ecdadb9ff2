"""Saying whom one wants to meet; organizers auto-schedule the eligible pairs."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.scheduling.types import AutoScheduleInput, AutoScheduleReport, MeetingInterest
from server.services.meetings.grid import as_utc
from server.services.meetings.interest import express_interest, withdraw_interest
from server.services.scheduling.instance import Window
from server.services.scheduling.run import ScheduleOptions, tracked_schedule


def _options(input: AutoScheduleInput) -> ScheduleOptions:
    window = Window(
        as_utc(input.starts_at, "startsAt") if input.starts_at else None,
        as_utc(input.ends_at, "endsAt") if input.ends_at else None,
    )
    return ScheduleOptions(
        mode=input.mode, window=window, max_meetings_per_person=input.max_meetings_per_person,
        time_limit_seconds=input.time_limit_seconds,
    )  # fmt: skip


@strawberry.type
class SchedulingMutations:
    @strawberry.mutation(
        description="Say you want to meet this person; when they say so too, organizers' "
        "auto-scheduling may book you a meeting."
    )
    async def express_interest(self, info: Info, person_id: strawberry.ID) -> MeetingInterest:
        person = info.context.require_person()
        db, now = info.context.db, info.context.now()
        other, mutual = await express_interest(db, person, str(person_id), now)
        return MeetingInterest.of(other, mutual)

    @strawberry.mutation(description="Take back an interest; false if there was none.")
    async def withdraw_interest(self, info: Info, person_id: strawberry.ID) -> bool:
        person = info.context.require_person()
        return await withdraw_interest(info.context.db, person, str(person_id))

    @strawberry.mutation(
        description="Organizers: timetable the eligible pairs (mutual interest, or suggested "
        "pairs for a speed-networking round) with the matchmaking engine and book the meetings "
        "in one step. Follow it meanwhile with workRuns(kind: SCHEDULE)."
    )
    async def auto_schedule(
        self, info: Info, input: AutoScheduleInput | None = None
    ) -> AutoScheduleReport:
        organizer = info.context.require_organizer()
        options = _options(input or AutoScheduleInput())
        settings = info.context.settings
        run_id, report = await tracked_schedule(
            info.context.db,
            organizer,
            options,
            info.context.services.clock,
            reminder_minutes=settings.reminder_minutes_before,
            lease_seconds=settings.run_lease_seconds,
        )
        return AutoScheduleReport.of(report, info.context.now(), run_id)
