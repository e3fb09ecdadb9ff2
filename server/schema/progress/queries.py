"""Organizers follow long work: one run by id, or the latest runs."""

from __future__ import annotations

import strawberry

from server.errors import BadUserInput
from server.schema.context import Info
from server.schema.progress.types import WorkRun
from server.services.progress.runs import WorkKind, get_work_run, recent_runs

MAX_FIRST = 50


@strawberry.type
class ProgressQueries:
    @strawberry.field(description="A schedule run or an import, by id. Organizers only.")
    async def work_run(self, info: Info, id: strawberry.ID) -> WorkRun:
        info.context.require_organizer()
        run = await get_work_run(info.context.db, str(id))
        return WorkRun.from_doc(run, info.context.now())

    @strawberry.field(description="The latest runs, newest first; of one kind if given.")
    async def work_runs(
        self, info: Info, kind: WorkKind | None = None, first: int = 10
    ) -> list[WorkRun]:
        info.context.require_organizer()
        if not 1 <= first <= MAX_FIRST:
            raise BadUserInput(f"first must be between 1 and {MAX_FIRST}.", "first")
        runs = await recent_runs(info.context.db, kind, first)
        return [WorkRun.from_doc(run, info.context.now()) for run in runs]
