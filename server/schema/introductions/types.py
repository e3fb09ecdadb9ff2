"""GraphQL types of introductions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.errors import NotFound
from server.schema.context import Info
from server.vocabulary import IntroductionStatus

if TYPE_CHECKING:
    from server.schema.people.types import Person

strawberry.enum(IntroductionStatus)
PersonType = Annotated["Person", strawberry.lazy("server.schema.people.types")]


async def _person(info: Info, person_id: str) -> Person | None:
    from server.schema.people.types import Person

    doc = await info.context.loaders.people.load(person_id)
    return Person.from_doc(doc) if doc else None


@strawberry.type(description="Someone introducing two people they are each connected with.")
class Introduction:
    id: strawberry.ID
    note: str | None
    status: IntroductionStatus = strawberry.field(
        description="PENDING while an unlisted person introduced has not accepted."
    )
    created_at: datetime
    accepted_at: datetime | None
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Introduction:
        return cls(
            id=strawberry.ID(doc["_id"]),
            note=doc.get("note"),
            status=IntroductionStatus(doc["status"]),
            created_at=doc["created_at"],
            accepted_at=doc.get("accepted_at"),
            doc=doc,
        )

    @strawberry.field(description="Who introduced them.")
    async def by(self, info: Info) -> PersonType | None:
        return await _person(info, self.doc["by_id"])

    @strawberry.field(description="The person introduced ...")
    async def person(self, info: Info) -> PersonType:
        return await _required(info, self.doc["person_id"])

    @strawberry.field(description="... to this person.")
    async def to(self, info: Info) -> PersonType:
        return await _required(info, self.doc["to_id"])

    @strawberry.field(description="It waits for your acceptance (respondToIntroduction).")
    def waiting_for_you(self, info: Info) -> bool:
        viewer = info.context.viewer
        return viewer is not None and viewer["_id"] in self.doc.get("awaiting", [])


async def _required(info: Info, person_id: str) -> Person:
    person = await _person(info, person_id)
    if person is None:
        raise NotFound("No such person.")
    return person
