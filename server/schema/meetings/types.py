"""GraphQL types of meetings, time slots and a meeting's history."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.catalog.types import MeetingLocation
from server.schema.common import MeetingSource, MeetingStatus
from server.schema.context import Info
from server.services.meetings.grid import Span
from server.services.meetings.states import status_of

if TYPE_CHECKING:
    from server.schema.people.types import Person

# Who a meeting shows after the other person deleted their account.
FORMER_PARTICIPANT: Document = {
    "_id": "former-participant", "name": "Former participant", "role": "ATTENDEE",
    "email": None, "listed": False,
}  # fmt: skip


@strawberry.type(description="A slot of the meeting grid, or a span of time.")
class TimeSlot:
    starts_at: datetime
    ends_at: datetime

    @classmethod
    def of(cls, span: Span) -> TimeSlot:
        return cls(starts_at=span.starts_at, ends_at=span.ends_at)


@strawberry.type(description="One change in a meeting's life: who did what, when, and why.")
class MeetingChange:
    action: str = strawberry.field(
        description="REQUEST, ACCEPT, DECLINE, CANCEL, PROPOSE_TIME, EXPIRE, MOVE, "
        "MUTUAL_INTEREST or SPEED_NETWORKING."
    )
    at: datetime
    by_organizer: bool
    reason: str | None
    starts_at: datetime | None

    @classmethod
    def from_entry(cls, entry: Document, participants: list[str]) -> MeetingChange:
        by = entry.get("by")
        return cls(
            action=entry["action"], at=entry["at"], reason=entry.get("reason"),
            by_organizer=by is not None and by not in participants,
            starts_at=entry.get("starts_at"),
        )  # fmt: skip


async def _person(info: Info, person_id: str | None) -> Person:
    from server.schema.people.types import Person

    doc = await info.context.loaders.people.load(person_id) if person_id else None
    return Person.from_doc(doc or FORMER_PARTICIPANT)


PersonType = Annotated["Person", strawberry.lazy("server.schema.people.types")]


@strawberry.type
class Meeting:
    id: strawberry.ID
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    message: str | None
    source: MeetingSource
    expires_at: datetime | None = strawberry.field(
        description="When an unanswered request expires and frees the slot."
    )
    cancel_reason: str | None
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document, now: datetime) -> Meeting:
        status = status_of(doc, now)
        return cls(
            id=strawberry.ID(doc["_id"]), status=status, starts_at=doc["starts_at"],
            ends_at=doc["ends_at"], message=doc.get("message"),
            source=MeetingSource(doc.get("source", MeetingSource.REQUEST.value)),
            expires_at=doc.get("expires_at") if status is MeetingStatus.PENDING else None,
            cancel_reason=doc.get("cancel_reason"), doc=doc,
        )  # fmt: skip

    @strawberry.field
    async def requester(self, info: Info) -> PersonType:
        return await _person(info, self.doc.get("requester_id"))

    @strawberry.field
    async def invitee(self, info: Info) -> PersonType:
        return await _person(info, self.doc.get("invitee_id"))

    @strawberry.field(description="Who must answer while it is pending (null otherwise).")
    async def awaiting_response_from(self, info: Info) -> PersonType | None:
        if self.status is not MeetingStatus.PENDING:
            return None
        return await _person(info, self.doc.get("awaiting_id"))

    @strawberry.field
    async def location(self, info: Info) -> MeetingLocation | None:
        location_id = self.doc.get("location_id")
        doc = await info.context.loaders.locations.load(location_id) if location_id else None
        return MeetingLocation.from_doc(doc) if doc else None

    @strawberry.field(description="Its history, oldest first.")
    def changes(self) -> list[MeetingChange]:
        participants = [self.doc.get("requester_id"), self.doc.get("invitee_id")]
        return [
            MeetingChange.from_entry(entry, [p for p in participants if p])
            for entry in self.doc.get("history", [])
        ]
