"""GraphQL types of projects and their members."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.schema.catalog.types import Interest
from server.schema.common import IntentKind
from server.schema.context import Info
from server.schema.organizations.types import Organization
from server.schema.people.types import Person
from server.services.projects.reading import is_coopetition, shown_members
from server.services.projects.records import member_ids
from server.vocabulary import ProjectMemberStatus

if TYPE_CHECKING:
    from server.schema.board.types import PostConnection

strawberry.enum(ProjectMemberStatus)


@strawberry.type
class ProjectMember:
    person: Person
    status: ProjectMemberStatus
    since: datetime


@strawberry.type(description="A joint project across companies.")
class Project:
    id: strawberry.ID
    title: str
    goal: str = strawberry.field(description="Plain text, as typed: show it escaped.")
    forms: list[IntentKind] = strawberry.field(
        description="The forms of coopetition it is about (JOINT_RESEARCH, CROSS_REFERRAL, ...)."
    )
    created_at: datetime
    closed_at: datetime | None
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Project:
        return cls(
            id=strawberry.ID(doc["_id"]),
            title=doc["title"],
            goal=doc["goal"],
            forms=[IntentKind(form) for form in doc.get("forms", [])],
            created_at=doc["created_at"],
            closed_at=doc.get("closed_at"),
            doc=doc,
        )

    async def _people(self, info: Info) -> dict[str, Document]:
        ids = [entry["person_id"] for entry in self.doc["members"]]
        docs = await info.context.loaders.people.load_many(ids)
        return {doc["_id"]: doc for doc in docs if doc is not None}

    @strawberry.field
    async def interests(self, info: Info) -> list[Interest]:
        docs = await info.context.loaders.interests.load_many(self.doc.get("interest_ids", []))
        return [Interest.from_doc(doc) for doc in docs if doc is not None]

    @strawberry.field(description="Null when it has none, or when you may not see them.")
    async def owner(self, info: Info) -> Person | None:
        viewer = info.context.require_person()
        shown = shown_members(viewer, self.doc, await self._people(info))
        owner_id = self.doc.get("owner_id")
        return next((Person.from_doc(p) for _, p in shown if p["_id"] == owner_id), None)

    @strawberry.field(
        description="Members and invitations; to people outside the project, its members "
        "listed in the directory."
    )
    async def members(self, info: Info) -> list[ProjectMember]:
        viewer = info.context.require_person()
        return [
            ProjectMember(
                person=Person.from_doc(person),
                status=ProjectMemberStatus(entry["status"]),
                since=entry["since"],
            )
            for entry, person in shown_members(viewer, self.doc, await self._people(info))
        ]

    async def _member_organizations(self, info: Info) -> tuple[list[Document], dict[str, Document]]:
        people = await self._people(info)
        members = [people[p] for p in member_ids(self.doc) if p in people]
        org_ids = list(
            dict.fromkeys(m["organization_id"] for m in members if m.get("organization_id"))
        )
        docs = await info.context.loaders.organizations.load_many(org_ids)
        return members, {doc["_id"]: doc for doc in docs if doc is not None}

    @strawberry.field(description="The companies taking part: its members' organizations.")
    async def organizations(self, info: Info) -> list[Organization]:
        _, organizations = await self._member_organizations(info)
        return [Organization.from_doc(doc) for doc in organizations.values()]

    @strawberry.field(
        description="True when members come from organizations that compete (share a market "
        "segment): coopetition."
    )
    async def coopetition(self, info: Info) -> bool:
        members, organizations = await self._member_organizations(info)
        return is_coopetition(members, organizations)

    @strawberry.field(description="Your place in it: MEMBER, INVITED, or null.")
    def my_status(self, info: Info) -> ProjectMemberStatus | None:
        viewer = info.context.viewer
        for entry in self.doc["members"]:
            if viewer is not None and entry["person_id"] == viewer["_id"]:
                return ProjectMemberStatus(entry["status"])
        return None

    @strawberry.field(description="Posts on its page, newest first: for members and organizers.")
    async def posts(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Annotated[PostConnection, strawberry.lazy("server.schema.board.types")]:
        from server.schema.board.types import PostConnection, page_first
        from server.services.board.reading import place_page
        from server.services.board.records import Place

        viewer = info.context.require_person()
        reader = await info.context.loaders.board.reader(viewer)
        place = Place(project_id=self.doc["_id"])
        return PostConnection.from_page(
            await place_page(info.context.db, reader, place, page_first(first), after)
        )
