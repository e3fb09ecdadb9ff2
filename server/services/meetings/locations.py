"""Where meetings take place: the booth of an exhibitor taking part first, then tables and rooms."""

from __future__ import annotations

from server.db.client import Database, Document
from server.db.collections import LOCATIONS, ORGANIZATIONS
from server.vocabulary import LocationKind, Role

_KIND_ORDER = {LocationKind.TABLE.value: 0, LocationKind.ROOM.value: 1}


BOOTH_PREFIX = "booth-"


def booth_location_id(organization_id: str) -> str:
    return f"{BOOTH_PREFIX}{organization_id}"


def is_booth_location(location_id: str) -> bool:
    return location_id.startswith(BOOTH_PREFIX)


async def shared_locations(db: Database) -> list[str]:
    """Tables, then rooms, each by id: any meeting may use them."""
    docs = (
        await db[LOCATIONS.name].find({"kind": {"$in": list(_KIND_ORDER)}}, {"kind": 1}).to_list()
    )
    docs.sort(key=lambda doc: (_KIND_ORDER[doc["kind"]], doc["_id"]))
    return [doc["_id"] for doc in docs]


async def candidate_locations(db: Database, people: list[Document]) -> list[str]:
    """Places for a meeting of `people`, preferred first: the booth of each exhibitor among them
    (in the order given), then the shared tables and rooms."""
    booth_ids = [
        booth_location_id(person["organization_id"])
        for person in people
        if person.get("role") == Role.EXHIBITOR.value and person.get("organization_id")
    ]
    booths = {
        doc["_id"]
        async for doc in db[LOCATIONS.name].find(
            {"_id": {"$in": booth_ids}, "kind": LocationKind.BOOTH.value}, {"_id": 1}
        )
    }
    return list(dict.fromkeys(b for b in booth_ids if b in booths)) + await shared_locations(db)


async def sync_booth_locations(db: Database) -> int:
    """Make each organization's booth a meeting location (kind BOOTH); returns how many exist."""
    count = 0
    async for org in db[ORGANIZATIONS.name].find({"booth": {"$ne": None}}, {"name": 1, "booth": 1}):
        await db[LOCATIONS.name].update_one(
            {"_id": booth_location_id(org["_id"])},
            {"$set": {"name": f"Booth {org['booth']} ({org['name']})",
                      "kind": LocationKind.BOOTH.value, "organization_id": org["_id"]}},
            upsert=True,
        )  # fmt: skip
        count += 1
    return count
