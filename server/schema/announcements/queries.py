"""Organizers' view of announcements."""

from __future__ import annotations

import strawberry

from server.schema.announcements.types import Announcement
from server.schema.context import Info
from server.services.announcements.sending import get_announcement, list_announcements
from server.services.common.validation import page_size


@strawberry.type
class AnnouncementQueries:
    @strawberry.field(
        description="Announcements, newest first, with delivery statistics. Organizers only."
    )
    async def announcements(self, info: Info, first: int = 20) -> list[Announcement]:
        info.context.require_organizer()
        docs = await list_announcements(info.context.db, page_size(first))
        return [Announcement.from_doc(doc) for doc in docs]

    @strawberry.field(description="Organizers only.")
    async def announcement(self, info: Info, id: strawberry.ID) -> Announcement:
        info.context.require_organizer()
        return Announcement.from_doc(await get_announcement(info.context.db, str(id)))
