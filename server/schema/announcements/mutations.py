"""Sending and cancelling announcements (organizers only)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.schema.announcements.types import Announcement
from server.schema.common import Role, Sector
from server.schema.context import Info
from server.services.announcements.audience import Audience
from server.services.announcements.sending import (
    AnnouncementDraft,
    cancel_announcement,
    create_announcement,
)


@strawberry.input(description="Empty means everyone at the event; several fields narrow it.")
class AudienceInput:
    roles: list[Role] | None = None
    interest_ids: list[strawberry.ID] | None = None
    sectors: list[Sector] | None = strawberry.field(
        default=None, description="Sectors of the people's organizations."
    )
    community_ids: list[strawberry.ID] | None = None
    session_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="People who bookmarked the sessions, and their speakers."
    )

    def to_audience(self) -> Audience:
        return Audience(
            roles=tuple(self.roles or ()),
            interest_ids=tuple(str(value) for value in self.interest_ids or ()),
            sectors=tuple(self.sectors or ()),
            community_ids=tuple(str(value) for value in self.community_ids or ()),
            session_ids=tuple(str(value) for value in self.session_ids or ()),
        )


@strawberry.input
class AnnouncementInput:
    title: str
    body: str
    audience: AudienceInput | None = None
    send_at: datetime | None = strawberry.field(default=None, description="Null: now.")
    urgent: bool = strawberry.field(
        default=False, description="Safety or venue changes: pushed even in quiet hours."
    )

    def to_draft(self) -> AnnouncementDraft:
        return AnnouncementDraft(
            title=self.title,
            body=self.body,
            audience=self.audience.to_audience() if self.audience else Audience(),
            send_at=self.send_at,
            urgent=self.urgent,
        )


@strawberry.type
class AnnouncementMutations:
    @strawberry.mutation(description="Send now or at sendAt. Organizers only.")
    async def send_announcement(self, info: Info, input: AnnouncementInput) -> Announcement:
        organizer = info.context.require_organizer()
        context = info.context
        doc = await create_announcement(
            context.db, organizer, input.to_draft(), context.now(),
            context.services.settings.push_lease_seconds,
        )  # fmt: skip
        return Announcement.from_doc(doc)

    @strawberry.mutation(description="Cancel one not sent yet. Organizers only.")
    async def cancel_announcement(self, info: Info, id: strawberry.ID) -> Announcement:
        info.context.require_organizer()
        doc = await cancel_announcement(info.context.db, str(id), info.context.now())
        return Announcement.from_doc(doc)
