"""Introducing two people, and accepting or declining an introduction."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.introductions.types import Introduction
from server.services.introductions.introducing import introduce, respond


@strawberry.type
class IntroductionMutations:
    @strawberry.mutation(
        description="Introduce two people you are each connected with: both are told, see each "
        "other first in their suggestions and may message each other. An unlisted person is "
        "introduced only once they accept (the introduction is PENDING until then)."
    )
    async def introduce(
        self,
        info: Info,
        person_id: strawberry.ID,
        to_person_id: strawberry.ID,
        note: str | None = None,
    ) -> Introduction:
        person = info.context.require_person()
        doc = await introduce(
            info.context.db, person, str(person_id), str(to_person_id), note, info.context.now()
        )
        return Introduction.from_doc(doc)

    @strawberry.mutation(description="Accept or decline an introduction waiting for you.")
    async def respond_to_introduction(
        self, info: Info, introduction_id: strawberry.ID, accept: bool
    ) -> Introduction:
        person = info.context.require_person()
        doc = await respond(
            info.context.db, person, str(introduction_id), accept, info.context.now()
        )
        return Introduction.from_doc(doc)
