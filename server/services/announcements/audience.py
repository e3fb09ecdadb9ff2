"""An announcement's audience: everyone, or the people matching every given dimension (roles,
interests, organization sectors, communities, attendees of sessions), any value within one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from server.db.client import Database
from server.db.collections import (
    AGENDA_SESSIONS,
    BOOKMARKS,
    COMMUNITIES,
    INTERESTS,
    ORGANIZATIONS,
    PEOPLE,
)
from server.errors import BadUserInput
from server.vocabulary import Role, Sector

MAX_VALUES = 50


@dataclass(frozen=True)
class Audience:
    roles: tuple[Role, ...] = ()
    interest_ids: tuple[str, ...] = ()
    sectors: tuple[Sector, ...] = ()
    community_ids: tuple[str, ...] = ()
    session_ids: tuple[str, ...] = ()  # people who bookmarked the session, and its speakers

    @property
    def is_everyone(self) -> bool:
        return not any(self.to_doc().values())

    def to_doc(self) -> dict[str, list[str]]:
        return {
            "roles": [role.value for role in self.roles],
            "interest_ids": list(self.interest_ids),
            "sectors": [sector.value for sector in self.sectors],
            "community_ids": list(self.community_ids),
            "session_ids": list(self.session_ids),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, list[str]]) -> Audience:
        return cls(
            roles=tuple(Role(role) for role in doc.get("roles", [])),
            interest_ids=tuple(doc.get("interest_ids", [])),
            sectors=tuple(Sector(sector) for sector in doc.get("sectors", [])),
            community_ids=tuple(doc.get("community_ids", [])),
            session_ids=tuple(doc.get("session_ids", [])),
        )


async def _check_ids(db: Database, collection: str, ids: Sequence[str], field: str) -> None:
    if len(ids) > MAX_VALUES:
        raise BadUserInput(f"Give at most {MAX_VALUES} values.", field=field)
    unique = list(dict.fromkeys(ids))
    found = {doc["_id"] async for doc in db[collection].find({"_id": {"$in": unique}}, {"_id": 1})}
    unknown = [value for value in unique if value not in found]
    if unknown:
        raise BadUserInput(f"Unknown ids: {', '.join(unknown[:5])}.", field=field)


async def check_audience(db: Database, audience: Audience) -> None:
    await _check_ids(db, INTERESTS.name, audience.interest_ids, "audience.interestIds")
    await _check_ids(db, COMMUNITIES.name, audience.community_ids, "audience.communityIds")
    await _check_ids(db, AGENDA_SESSIONS.name, audience.session_ids, "audience.sessionIds")


async def _session_attendees(db: Database, session_ids: Sequence[str]) -> set[str]:
    ids = list(session_ids)
    people = {
        doc["person_id"]
        async for doc in db[BOOKMARKS.name].find({"session_id": {"$in": ids}}, {"person_id": 1})
    }
    async for session in db[AGENDA_SESSIONS.name].find({"_id": {"$in": ids}}, {"speaker_ids": 1}):
        people.update(session.get("speaker_ids", []))
    return people


async def audience_people(db: Database, audience: Audience) -> list[str]:
    """The ids of the people in the audience, in id order."""
    query: dict[str, Any] = {}
    if audience.roles:
        query["role"] = {"$in": [role.value for role in audience.roles]}
    if audience.interest_ids:
        query["interest_ids"] = {"$in": list(audience.interest_ids)}
    if audience.community_ids:
        query["community_ids"] = {"$in": list(audience.community_ids)}
    organizations: set[str] | None = None
    if audience.sectors:
        sectors = [sector.value for sector in audience.sectors]
        found = db[ORGANIZATIONS.name].find({"sector": {"$in": sectors}}, {"_id": 1})
        organizations = {doc["_id"] async for doc in found}
    attendees = await _session_attendees(db, audience.session_ids) if audience.session_ids else None
    people = []
    # sets of organizations and attendees can be long: they are matched here, not in `$in`
    async for doc in db[PEOPLE.name].find(query, {"_id": 1, "organization_id": 1}):
        if organizations is not None and doc.get("organization_id") not in organizations:
            continue
        if attendees is not None and doc["_id"] not in attendees:
            continue
        people.append(doc["_id"])
    return sorted(people)
