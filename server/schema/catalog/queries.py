"""Reading the interest taxonomy, communities and meeting locations."""

from __future__ import annotations

import strawberry

from server.schema.catalog.types import Community, Interest, MeetingLocation
from server.schema.context import Info
from server.services.event import catalog


@strawberry.type
class CatalogQueries:
    @strawberry.field(description="The interest taxonomy, by category.")
    async def interests(self, info: Info) -> list[Interest]:
        return [Interest.from_doc(doc) for doc in await catalog.list_interests(info.context.db)]

    @strawberry.field
    async def communities(self, info: Info) -> list[Community]:
        return [Community.from_doc(doc) for doc in await catalog.list_communities(info.context.db)]

    @strawberry.field(description="Tables, booths and rooms where meetings take place.")
    async def meeting_locations(self, info: Info) -> list[MeetingLocation]:
        docs = await catalog.list_locations(info.context.db)
        return [MeetingLocation.from_doc(doc) for doc in docs]
