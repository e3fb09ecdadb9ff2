"""The live inbox: the signed-in person's new notifications as they are created."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

import strawberry

from server.auth.permissions import may_read_notification
from server.notifications.live import live_notifications
from server.schema.context import Info
from server.schema.notifications.types import Notification


@strawberry.type
class NotificationSubscriptions:
    @strawberry.subscription(
        description="Your own notifications as they are created. After a reconnect, pass the "
        "id of the last one you got as `after`: the ones you missed come first (with a few "
        "from just before it, which you drop by id)."
    )
    async def notifications(
        self, info: Info, after: strawberry.ID | None = None
    ) -> AsyncGenerator[Notification, None]:
        context = info.context
        person = context.require_person()
        docs = live_notifications(
            context.services.notifications.live, context.db, person["_id"],
            str(after) if after is not None else None, context.now,
        )  # fmt: skip
        async with aclosing(docs):
            async for doc in docs:
                if may_read_notification(person, doc):
                    yield Notification.from_doc(doc)
