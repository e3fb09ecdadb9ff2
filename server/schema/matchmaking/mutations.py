"""Dismissing and blocking; (organizers) running matchmaking and changing its settings."""

from __future__ import annotations

from dataclasses import asdict

import strawberry

from server.schema.context import Info
from server.schema.matchmaking.types import MatchmakingRun, MatchmakingSettings
from server.services.matchmaking.feedback import block, dismiss
from server.services.matchmaking.runs import execute_run, start_run
from server.services.matchmaking.settings import get_settings, save_settings, validated_settings


@strawberry.input
class MatchWeightsInput:
    shared_interest: float | None = None
    complementary_intent: float | None = None
    coopetition: float | None = None
    cross_sector: float | None = None
    shared_community: float | None = None


@strawberry.input(description="Omitted fields keep their value; exposureCap null removes the cap.")
class MatchmakingSettingsInput:
    weights: MatchWeightsInput | None = None
    exposure_cap: int | None = strawberry.UNSET
    list_size: int | None = None


@strawberry.type
class MatchmakingMutations:
    @strawberry.mutation(description="Never suggest this person to you again.")
    async def dismiss_suggestion(self, info: Info, person_id: strawberry.ID) -> bool:
        context = info.context
        viewer = context.require_person()
        await dismiss(
            context.db, viewer, str(person_id), context.now(), context.settings.refresh_delay
        )
        return True

    @strawberry.mutation(description="Neither of you is suggested to the other again.")
    async def block_person(self, info: Info, person_id: strawberry.ID) -> bool:
        context = info.context
        viewer = context.require_person()
        await block(
            context.db, viewer, str(person_id), context.now(), context.settings.refresh_delay
        )
        return True

    @strawberry.mutation(description="Change matchmaking settings. Organizers only.")
    async def update_matchmaking_settings(
        self, info: Info, input: MatchmakingSettingsInput
    ) -> MatchmakingSettings:
        info.context.require_organizer()
        current = await get_settings(info.context.db)
        weights = asdict(current.weights)
        given = asdict(input.weights) if input.weights else {}
        weights.update({name: value for name, value in given.items() if value is not None})
        cap = current.exposure_cap if input.exposure_cap is strawberry.UNSET else input.exposure_cap
        size = current.list_size if input.list_size is None else input.list_size
        settings = validated_settings(weights, cap, size)
        return MatchmakingSettings.of(await save_settings(info.context.db, settings))

    @strawberry.mutation(
        description="Compute everyone's suggestions in the background; follow it with "
        "matchmakingRun(id). Organizers only."
    )
    async def run_matchmaking(self, info: Info) -> MatchmakingRun:
        context = info.context
        context.require_organizer()
        run = await start_run(context.db, context.now(), context.settings.run_lease_seconds)
        work = execute_run(context.db, run["_id"], context.services.clock)
        context.services.background.spawn(work, f"matchmaking-run-{run['_id']}")
        return MatchmakingRun.from_doc(run, context.now())
