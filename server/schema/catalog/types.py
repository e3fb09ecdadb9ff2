"""GraphQL types of the interest taxonomy, communities and meeting locations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.common import LocationKind
from server.schema.context import Info
from server.services.people.directory import DirectoryFilter, list_people

if TYPE_CHECKING:
    from server.schema.people.types import PersonConnection


@strawberry.type
class Interest:
    id: strawberry.ID
    label: str
    category: str | None

    @classmethod
    def from_doc(cls, doc: Document) -> Interest:
        return cls(id=strawberry.ID(doc["_id"]), label=doc["label"], category=doc.get("category"))


@strawberry.type(description="A cross-company group, such as a leadership society.")
class Community:
    id: strawberry.ID
    name: str
    description: str | None

    @classmethod
    def from_doc(cls, doc: Document) -> Community:
        return cls(
            id=strawberry.ID(doc["_id"]), name=doc["name"], description=doc.get("description")
        )

    @strawberry.field(description="Members listed in the directory. Requires sign-in.")
    async def members(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Annotated[PersonConnection, strawberry.lazy("server.schema.people.types")]:
        from server.schema.people.types import PersonConnection

        info.context.require_person()
        page = await list_people(
            info.context.db, DirectoryFilter(community_id=self.id), first, after
        )
        return PersonConnection.from_page(page)


@strawberry.type(description="A place to meet: a table, a booth or a room.")
class MeetingLocation:
    id: strawberry.ID
    name: str
    kind: LocationKind

    @classmethod
    def from_doc(cls, doc: Document) -> MeetingLocation:
        return cls(id=strawberry.ID(doc["_id"]), name=doc["name"], kind=LocationKind(doc["kind"]))
