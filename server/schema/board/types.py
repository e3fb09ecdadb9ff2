"""GraphQL types of posts, their pages and reports."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.catalog.types import Community, Interest
from server.schema.common import PageInfo
from server.schema.context import Info
from server.schema.people.types import Person
from server.services.board.reading import replies_page
from server.services.board.records import FORMER_PARTICIPANT
from server.services.common.pagination import Page, time_cursor
from server.vocabulary import PostKind

if TYPE_CHECKING:
    from server.schema.projects.types import Project

strawberry.enum(PostKind)
DEFAULT_FIRST = 20


def page_first(first: int | None) -> int:
    """`first` as given, or the default when given as null."""
    return DEFAULT_FIRST if first is None else first


@strawberry.type(description="A post on the board, in a community or on a project; or a reply.")
class Post:
    id: strawberry.ID
    kind: PostKind
    body: str = strawberry.field(description="Plain text, as typed: show it escaped.")
    created_at: datetime
    reply_to_id: strawberry.ID | None = strawberry.field(description="The post it replies to.")
    open: bool = strawberry.field(
        description="False once a challenge is closed (solved or withdrawn); true otherwise."
    )
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Post:
        reply_to = doc.get("reply_to_id")
        return cls(
            id=strawberry.ID(doc["_id"]),
            kind=PostKind(doc["kind"]),
            body=doc["body"],
            created_at=doc["created_at"],
            reply_to_id=strawberry.ID(reply_to) if reply_to else None,
            open=doc.get("closed_at") is None,
            doc=doc,
        )

    @strawberry.field(description="Null once the author deleted their account.")
    async def author(self, info: Info) -> Person | None:
        author_id = self.doc.get("author_id")
        doc = await info.context.loaders.people.load(author_id) if author_id else None
        return Person.from_doc(doc) if doc else None

    @strawberry.field(description='The author\'s name, or "Former participant".')
    async def author_name(self, info: Info) -> str:
        author = await self.author(info)
        return author.name if author else FORMER_PARTICIPANT

    @strawberry.field
    async def interests(self, info: Info) -> list[Interest]:
        docs = await info.context.loaders.interests.load_many(self.doc.get("interest_ids", []))
        return [Interest.from_doc(doc) for doc in docs if doc is not None]

    @strawberry.field(description="The community it was posted in, if any.")
    async def community(self, info: Info) -> Community | None:
        community_id = self.doc.get("community_id")
        doc = await info.context.loaders.communities.load(community_id) if community_id else None
        return Community.from_doc(doc) if doc else None

    @strawberry.field(description="The project on whose page it was posted, if any.")
    async def project(
        self, info: Info
    ) -> Annotated[Project, strawberry.lazy("server.schema.projects.types")] | None:
        from server.schema.projects.types import Project

        project_id = self.doc.get("project_id")
        doc = await info.context.loaders.board.projects.load(project_id) if project_id else None
        return Project.from_doc(doc) if doc else None

    @strawberry.field
    async def kudos_count(self, info: Info) -> int:
        return await info.context.loaders.board.kudos_counts.load(self.doc["_id"])

    @strawberry.field
    async def kudos_given_by_me(self, info: Info) -> bool:
        viewer = info.context.viewer
        if viewer is None:
            return False
        return await info.context.loaders.board.my_kudos.load((viewer["_id"], self.doc["_id"]))

    @strawberry.field(description="Replies, oldest first.")
    async def replies(
        self, info: Info, first: int | None = DEFAULT_FIRST, after: str | None = None
    ) -> PostConnection:
        viewer = info.context.require_person()
        reader = await info.context.loaders.board.reader(viewer)
        page = await replies_page(info.context.db, reader, self.doc, page_first(first), after)
        return PostConnection.from_page(page)


@strawberry.type
class PostEdge:
    cursor: str
    node: Post


@strawberry.type
class PostConnection:
    edges: list[PostEdge]
    page_info: PageInfo

    @classmethod
    def from_page(cls, page: Page[Document]) -> PostConnection:
        edges = [
            PostEdge(cursor=time_cursor(doc["created_at"], doc["_id"]), node=Post.from_doc(doc))
            for doc in page.items
        ]
        return cls(edges=edges, page_info=PageInfo.of(page))


@strawberry.type(description="A post someone reported, for organizers.")
class PostReport:
    id: strawberry.ID
    reason: str
    created_at: datetime
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> PostReport:
        return cls(
            id=strawberry.ID(doc["_id"]),
            reason=doc["reason"],
            created_at=doc["created_at"],
            doc=doc,
        )

    @strawberry.field
    def post_id(self) -> strawberry.ID:
        return strawberry.ID(self.doc["post_id"])

    @strawberry.field(description="Null once the post was deleted.")
    async def post(self, info: Info) -> Post | None:
        doc = await info.context.loaders.board.posts.load(self.doc["post_id"])
        return Post.from_doc(doc) if doc else None

    @strawberry.field(description="Null once the reporter deleted their account.")
    async def reporter(self, info: Info) -> Person | None:
        reporter_id = self.doc.get("reporter_id")
        doc = await info.context.loaders.people.load(reporter_id) if reporter_id else None
        return Person.from_doc(doc) if doc else None
