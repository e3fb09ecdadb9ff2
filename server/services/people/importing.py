"""Importing people from the organizer's CSV: safe to re-run, bad rows reported, the rest stored.

A re-import updates what the organizer owns (name, role, organization, badge code when given);
profile fields (headline, interests, intents, consent flags) are set only until the person edits
their own profile, so a late re-import never overwrites what someone chose in the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pymongo import UpdateOne

from server.auth.badge_codes import generate_badge_code, generate_scan_code, hash_badge_code
from server.db.client import Database, Document
from server.db.collections import COMMUNITIES, INTERESTS, ORGANIZATIONS, PEOPLE
from server.services.common.text import normalise
from server.services.meetings.locations import sync_booth_locations
from server.services.people.import_rows import PersonRow, RowError, parse_people_csv
from server.services.people.named_records import find_or_create
from server.services.people.records import derived_fields, interest_labels, labels_of, new_id
from server.vocabulary import Sector

CHUNK = 500
Progress = Callable[[int], None]


@dataclass(frozen=True)
class NewCodes:
    """What to print on a new person's badge: the sign-in code (empty when the file gave it)
    and the public scan code for its barcode."""

    email: str
    badge_code: str
    scan_code: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_codes: list[NewCodes] = field(default_factory=list)


@dataclass
class _Names:
    """Ids of the organizations, interests and communities the file names."""

    organizations: dict[str, Document] = field(default_factory=dict)
    interests: dict[str, str] = field(default_factory=dict)
    communities: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # interest id -> label, for search


async def _resolve_names(db: Database, rows: list[PersonRow]) -> _Names:
    names = _Names()
    for row in rows:
        if row.organization and normalise(row.organization) not in names.organizations:
            update: dict[str, Any] = {}
            if row.organization_sector:
                update["sector"] = row.organization_sector.value
            if row.organization_segments is not None:
                update["segments"] = list(row.organization_segments)
            if row.booth:
                update["booth"] = row.booth
            names.organizations[normalise(row.organization)] = await find_or_create(
                db, ORGANIZATIONS.name, "name", row.organization, id_prefix="org-",
                on_insert={"sector": Sector.OTHER.value, "segments": [], "booth": None},
                update=update,
            )  # fmt: skip
        for label in row.interests:
            if normalise(label) not in names.interests:
                doc = await find_or_create(
                    db, INTERESTS.name, "label", label, on_insert={"category": None}
                )
                names.interests[normalise(label)] = doc["_id"]
                names.labels[doc["_id"]] = doc["label"]
        for community in row.communities:
            if normalise(community) not in names.communities:
                doc = await find_or_create(
                    db, COMMUNITIES.name, "name", community, on_insert={"description": None}
                )
                names.communities[normalise(community)] = doc["_id"]
    return names


def _person_update(
    row: PersonRow, existing: Document | None, names: _Names, now: datetime
) -> tuple[dict[str, Any], NewCodes | None]:
    """The update for one row, and the codes of a new person."""
    organization = names.organizations.get(normalise(row.organization or ""))
    owned: dict[str, Any] = {
        "name": row.name,
        "role": row.role.value,
        "organization_id": organization["_id"] if organization else None,
        "updated_at": now,
    }
    profile: dict[str, Any] = {
        "headline": row.headline,
        "interest_ids": [names.interests[normalise(label)] for label in row.interests],
        "seeking": [kind.value for kind in row.seeking],
        "offering": [kind.value for kind in row.offering],
        "open_to_competitors": row.open_to_competitors,
        "listed": row.listed,
        "community_ids": [names.communities[normalise(name)] for name in row.communities],
    }
    # the file's profile applies until the person edits their own; search covers what is stored
    profile_applies = existing is None or existing.get("profile_version", 0) == 0
    kept: list[str] = [] if existing is None else existing.get("interest_ids", [])
    interest_ids = profile["interest_ids"] if profile_applies else kept
    org_name = organization["name"] if organization else None
    owned.update(derived_fields(row.name, org_name, labels_of(names.labels, interest_ids)))
    if row.badge_code is not None:
        owned["badge_code_hash"] = hash_badge_code(row.badge_code)
    if row.scan_code is not None:
        owned["scan_code"] = row.scan_code
    if existing is None:
        generated = generate_badge_code() if row.badge_code is None else ""
        if generated:
            owned["badge_code_hash"] = hash_badge_code(generated)
        owned["scan_code"] = row.scan_code or generate_scan_code()
        on_insert = {"_id": new_id(), "email": row.email, "created_at": now,
                     "token_version": 0, "profile_version": 0}  # fmt: skip
        codes = NewCodes(row.email, generated, owned["scan_code"])
        return {"$set": {**owned, **profile}, "$setOnInsert": on_insert}, codes
    if profile_applies:
        owned.update(profile)
    if "scan_code" not in owned and not existing.get("scan_code"):
        owned["scan_code"] = generate_scan_code()  # people imported before scan codes existed
    return {"$set": owned}, None


async def import_rows(
    db: Database, rows: list[PersonRow], now: datetime, progress: Progress | None = None
) -> ImportReport:
    report = ImportReport(rows=len(rows))
    names = await _resolve_names(db, rows)
    people = db[PEOPLE.name]
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        emails = [row.email for row in chunk]
        existing = {
            doc["email"]: doc
            async for doc in people.find(
                {"email": {"$in": emails}},
                {"email": 1, "profile_version": 1, "scan_code": 1, "interest_ids": 1},
            )
        }
        kept = {i for doc in existing.values() for i in doc.get("interest_ids", [])}
        names.labels.update(await interest_labels(db, kept - names.labels.keys()))
        operations = []
        for row in chunk:
            update, codes = _person_update(row, existing.get(row.email), names, now)
            operations.append(UpdateOne({"email": row.email}, update, upsert=True))
            if codes is not None:
                report.new_codes.append(codes)
        result = await people.bulk_write(operations, ordered=False)
        report.created += result.upserted_count
        report.updated += len(chunk) - result.upserted_count
        if progress is not None:
            progress(len(chunk))
    await sync_booth_locations(db)
    return report


async def import_people_csv(
    db: Database, lines: Iterable[str], now: datetime, progress: Progress | None = None
) -> ImportReport:
    rows, errors = parse_people_csv(lines)
    report = await import_rows(db, rows, now, progress)
    report.errors = errors
    report.rows += len(errors)
    return report
