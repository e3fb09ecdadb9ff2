"""GraphQL types of the interest taxonomy, communities and meeting locations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.common import LocationKind
from server.schema.context import Info
from server.services.people.directory import DirectoryFilter, list_people

if TYPE_CHECKING:
    from server.schema.board.types import PostConnection
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
    open: bool = strawberry.field(
        description="Anyone may join; otherwise organizers choose the members."
    )

    @classmethod
    def from_doc(cls, doc: Document) -> Community:
        return cls(
            id=strawberry.ID(doc["_id"]),
            name=doc["name"],
            description=doc.get("description"),
            open=bool(doc.get("open", False)),
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

    @strawberry.field(description="Whether you are a member.")
    def joined(self, info: Info) -> bool:
        viewer = info.context.viewer
        return viewer is not None and str(self.id) in viewer.get("community_ids", [])

    @strawberry.field(description="Whether its new posts and replies are pushed to your phones.")
    def push(self, info: Info) -> bool:
        viewer = info.context.viewer
        return viewer is not None and str(self.id) in viewer.get("community_push_ids", [])

    @strawberry.field(description="Its posts, newest first: for its members and organizers.")
    async def posts(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Annotated[PostConnection, strawberry.lazy("server.schema.board.types")]:
        from server.schema.board.types import PostConnection, page_first
        from server.services.board.reading import place_page
        from server.services.board.records import Place

        viewer = info.context.require_person()
        reader = await info.context.loaders.board.reader(viewer)
        page = await place_page(
            info.context.db, reader, Place(community_id=str(self.id)), page_first(first), after
        )
        return PostConnection.from_page(page)


@strawberry.type(description="A place to meet: a table, a booth or a room.")
class MeetingLocation:
    id: strawberry.ID
    name: str
    kind: LocationKind

    @classmethod
    def from_doc(cls, doc: Document) -> MeetingLocation:
        return cls(id=strawberry.ID(doc["_id"]), name=doc["name"], kind=LocationKind(doc["kind"]))
