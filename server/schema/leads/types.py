"""GraphQL type of a lead."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.common import LeadSource
from server.schema.context import Info

if TYPE_CHECKING:
    from server.schema.people.types import Person


@strawberry.type(description="Someone your organization met or scanned, with your notes.")
class Lead:
    id: strawberry.ID
    sources: list[LeadSource]
    notes: str | None
    rating: int | None = strawberry.field(description="1 to 5.")
    captured_at: datetime
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Lead:
        return cls(
            id=strawberry.ID(doc["_id"]), sources=[LeadSource(s) for s in doc.get("sources", [])],
            notes=doc.get("notes"), rating=doc.get("rating"), captured_at=doc["created_at"],
            doc=doc,
        )  # fmt: skip

    @strawberry.field
    async def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("server.schema.people.types")] | None:
        from server.schema.people.types import Person

        doc = await info.context.loaders.people.load(self.doc["person_id"])
        return Person.from_doc(doc) if doc else None

    @strawberry.field(description="The lead's email: a badge scan or a meeting shares it.")
    async def email(self, info: Info) -> str | None:
        doc = await info.context.loaders.people.load(self.doc["person_id"])
        return doc.get("email") if doc else None
