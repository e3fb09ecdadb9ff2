"""Bookmarking sessions."""

from __future__ import annotations

import strawberry

from server.schema.agenda.types import AgendaSession
from server.schema.context import Info
from server.services.agenda.sessions import bookmark, remove_bookmark


@strawberry.type
class AgendaMutations:
    @strawberry.mutation(description="Bookmark a session; doing it twice is harmless.")
    async def bookmark_session(self, info: Info, session_id: strawberry.ID) -> AgendaSession:
        person = info.context.require_person()
        doc = await bookmark(info.context.db, person, str(session_id), info.context.now())
        info.context.loaders.bookmarks.clear_all()
        return AgendaSession.from_doc(doc)

    @strawberry.mutation
    async def unbookmark_session(self, info: Info, session_id: strawberry.ID) -> AgendaSession:
        person = info.context.require_person()
        doc = await remove_bookmark(info.context.db, person, str(session_id))
        info.context.loaders.bookmarks.clear_all()
        return AgendaSession.from_doc(doc)
