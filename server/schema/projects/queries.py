"""Reading projects."""

from __future__ import annotations

import strawberry

from server.schema.board.types import page_first
from server.schema.context import Info
from server.schema.projects.types import Project
from server.services.projects.reading import list_projects, read_project


@strawberry.type
class ProjectQueries:
    @strawberry.field(
        description="Open projects, newest first (`mine`: every project you are in or invited "
        "to). `after`: the id of the last project of the previous page."
    )
    async def projects(
        self,
        info: Info,
        interest_id: strawberry.ID | None = None,
        mine: bool | None = False,
        first: int | None = 20,
        after: str | None = None,
    ) -> list[Project]:
        viewer = info.context.require_person()
        interest = str(interest_id) if interest_id is not None else None
        docs = await list_projects(
            info.context.db, viewer, interest, bool(mine), page_first(first), after
        )
        return [Project.from_doc(doc) for doc in docs]

    @strawberry.field
    async def project(self, info: Info, id: strawberry.ID) -> Project:
        viewer = info.context.require_person()
        return Project.from_doc(await read_project(info.context.db, viewer, str(id)))
