"""Reading the event."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.event.types import Event
from server.services.event.records import get_event


@strawberry.type
class EventQueries:
    @strawberry.field(description="The event this server runs.")
    async def event(self, info: Info) -> Event:
        return Event.from_doc(await get_event(info.context.db))
