"""Which pairs of organizations compete and which cross sectors, by the matchmaking engine's
rules (a shared market segment; different known sectors), for the event's numbers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from server.db.client import Database, Document
from server.db.collections import ORGANIZATIONS
from server.matchmaking.suggestions.rules import organizations_compete, sectors_differ

REQUESTER, INVITEE = "requester_organization_id", "invitee_organization_id"
NOTHING: dict[str, Any] = {"_id": {"$exists": False}}


@dataclass(frozen=True)
class Organizations:
    by_id: dict[str, Document]

    def _of(self, organization_id: str | None) -> Document:
        return self.by_id.get(organization_id or "", {})

    def name(self, organization_id: str | None) -> str:
        return str(self._of(organization_id).get("name", ""))

    def compete(self, a: str | None, b: str | None) -> bool:
        first, second = self._of(a), self._of(b)
        return organizations_compete(
            a if first else None,
            first.get("segments", ()),
            b if second else None,
            second.get("segments", ()),
        )

    def cross_sector(self, a: str | None, b: str | None) -> bool:
        return sectors_differ(self._of(a).get("sector"), self._of(b).get("sector"))

    def competing_query(self) -> dict[str, Any]:
        """Meetings whose two organizations compete, as a query: both ends in one segment's
        organizations, and not the same organization."""
        members: dict[str, list[str]] = defaultdict(list)
        for organization in self.by_id.values():
            for segment in set(organization.get("segments", ())):
                members[segment].append(organization["_id"])
        groups = [sorted(ids) for ids in members.values() if len(ids) > 1]
        if not groups:
            return NOTHING
        either = [{REQUESTER: {"$in": ids}, INVITEE: {"$in": ids}} for ids in groups]
        different = {"$expr": {"$ne": ["$" + REQUESTER, "$" + INVITEE]}}
        return {"$and": [{"$or": either}, different]}


async def load_organizations(db: Database) -> Organizations:
    projection = {"segments": 1, "sector": 1, "name": 1, "booth": 1}
    docs = db[ORGANIZATIONS.name].find({}, projection)
    return Organizations({doc["_id"]: doc async for doc in docs})
