"""Reading one community."""

from __future__ import annotations

import strawberry

from server.schema.catalog.types import Community
from server.schema.context import Info
from server.services.community.membership import get_community


@strawberry.type
class CommunityQueries:
    @strawberry.field
    async def community(self, info: Info, id: strawberry.ID) -> Community:
        info.context.require_person()
        return Community.from_doc(await get_community(info.context.db, str(id)))
