"""Exhibitor staff read their organization's leads, as a list or as CSV."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.leads.types import Lead
from server.services.leads.export import leads_csv, organization_leads


@strawberry.type
class LeadQueries:
    @strawberry.field(description="Exhibitor staff: your organization's leads, oldest first.")
    async def my_leads(self, info: Info) -> list[Lead]:
        person = info.context.require_person()
        return [Lead.from_doc(doc) for doc in await organization_leads(info.context.db, person)]

    @strawberry.field(description="Exhibitor staff: your organization's leads as CSV text.")
    async def leads_csv(self, info: Info, organization_id: strawberry.ID) -> str:
        person = info.context.require_person()
        return await leads_csv(info.context.db, person, str(organization_id))
