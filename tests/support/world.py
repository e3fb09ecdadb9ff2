"""A small expo for one test: an event, three organizations (two compete), people, sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from server.db.client import Database
from server.db.collections import AGENDA_SESSIONS, EVENTS, INTERESTS, PEOPLE
from tests.support.people import add_people, code_for

ACME = {"organization": "Acme Imaging Service", "organization_sector": "SERVICE_ORGANIZATION",
        "organization_segments": "imaging-service", "booth": "B10"}  # fmt: skip
BOLT = {"organization": "Bolt Medical", "organization_sector": "VENDOR",
        "organization_segments": "imaging-service;patient-monitoring", "booth": "B20"}  # fmt: skip
CITY = {"organization": "City Hospital", "organization_sector": "PROVIDER"}
SOCIETY = {"organization": "Expo Society", "organization_sector": "NONPROFIT"}

PEOPLE_ROWS = [
    {"email": "ana@acme.example", "name": "Ana Alvarez", "role": "ATTENDEE",
     "interests": "AI diagnostics;Imaging service", "seeking": "CROSS_REFERRAL",
     "communities": "Women In Leadership", **ACME},
    {"email": "ben@acme.example", "name": "Ben Brooks", "role": "EXHIBITOR",
     "interests": "Imaging service", **ACME},
    {"email": "cara@bolt.example", "name": "Cara Chen", "role": "ATTENDEE",
     "interests": "Imaging service;Cybersecurity", "offering": "CROSS_REFERRAL",
     "communities": "Women In Leadership", **BOLT},
    {"email": "dan@city.example", "name": "Dan Dimitrov", "role": "ATTENDEE",
     "interests": "Cybersecurity", **CITY},
    {"email": "eve@city.example", "name": "Eve Evans", "role": "ATTENDEE", "listed": False, **CITY},
    {"email": "renee@city.example", "name": "Renée Roux", "role": "SPEAKER", **CITY},
    {"email": "olga@expo.example", "name": "Olga Ortiz", "role": "ORGANIZER", **SOCIETY},
]  # fmt: skip


def _at(day: int, hour: int) -> datetime:
    return datetime(2027, 4, day, hour, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    ids: dict[str, str]  # email -> person id
    interest_ids: dict[str, str]  # label -> interest id

    def code(self, email: str) -> str:
        return code_for(email)


async def build_world(db: Database, now: datetime) -> World:
    await db[EVENTS.name].insert_one({
        "_id": "test-expo", "name": "Test HTM Expo", "venue": "Resort Ballroom, Henderson, NV",
        "timezone": "America/Los_Angeles", "starts_at": _at(12, 15), "ends_at": _at(15, 1),
        "meeting_hours": [], "slot_minutes": 20,
    })  # fmt: skip
    await add_people(db, PEOPLE_ROWS, now)
    ids = {doc["email"]: doc["_id"] async for doc in db[PEOPLE.name].find({}, {"email": 1})}
    interests = {doc["label"]: doc["_id"] async for doc in db[INTERESTS.name].find({})}
    await db[AGENDA_SESSIONS.name].insert_many([
        {"_id": "s-keynote", "title": "Keynote: The HTM workforce", "track": "Main",
         "room": "Hall A", "starts_at": _at(12, 16), "ends_at": _at(12, 17),
         "speaker_ids": [ids["renee@city.example"]], "interest_ids": []},
        {"_id": "s-cyber", "title": "Medical device cybersecurity", "track": "Technical",
         "room": "Room 2", "starts_at": _at(13, 17), "ends_at": _at(13, 18), "speaker_ids": [],
         "interest_ids": [interests["Cybersecurity"]]},
        {"_id": "s-imaging", "title": "Imaging service contracts", "track": "Technical",
         "room": "Room 2", "starts_at": _at(13, 19), "ends_at": _at(13, 20), "speaker_ids": [],
         "interest_ids": [interests["Imaging service"]]},
    ])  # fmt: skip
    return World(ids=ids, interest_ids=interests)
