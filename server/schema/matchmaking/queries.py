"""Reading one's suggestions, and (organizers) the settings and runs of matchmaking."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.matchmaking.types import MatchmakingRun, MatchmakingSettings, MatchSuggestion
from server.services.matchmaking.runs import get_run
from server.services.matchmaking.settings import get_settings
from server.services.matchmaking.suggestions import suggestions_for

DEFAULT_FIRST = 10


@strawberry.type
class MatchmakingQueries:
    @strawberry.field(description="People worth meeting, best first, each with the reasons why.")
    async def suggestions(
        self, info: Info, first: int | None = DEFAULT_FIRST
    ) -> list[MatchSuggestion]:
        person = info.context.require_person()
        first = DEFAULT_FIRST if first is None else first  # explicit null: the default
        shown = await suggestions_for(info.context.db, person, first)
        return [MatchSuggestion.from_shown(item) for item in shown]

    @strawberry.field(description="Signal weights, exposure cap and list size. Organizers only.")
    async def matchmaking_settings(self, info: Info) -> MatchmakingSettings:
        info.context.require_organizer()
        return MatchmakingSettings.of(await get_settings(info.context.db))

    @strawberry.field(description="A matchmaking run (the latest without id). Organizers only.")
    async def matchmaking_run(self, info: Info, id: strawberry.ID | None = None) -> MatchmakingRun:
        info.context.require_organizer()
        run = await get_run(info.context.db, str(id) if id is not None else None)
        return MatchmakingRun.from_doc(run, info.context.now())
