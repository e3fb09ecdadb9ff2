"""Reading the agenda and one's bookmarks."""

from __future__ import annotations

from datetime import date

import strawberry

from server.schema.agenda.types import AgendaSession
from server.schema.context import Info
from server.services.agenda.sessions import AgendaFilter, get_session, list_sessions


@strawberry.type
class AgendaQueries:
    @strawberry.field(description="Sessions in time order; day is a date in the event's timezone.")
    async def sessions(
        self,
        info: Info,
        day: date | None = None,
        track: str | None = None,
        interest_id: strawberry.ID | None = None,
    ) -> list[AgendaSession]:
        filters = AgendaFilter(day=day, track=track, interest_id=interest_id)
        return [
            AgendaSession.from_doc(doc) for doc in await list_sessions(info.context.db, filters)
        ]

    @strawberry.field
    async def session(self, info: Info, id: strawberry.ID) -> AgendaSession:
        return AgendaSession.from_doc(await get_session(info.context.db, str(id)))

    @strawberry.field(description="Your bookmarked sessions in time order.")
    async def my_bookmarks(self, info: Info) -> list[AgendaSession]:
        person = info.context.require_person()
        ids = await info.context.loaders.bookmarks.load(person["_id"])
        docs = await list_sessions(info.context.db, AgendaFilter(session_ids=frozenset(ids)))
        return [AgendaSession.from_doc(doc) for doc in docs]
