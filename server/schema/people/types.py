"""GraphQL types of people and directory pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from server.auth.permissions import may_see_email, may_see_scan_code
from server.db.client import Document
from server.schema.catalog.types import Community, Interest
from server.schema.common import IntentKind, PageInfo, Role
from server.schema.context import Info
from server.services.common.pagination import Page, encode_cursor

if TYPE_CHECKING:
    from server.schema.organizations.types import Organization


@strawberry.type
class Person:
    id: strawberry.ID
    name: str
    headline: str | None
    role: Role
    seeking: list[IntentKind]
    offering: list[IntentKind]
    open_to_competitors: bool
    listed: bool = strawberry.field(description="Opted in to the directory and to matchmaking.")
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Person:
        return cls(
            id=strawberry.ID(doc["_id"]),
            name=doc["name"],
            headline=doc.get("headline"),
            role=Role(doc["role"]),
            seeking=[IntentKind(kind) for kind in doc.get("seeking", [])],
            offering=[IntentKind(kind) for kind in doc.get("offering", [])],
            open_to_competitors=doc.get("open_to_competitors", False),
            listed=doc.get("listed", False),
            doc=doc,
        )

    @strawberry.field
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("server.schema.organizations.types")] | None:
        from server.schema.organizations.types import organization_of

        return await organization_of(info, self.doc)

    @strawberry.field
    async def interests(self, info: Info) -> list[Interest]:
        docs = await info.context.loaders.interests.load_many(self.doc.get("interest_ids", []))
        return [Interest.from_doc(doc) for doc in docs if doc is not None]

    @strawberry.field
    async def communities(self, info: Info) -> list[Community]:
        docs = await info.context.loaders.communities.load_many(self.doc.get("community_ids", []))
        return [Community.from_doc(doc) for doc in docs if doc is not None]

    @strawberry.field(
        description="The code in your badge's barcode, for exhibitors to scan; yours only."
    )
    def scan_code(self, info: Info) -> str | None:
        if not may_see_scan_code(info.context.viewer, self.doc):
            return None
        code: str | None = self.doc.get("scan_code")
        return code

    @strawberry.field(description="Null unless you may see it: yourself, a connection, organizers.")
    async def email(self, info: Info) -> str | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        connections = await info.context.loaders.connections.load(viewer["_id"])
        return self.doc["email"] if may_see_email(viewer, self.doc, connections) else None


@strawberry.type
class PersonEdge:
    cursor: str
    node: Person


@strawberry.type
class PersonConnection:
    edges: list[PersonEdge]
    page_info: PageInfo

    @classmethod
    def from_page(cls, page: Page[Document]) -> PersonConnection:
        edges = [
            PersonEdge(cursor=encode_cursor(doc["sort_key"], doc["_id"]), node=Person.from_doc(doc))
            for doc in page.items
        ]
        return cls(edges=edges, page_info=PageInfo.of(page))
