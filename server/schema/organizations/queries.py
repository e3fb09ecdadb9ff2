"""Reading exhibitors and organizations."""

from __future__ import annotations

import strawberry

from server.errors import NotFound
from server.schema.context import Info
from server.schema.organizations.types import Organization, OrganizationConnection
from server.services.organizations.exhibitors import list_exhibitors


@strawberry.type
class OrganizationQueries:
    @strawberry.field(description="Organizations with a booth, by name.")
    async def exhibitors(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        search: str | None = None,
        segment: str | None = None,
    ) -> OrganizationConnection:
        page = await list_exhibitors(
            info.context.db, search=search, segment=segment, first=first, after=after
        )
        return OrganizationConnection.from_page(page)

    @strawberry.field
    async def organization(self, info: Info, id: strawberry.ID) -> Organization | None:
        doc = await info.context.loaders.organizations.load(str(id))
        if doc is None:
            raise NotFound("No such organization.")
        return Organization.from_doc(doc)
