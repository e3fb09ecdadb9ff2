"""Writing a lead: one per organization and person, whatever brought it in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from server.auth.permissions import is_booth_staff
from server.db.client import Database, Document
from server.db.collections import LEADS
from server.services.people.records import new_id
from server.vocabulary import LeadSource


async def add_lead(
    db: Database,
    organization_id: str,
    person_id: str,
    *,
    source: LeadSource,
    captured_by: str,
    now: datetime,
    meeting_id: str | None = None,
    session: AsyncClientSession | None = None,
) -> Document:
    """Create the lead, or add this source to the existing one."""
    update: dict[str, Any] = {
        "$setOnInsert": {"_id": new_id(), "created_at": now, "captured_by": captured_by,
                         "notes": None, "rating": None},
        "$addToSet": {"sources": source.value},
        "$set": {"updated_at": now},
    }  # fmt: skip
    if meeting_id is not None:
        update["$addToSet"]["meeting_ids"] = meeting_id
    lead = await db[LEADS.name].find_one_and_update(
        {"organization_id": organization_id, "person_id": person_id},
        update, upsert=True, return_document=ReturnDocument.AFTER, session=session,
    )  # fmt: skip
    assert lead is not None  # an upsert always returns the document
    return lead


async def leads_from_meeting(
    db: Database, session: AsyncClientSession, people: list[Document], meeting_id: str,
    now: datetime,
) -> None:  # fmt: skip
    """An accepted meeting with exhibitor staff is a lead for their organization."""
    for staff in people:
        organization_id = staff.get("organization_id")
        if organization_id is None or not is_booth_staff(staff, organization_id):
            continue
        for other in people:
            if other.get("organization_id") != organization_id:
                await add_lead(
                    db, organization_id, other["_id"], source=LeadSource.MEETING,
                    captured_by=staff["_id"], now=now, meeting_id=meeting_id, session=session,
                )  # fmt: skip
