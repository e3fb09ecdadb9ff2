"""The organization's leads: listed for its booth staff, exported as CSV to them only."""

from __future__ import annotations

from server.auth.permissions import require_booth_staff, require_exhibitor
from server.db.client import Database, Document
from server.db.collections import LEADS, ORGANIZATIONS, PEOPLE
from server.services.common.spreadsheet import csv_rows

COLUMNS = ["name", "email", "organization", "headline", "sources", "rating", "notes",
           "captured_by", "captured_at"]  # fmt: skip


async def organization_leads(db: Database, staff: Document) -> list[Document]:
    organization_id = require_exhibitor(staff)
    cursor = db[LEADS.name].find({"organization_id": organization_id}).sort("created_at", 1)
    return await cursor.to_list()


async def _by_id(db: Database, collection: str, ids: set[str]) -> dict[str, Document]:
    return {doc["_id"]: doc async for doc in db[collection].find({"_id": {"$in": sorted(ids)}})}


async def leads_csv(db: Database, staff: Document, organization_id: str) -> str:
    """FORBIDDEN unless the caller staffs this organization's booth."""
    require_booth_staff(staff, organization_id)
    leads = (
        await db[LEADS.name]
        .find({"organization_id": organization_id})
        .sort("created_at", 1)
        .to_list()
    )
    people = await _by_id(
        db, PEOPLE.name, {lead["person_id"] for lead in leads} | {
            lead["captured_by"] for lead in leads if lead.get("captured_by")}
    )  # fmt: skip
    organizations = await _by_id(
        db, ORGANIZATIONS.name,
        {p["organization_id"] for p in people.values() if p.get("organization_id")},
    )  # fmt: skip
    rows: list[list[object]] = [[*COLUMNS]]
    for lead in leads:
        person = people.get(lead["person_id"], {})
        organization = organizations.get(person.get("organization_id") or "", {})
        captor = people.get(lead.get("captured_by") or "", {})
        row = [
            person.get("name"), person.get("email"), organization.get("name"),
            person.get("headline"), ";".join(lead.get("sources", [])), lead.get("rating"),
            lead.get("notes"), captor.get("name"), lead["created_at"].isoformat(),
        ]  # fmt: skip
        rows.append(row)
    return csv_rows(rows)
