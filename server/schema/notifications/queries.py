"""Reading one's own inbox, devices and preferences."""

from __future__ import annotations

import strawberry

from server.notifications.inbox import list_notifications, unread_count
from server.schema.context import Info
from server.schema.notifications.types import Device, Notification, NotificationPreferences
from server.services.devices.preferences import preferences_of
from server.services.devices.registry import list_devices

DEFAULT_FIRST = 20


@strawberry.type
class NotificationQueries:
    @strawberry.field(description="Your own notifications, newest first.")
    async def notifications(
        self, info: Info, first: int | None = DEFAULT_FIRST, unread_only: bool | None = False
    ) -> list[Notification]:
        person = info.context.require_person()
        first = DEFAULT_FIRST if first is None else first  # explicit null: the default
        docs = await list_notifications(info.context.db, person["_id"], first, bool(unread_only))
        return [Notification.from_doc(doc) for doc in docs]

    @strawberry.field
    async def unread_notification_count(self, info: Info) -> int:
        person = info.context.require_person()
        return await unread_count(info.context.db, person["_id"])

    @strawberry.field(description="Your phones registered for push.")
    async def my_devices(self, info: Info) -> list[Device]:
        person = info.context.require_person()
        return [Device.from_doc(doc) for doc in await list_devices(info.context.db, person)]

    @strawberry.field
    def notification_preferences(self, info: Info) -> NotificationPreferences:
        return NotificationPreferences.of(preferences_of(info.context.require_person()))
