"""Reading one's introductions."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.introductions.types import Introduction
from server.services.introductions.reading import introductions_of


@strawberry.type
class IntroductionQueries:
    @strawberry.field(
        description="Introductions you made, those that hold between you and someone, and those "
        "waiting for your acceptance; newest first."
    )
    async def my_introductions(self, info: Info) -> list[Introduction]:
        person = info.context.require_person()
        docs = await introductions_of(info.context.db, person["_id"])
        return [Introduction.from_doc(doc) for doc in docs]
