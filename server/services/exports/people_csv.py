"""The event's people as CSV in the people import's own columns (so the file can be edited and
imported again), streamed in the order they were added. Sign-in codes are stored only as hashes
and are not exported."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

from server.db.client import Database, Document
from server.db.collections import COMMUNITIES, INTERESTS, PEOPLE
from server.services.common.spreadsheet import csv_rows
from server.services.people.import_rows import LIST_SEPARATOR
from server.services.stats.organizations import Organizations, load_organizations

CHUNK = 500
COLUMNS = [
    "email",
    "name",
    "role",
    "organization",
    "organization_sector",
    "organization_segments",
    "booth",
    "headline",
    "interests",
    "seeking",
    "offering",
    "open_to_competitors",
    "listed",
    "communities",
    "scan_code",
]
FIELDS = {
    "email": 1,
    "name": 1,
    "role": 1,
    "organization_id": 1,
    "headline": 1,
    "interest_ids": 1,
    "seeking": 1,
    "offering": 1,
    "open_to_competitors": 1,
    "listed": 1,
    "community_ids": 1,
    "scan_code": 1,
}


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _row(
    person: Document,
    organizations: Organizations,
    interests: dict[str, str],
    communities: dict[str, str],
) -> list[object]:
    organization = organizations.by_id.get(person.get("organization_id") or "", {})
    return [
        person["email"],
        person["name"],
        person.get("role"),
        organization.get("name"),
        organization.get("sector"),
        _joined(organization.get("segments", [])),
        organization.get("booth"),
        person.get("headline"),
        _joined(interests[i] for i in person.get("interest_ids", []) if i in interests),
        _joined(person.get("seeking", [])),
        _joined(person.get("offering", [])),
        bool(person.get("open_to_competitors", True)),
        bool(person.get("listed", False)),
        _joined(communities[c] for c in person.get("community_ids", []) if c in communities),
        person.get("scan_code"),
    ]


async def people_csv(db: Database) -> AsyncIterator[str]:
    organizations = await load_organizations(db)
    interests = {doc["_id"]: doc["label"] async for doc in db[INTERESTS.name].find({})}
    communities = {doc["_id"]: doc["name"] async for doc in db[COMMUNITIES.name].find({})}
    yield csv_rows([COLUMNS])
    rows: list[list[object]] = []
    async for person in db[PEOPLE.name].find({}, FIELDS).sort("_id", 1):
        rows.append(_row(person, organizations, interests, communities))
        if len(rows) == CHUNK:
            yield csv_rows(rows)
            rows = []
    if rows:
        yield csv_rows(rows)
