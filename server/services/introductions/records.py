"""The introduction document: one per pair of people introduced, whoever introduced them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from server.db.client import Document
from server.services.people.records import new_id
from server.vocabulary import IntroductionStatus

MAX_NOTE_LENGTH = 500


def pair_key(one_id: str, other_id: str) -> str:
    return ":".join(sorted((one_id, other_id)))


def new_introduction(
    by: Document, person: Document, to: Document, note: str | None, now: datetime
) -> dict[str, Any]:
    """Accepted at once when both people introduced are listed; otherwise it waits for the
    unlisted one(s) to accept (`awaiting`)."""
    awaiting = [p["_id"] for p in (person, to) if p.get("listed") is not True]
    status = IntroductionStatus.PENDING if awaiting else IntroductionStatus.ACCEPTED
    return {
        "_id": new_id(),
        "pair": pair_key(person["_id"], to["_id"]),
        "by_id": by["_id"],
        "person_id": person["_id"],
        "to_id": to["_id"],
        "introduced": [person["_id"], to["_id"]],
        "people": [by["_id"], person["_id"], to["_id"]],
        "note": note,
        "status": status.value,
        "awaiting": awaiting,
        "created_at": now,
        "accepted_at": None if awaiting else now,
    }


def other_introduced(introduction: Document, person_id: str) -> str:
    """The person `person_id` was introduced to."""
    one, other = introduction["introduced"]
    return str(other if one == person_id else one)
