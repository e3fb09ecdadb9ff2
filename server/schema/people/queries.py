"""Reading people: yourself, one person, the directory."""

from __future__ import annotations

from typing import Annotated

import strawberry

from server.auth.permissions import may_see_person, optional_person
from server.errors import NotFound
from server.schema.context import Info
from server.schema.people.types import Person, PersonConnection
from server.services.people.directory import DirectoryFilter, list_people


@strawberry.type
class PeopleQueries:
    @strawberry.field(
        description="The signed-in person; null when no token is sent, UNAUTHENTICATED when "
        "the token sent is expired or no longer valid."
    )
    def me(self, info: Info) -> Person | None:
        viewer = optional_person(info.context.identity)
        return Person.from_doc(viewer) if viewer else None

    @strawberry.field
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        viewer = info.context.require_person()
        doc = await info.context.loaders.people.load(str(id))
        connections = await info.context.loaders.connections.load(viewer["_id"])
        if doc is None or not may_see_person(viewer, doc, connections):
            raise NotFound("No such person.")
        return Person.from_doc(doc)

    @strawberry.field(
        description="People who opted in to the directory, by name. Requires sign-in."
    )
    async def people(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Words that start words of the name, organization or interests."
            ),
        ] = None,
        interest_id: strawberry.ID | None = None,
        organization_id: strawberry.ID | None = None,
        community_id: strawberry.ID | None = None,
    ) -> PersonConnection:
        info.context.require_person()
        filters = DirectoryFilter(
            search=search,
            interest_id=interest_id,
            organization_id=organization_id,
            community_id=community_id,
        )
        return PersonConnection.from_page(await list_people(info.context.db, filters, first, after))
