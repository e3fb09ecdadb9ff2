"""Loading the hand-written demo expo from `seed_data/demo_expo/` (safe to run again)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import seed_data
from server.db.client import Database
from server.db.collections import (
    AGENDA_SESSIONS,
    COMMUNITIES,
    EVENTS,
    INTERESTS,
    LOCATIONS,
    ORGANIZATIONS,
    PEOPLE,
)
from server.services.common.text import normalise
from server.services.people.importing import ImportReport, import_people_csv
from server.services.people.records import refresh_derived_fields

DEMO_DIR = Path(seed_data.__file__).parent / "demo_expo"


def _csv(name: str) -> Iterator[dict[str, str]]:
    with (DEMO_DIR / name).open(encoding="utf-8", newline="") as file:
        yield from csv.DictReader(file)


def _json(name: str) -> Any:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def _replace_all(db: Database, collection: str, docs: list[dict[str, Any]]) -> list[str]:
    """Write `docs`; the ids of those that existed and changed."""
    changed = []
    for doc in docs:
        result = await db[collection].replace_one({"_id": doc["_id"]}, doc, upsert=True)
        if result.modified_count:
            changed.append(doc["_id"])
    return changed


def _event_doc() -> dict[str, Any]:
    event = _json("event.json")
    return {
        "_id": event["id"],
        "name": event["name"],
        "venue": event["venue"],
        "timezone": event["timezone"],
        "starts_at": _when(event["startsAt"]),
        "ends_at": _when(event["endsAt"]),
        "meeting_hours": [
            {"starts_at": _when(span["startsAt"]), "ends_at": _when(span["endsAt"])}
            for span in event.get("meetingHours", [])
        ],
        "slot_minutes": event.get("slotMinutes", 20),
    }


def _interest(row: dict[str, str]) -> dict[str, Any]:
    label = row["label"]
    return {"_id": row["id"], "label": label, "label_norm": normalise(label),
            "category": row["category"] or None}  # fmt: skip


def _organization(row: dict[str, str]) -> dict[str, Any]:
    return {
        "_id": row["id"],
        "name": row["name"],
        "name_norm": normalise(row["name"]),
        "sector": row["sector"],
        "segments": [segment for segment in row["segments"].split(";") if segment],
        "booth": row["booth"] or None,
    }


def _community(row: dict[str, str]) -> dict[str, Any]:
    return {"_id": row["id"], "name": row["name"], "name_norm": normalise(row["name"]),
            "description": row["description"] or None}  # fmt: skip


def _location(row: dict[str, str]) -> dict[str, Any]:
    return {"_id": row["id"], "name": row["name"], "kind": row["kind"]}


async def _load_reference_data(db: Database) -> dict[str, Any]:
    """Write the event, interests, organizations, communities and places; a query for the
    people whose search fields name an interest or organization that changed."""
    await _replace_all(db, EVENTS.name, [_event_doc()])
    interests = await _replace_all(
        db, INTERESTS.name, [_interest(row) for row in _csv("interests.csv")]
    )
    organizations = await _replace_all(
        db, ORGANIZATIONS.name, [_organization(r) for r in _csv("organizations.csv")]
    )
    await _replace_all(db, COMMUNITIES.name, [_community(row) for row in _csv("communities.csv")])
    await _replace_all(db, LOCATIONS.name, [_location(row) for row in _csv("locations.csv")])
    return {"$or": [{"interest_ids": {"$in": interests}},
                    {"organization_id": {"$in": organizations}}]}  # fmt: skip


def _agenda_session(
    item: dict[str, Any], person_ids: dict[str, str], interest_ids: dict[str, str]
) -> dict[str, Any]:
    return {
        "_id": item["id"],
        "title": item["title"],
        "track": item.get("track"),
        "room": item.get("room"),
        "starts_at": _when(item["startsAt"]),
        "ends_at": _when(item["endsAt"]),
        "speaker_ids": [person_ids[email] for email in item.get("speakers", [])],
        "interest_ids": [interest_ids[normalise(label)] for label in item.get("interests", [])],
    }


async def _load_sessions(db: Database) -> None:
    person_ids = {doc["email"]: doc["_id"] async for doc in db[PEOPLE.name].find({}, {"email": 1})}
    interest_ids = {
        doc["label_norm"]: doc["_id"]
        async for doc in db[INTERESTS.name].find({}, {"label_norm": 1})
    }
    sessions = [_agenda_session(item, person_ids, interest_ids) for item in _json("sessions.json")]
    await _replace_all(db, AGENDA_SESSIONS.name, sessions)


async def seed_demo(db: Database, now: datetime) -> ImportReport:
    """Write the demo expo; people are imported through the organizer's import path."""
    renamed = await _load_reference_data(db)
    with (DEMO_DIR / "people.csv").open(encoding="utf-8", newline="") as file:
        report = await import_people_csv(db, file, now)
    await refresh_derived_fields(db, renamed)  # people the demo file does not hold
    await _load_sessions(db)
    return report


async def is_empty(db: Database) -> bool:
    return await db[EVENTS.name].count_documents({}, limit=1) == 0
