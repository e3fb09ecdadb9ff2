"""Creating a project, inviting, answering an invitation, leaving, closing."""

from __future__ import annotations

import strawberry

from server.schema.common import IntentKind
from server.schema.context import Info
from server.schema.projects.types import Project
from server.services.projects import membership
from server.services.projects.membership import ProjectDraft


@strawberry.input
class ProjectInput:
    title: str
    goal: str
    forms: list[IntentKind] | None = None
    interest_ids: list[strawberry.ID] | None = None

    def to_draft(self) -> ProjectDraft:
        return ProjectDraft(
            title=self.title,
            goal=self.goal,
            forms=list(self.forms or []),
            interest_ids=[str(value) for value in self.interest_ids or []],
        )


@strawberry.type
class ProjectMutations:
    @strawberry.mutation(description="Start a joint project; you are its owner and first member.")
    async def create_project(self, info: Info, input: ProjectInput) -> Project:
        context = info.context
        doc = await membership.create_project(
            context.db,
            context.require_person(),
            input.to_draft(),
            context.now(),
            context.settings.refresh_delay,
        )
        return Project.from_doc(doc)

    @strawberry.mutation(description="Members invite people; the person invited is told.")
    async def invite_to_project(
        self, info: Info, project_id: strawberry.ID, person_id: strawberry.ID
    ) -> Project:
        context = info.context
        doc = await membership.invite(
            context.db, context.require_person(), str(project_id), str(person_id), context.now()
        )
        return Project.from_doc(doc)

    @strawberry.mutation(description="Accept or decline an invitation.")
    async def respond_to_project_invite(
        self, info: Info, project_id: strawberry.ID, accept: bool
    ) -> Project:
        context = info.context
        doc = await membership.respond(
            context.db,
            context.require_person(),
            str(project_id),
            accept,
            context.now(),
            context.settings.refresh_delay,
        )
        return Project.from_doc(doc)

    @strawberry.mutation(description="Leave a project, or drop an invitation.")
    async def leave_project(self, info: Info, project_id: strawberry.ID) -> bool:
        context = info.context
        await membership.leave(
            context.db,
            context.require_person(),
            str(project_id),
            context.now(),
            context.settings.refresh_delay,
        )
        return True

    @strawberry.mutation(description="Close a project: its owner, or organizers.")
    async def close_project(self, info: Info, project_id: strawberry.ID) -> Project:
        context = info.context
        doc = await membership.close(
            context.db,
            context.require_person(),
            str(project_id),
            context.now(),
            context.settings.refresh_delay,
        )
        return Project.from_doc(doc)
