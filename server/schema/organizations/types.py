"""GraphQL types of organizations and exhibitor pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.common import PageInfo, Sector
from server.schema.context import Info
from server.services.common.pagination import Page, encode_cursor
from server.services.people.directory import DirectoryFilter, list_people

if TYPE_CHECKING:
    from server.schema.people.types import PersonConnection


@strawberry.type
class Organization:
    id: strawberry.ID
    name: str
    sector: Sector
    segments: list[str] = strawberry.field(
        description="Markets it sells or works in; two organizations that share one compete."
    )
    booth: str | None = strawberry.field(description="Booth label where it exhibits.")

    @classmethod
    def from_doc(cls, doc: Document) -> Organization:
        return cls(
            id=strawberry.ID(doc["_id"]),
            name=doc["name"],
            sector=Sector(doc.get("sector") or Sector.OTHER.value),
            segments=list(doc.get("segments", [])),
            booth=doc.get("booth"),
        )

    @strawberry.field(description="Its people listed in the directory. Requires sign-in.")
    async def people(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Annotated[PersonConnection, strawberry.lazy("server.schema.people.types")]:
        from server.schema.people.types import PersonConnection

        info.context.require_person()
        filters = DirectoryFilter(organization_id=self.id)
        return PersonConnection.from_page(await list_people(info.context.db, filters, first, after))


async def organization_of(info: Info, person: Document) -> Organization | None:
    """The organization a person (or speaker) belongs to, through the request's loader."""
    organization_id = person.get("organization_id")
    if organization_id is None:
        return None
    doc = await info.context.loaders.organizations.load(organization_id)
    return Organization.from_doc(doc) if doc else None


@strawberry.type
class OrganizationEdge:
    cursor: str
    node: Organization


@strawberry.type
class OrganizationConnection:
    edges: list[OrganizationEdge]
    page_info: PageInfo

    @classmethod
    def from_page(cls, page: Page[Document]) -> OrganizationConnection:
        edges = [
            OrganizationEdge(
                cursor=encode_cursor(doc["name_norm"], doc["_id"]), node=Organization.from_doc(doc)
            )
            for doc in page.items
        ]
        return cls(edges=edges, page_info=PageInfo.of(page))
