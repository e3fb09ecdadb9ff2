"""GraphQL type of an agenda session."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.auth.permissions import may_see_profile
from server.db.client import Document
from server.schema.catalog.types import Interest
from server.schema.context import Info

if TYPE_CHECKING:
    from server.schema.organizations.types import Organization
    from server.schema.people.types import Person


@strawberry.type(
    description="A speaker as the printed programme names them: name and organization are "
    "public; the profile follows the directory's rule."
)
class Speaker:
    name: str
    doc: strawberry.Private[Document]

    @strawberry.field
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("server.schema.organizations.types")] | None:
        from server.schema.organizations.types import organization_of

        return await organization_of(info, self.doc)

    @strawberry.field(
        description="The speaker's profile; null unless you may see it: signed in and the "
        "speaker listed in the directory, yourself, a connection, or an organizer."
    )
    async def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("server.schema.people.types")] | None:
        from server.schema.people.types import Person

        viewer = info.context.viewer
        connections = (
            await info.context.loaders.connections.load(viewer["_id"]) if viewer else frozenset()
        )
        return Person.from_doc(self.doc) if may_see_profile(viewer, self.doc, connections) else None


@strawberry.type(description="A talk, panel or workshop on the agenda.")
class AgendaSession:
    id: strawberry.ID
    title: str
    track: str | None
    room: str | None
    starts_at: datetime
    ends_at: datetime
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> AgendaSession:
        return cls(
            id=strawberry.ID(doc["_id"]),
            title=doc["title"],
            track=doc.get("track"),
            room=doc.get("room"),
            starts_at=doc["starts_at"],
            ends_at=doc["ends_at"],
            doc=doc,
        )

    @strawberry.field
    async def speakers(self, info: Info) -> list[Speaker]:
        docs = await info.context.loaders.people.load_many(self.doc.get("speaker_ids", []))
        return [Speaker(name=doc["name"], doc=doc) for doc in docs if doc is not None]

    @strawberry.field
    async def interests(self, info: Info) -> list[Interest]:
        docs = await info.context.loaders.interests.load_many(self.doc.get("interest_ids", []))
        return [Interest.from_doc(doc) for doc in docs if doc is not None]

    @strawberry.field(description="Whether you bookmarked it; false when not signed in.")
    async def bookmarked(self, info: Info) -> bool:
        viewer = info.context.viewer
        if viewer is None:
            return False
        return self.id in await info.context.loaders.bookmarks.load(viewer["_id"])
