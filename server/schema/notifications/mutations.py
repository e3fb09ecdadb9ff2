"""Registering phones for push, marking notifications read, and preferences."""

from __future__ import annotations

import strawberry

from server.errors import BadUserInput
from server.notifications.inbox import mark_read
from server.notifications.quiet_hours import QuietHours, parse_clock
from server.schema.context import Info
from server.schema.notifications.types import Device, NotificationPreferences
from server.services.devices.preferences import PreferenceChanges, update_preferences
from server.services.devices.registry import register_device, unregister_device
from server.vocabulary import NotificationKind, Platform


@strawberry.input(description="Times of day in the event's time zone, as HH:MM.")
class QuietHoursInput:
    start: str
    end: str

    def to_quiet_hours(self) -> QuietHours:
        start, end = parse_clock(self.start), parse_clock(self.end)
        if start is None or end is None:
            raise BadUserInput("Quiet hours are times of day such as 22:00.", field="quietHours")
        return QuietHours(start, end)


@strawberry.input(description="Omitted fields stay as they are.")
class NotificationPreferencesInput:
    muted_kinds: list[NotificationKind] | None = None
    quiet_hours: QuietHoursInput | None = None
    clear_quiet_hours: bool = False

    def to_changes(self) -> PreferenceChanges:
        return PreferenceChanges(
            muted_kinds=self.muted_kinds,
            quiet_hours=self.quiet_hours.to_quiet_hours() if self.quiet_hours else None,
            clear_quiet_hours=self.clear_quiet_hours,
        )


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(description="Register this phone for push (again at each app start).")
    async def register_device(
        self, info: Info, token: str, platform: Platform, app_version: str | None = None
    ) -> Device:
        context = info.context
        doc = await register_device(
            context.db, context.require_person(), token=token, platform=platform,
            app_version=app_version, now=context.now(),
            max_devices=context.services.settings.max_devices_per_person,
        )  # fmt: skip
        return Device.from_doc(doc)

    @strawberry.mutation(description="Stop pushing to this phone; false if it was not yours.")
    async def unregister_device(self, info: Info, token: str) -> bool:
        return await unregister_device(info.context.db, info.context.require_person(), token)

    @strawberry.mutation(
        description="Mark your own notifications read; returns how many were unread."
    )
    async def mark_notifications_read(self, info: Info, ids: list[strawberry.ID]) -> int:
        person = info.context.require_person()
        return await mark_read(
            info.context.db, person["_id"], [str(i) for i in ids], info.context.now()
        )

    @strawberry.mutation
    async def update_notification_preferences(
        self, info: Info, input: NotificationPreferencesInput
    ) -> NotificationPreferences:
        person = info.context.require_person()
        updated = await update_preferences(info.context.db, person, input.to_changes())
        return NotificationPreferences.of(updated)
