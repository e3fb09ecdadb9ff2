"""Exhibitor staff capture a lead by scanning a badge, then keep notes and a rating on it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ReturnDocument

from server.auth.permissions import require_booth_staff, require_exhibitor
from server.db.client import Database, Document
from server.db.collections import LEADS, PEOPLE
from server.errors import BadUserInput, NotFound
from server.services.common import validation
from server.services.leads.records import add_lead
from server.vocabulary import LeadSource

MAX_NOTES_LENGTH = 2000
MAX_CODE_LENGTH = 64


async def badge_holder(db: Database, scan_code: str) -> Document:
    """The wearer of the badge whose barcode holds `scan_code` (never the sign-in code)."""
    code = scan_code.strip()
    if not code or len(code) > MAX_CODE_LENGTH:
        raise BadUserInput("That is not a badge scan code.", field="scanCode")
    person = await db[PEOPLE.name].find_one({"scan_code": code})
    if person is None:
        raise NotFound("No badge has that scan code.")
    return person


def _details(notes: str | None, rating: int | None) -> dict[str, Any]:
    """Only what is given changes; an empty note clears it."""
    details: dict[str, Any] = {}
    if notes is not None:
        details["notes"] = validation.optional_text(notes, "notes", MAX_NOTES_LENGTH)
    if rating is not None:
        if not 1 <= rating <= 5:
            raise BadUserInput("rating must be between 1 and 5.", field="rating")
        details["rating"] = rating
    return details


async def capture_lead(
    db: Database, staff: Document, scan_code: str, notes: str | None, rating: int | None,
    now: datetime,
) -> Document:  # fmt: skip
    """One-way: the organization gets the lead; the scanned person gets nothing of theirs."""
    organization_id = require_exhibitor(staff)
    details = _details(notes, rating)
    person = await badge_holder(db, scan_code)
    if person.get("organization_id") == organization_id:
        raise BadUserInput("That is a colleague's badge.", field="scanCode")
    lead = await add_lead(db, organization_id, person["_id"], source=LeadSource.BADGE_SCAN,
                          captured_by=staff["_id"], now=now)  # fmt: skip
    return await update_lead(db, staff, lead["_id"], details, now) if details else lead


async def edit_lead(
    db: Database, staff: Document, lead_id: str, notes: str | None, rating: int | None,
    now: datetime,
) -> Document:  # fmt: skip
    return await update_lead(db, staff, lead_id, _details(notes, rating), now)


async def update_lead(
    db: Database, staff: Document, lead_id: str, details: dict[str, Any], now: datetime
) -> Document:
    lead = await db[LEADS.name].find_one({"_id": lead_id})
    if lead is None:
        raise NotFound("No such lead.")
    require_booth_staff(staff, lead["organization_id"])
    updated = await db[LEADS.name].find_one_and_update(
        {"_id": lead_id}, {"$set": {**details, "updated_at": now}},
        return_document=ReturnDocument.AFTER,
    )  # fmt: skip
    if updated is None:
        raise NotFound("No such lead.")
    return updated
