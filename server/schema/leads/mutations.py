"""Capturing a lead from a badge scan, and keeping notes and a rating on it."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.leads.types import Lead
from server.services.leads.capture import capture_lead, edit_lead


@strawberry.type
class LeadMutations:
    @strawberry.mutation(
        description="Exhibitor staff: record the person whose badge barcode you scanned (its "
        "scan code, never the sign-in code) as a lead. One-way: they receive nothing of yours."
    )
    async def capture_lead(
        self, info: Info, scan_code: str, notes: str | None = None, rating: int | None = None
    ) -> Lead:
        person = info.context.require_person()
        now = info.context.now()
        return Lead.from_doc(
            await capture_lead(info.context.db, person, scan_code, notes, rating, now)
        )

    @strawberry.mutation(description="Exhibitor staff: change a lead's notes or rating.")
    async def update_lead(
        self,
        info: Info,
        lead_id: strawberry.ID,
        notes: str | None = None,
        rating: int | None = None,
    ) -> Lead:
        person = info.context.require_person()
        now = info.context.now()
        return Lead.from_doc(
            await edit_lead(info.context.db, person, str(lead_id), notes, rating, now)
        )
