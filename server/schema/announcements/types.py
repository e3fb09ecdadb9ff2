"""GraphQL types of announcements and their audiences."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.auth.permissions import may_see_announcement_details
from server.db.client import Document
from server.schema.common import Role, Sector
from server.schema.context import Info
from server.services.announcements.audience import Audience
from server.services.announcements.sending import AnnouncementStatus

strawberry.enum(AnnouncementStatus)


@strawberry.type
class AnnouncementStats:
    targeted: int = strawberry.field(description="People in the audience when it was sent.")
    pushed: int = strawberry.field(description="Pushes FCM accepted (one per phone).")
    failed: int = strawberry.field(description="Pushes refused for good, or out of retries.")
    read: int = strawberry.field(description="People who marked it read.")


@strawberry.type
class AnnouncementAudience:
    roles: list[Role]
    interest_ids: list[strawberry.ID]
    sectors: list[Sector]
    community_ids: list[strawberry.ID]
    session_ids: list[strawberry.ID]


@strawberry.type
class Announcement:
    id: strawberry.ID
    title: str
    body: str
    send_at: datetime | None = strawberry.field(description="Null: sent when it was created.")
    sent_at: datetime | None
    status: AnnouncementStatus
    urgent: bool = strawberry.field(description="Pushed even in people's quiet hours.")
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Announcement:
        return cls(
            id=strawberry.ID(doc["_id"]),
            title=doc["title"],
            body=doc["body"],
            send_at=doc.get("send_at"),
            sent_at=doc.get("sent_at"),
            status=AnnouncementStatus(doc["status"]),
            urgent=doc.get("urgent", False),
            doc=doc,
        )

    @strawberry.field(description="Who it is for; organizers only (null for others).")
    def audience(self, info: Info) -> AnnouncementAudience | None:
        if not may_see_announcement_details(info.context.viewer):
            return None
        audience = Audience.from_doc(self.doc["audience"])
        return AnnouncementAudience(
            roles=list(audience.roles),
            interest_ids=[strawberry.ID(value) for value in audience.interest_ids],
            sectors=list(audience.sectors),
            community_ids=[strawberry.ID(value) for value in audience.community_ids],
            session_ids=[strawberry.ID(value) for value in audience.session_ids],
        )

    @strawberry.field(description="Delivery so far; organizers only (null for others).")
    async def stats(self, info: Info) -> AnnouncementStats | None:
        if not may_see_announcement_details(info.context.viewer):
            return None
        stats = self.doc.get("stats", {})
        read = await info.context.loaders.announcement_reads.load(self.doc["_id"])
        return AnnouncementStats(
            targeted=stats.get("targeted", 0),
            pushed=stats.get("pushed", 0),
            failed=stats.get("failed", 0),
            read=read,
        )
