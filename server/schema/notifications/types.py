"""GraphQL types of notifications, devices and notification preferences."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.auth.permissions import may_see_meeting
from server.db.client import Document
from server.notifications.quiet_hours import format_clock
from server.schema.context import Info
from server.services.devices.preferences import Preferences
from server.vocabulary import NotificationKind, Platform

if TYPE_CHECKING:
    from server.schema.announcements.types import Announcement
    from server.schema.meetings.types import Meeting

strawberry.enum(NotificationKind)
strawberry.enum(Platform)


@strawberry.type
class Notification:
    id: strawberry.ID = strawberry.field(description="Also the push's data.messageId.")
    kind: NotificationKind
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None
    urgent: bool
    meeting_id: strawberry.ID | None = strawberry.field(
        description="The meeting it is about (kept when the meeting itself is gone)."
    )
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Notification:
        meeting_id = doc.get("meeting_id")
        return cls(
            id=strawberry.ID(doc["_id"]),
            kind=NotificationKind(doc["kind"]),
            title=doc["title"],
            body=doc["body"],
            created_at=doc["created_at"],
            read_at=doc.get("read_at"),
            urgent=doc.get("urgent", False),
            meeting_id=strawberry.ID(meeting_id) if meeting_id else None,
            doc=doc,
        )

    @strawberry.field(description="The post (or the thread of the reply) it is about.")
    def post_id(self) -> strawberry.ID | None:
        return _about(self.doc, "postId")

    @strawberry.field(description="The project it is about, or the project of its post.")
    def project_id(self) -> strawberry.ID | None:
        return _about(self.doc, "projectId")

    @strawberry.field(description="The community of the post it is about.")
    def community_id(self) -> strawberry.ID | None:
        return _about(self.doc, "communityId")

    @strawberry.field(description="The meeting it is about, as it is now.")
    async def meeting(
        self, info: Info
    ) -> Annotated[Meeting, strawberry.lazy("server.schema.meetings.types")] | None:
        from server.schema.meetings.types import Meeting

        meeting_id, viewer = self.doc.get("meeting_id"), info.context.viewer
        if meeting_id is None or viewer is None:
            return None
        doc = await info.context.loaders.meetings.load(meeting_id)
        if doc is None or not may_see_meeting(viewer, doc):
            return None
        return Meeting.from_doc(doc, info.context.now())

    @strawberry.field
    async def announcement(
        self, info: Info
    ) -> Annotated[Announcement, strawberry.lazy("server.schema.announcements.types")] | None:
        from server.schema.announcements.types import Announcement

        announcement_id = self.doc.get("announcement_id")
        if announcement_id is None:
            return None
        doc = await info.context.loaders.announcements.load(announcement_id)
        return Announcement.from_doc(doc) if doc else None

    @strawberry.field(
        description="The person it is from or about: a message's sender (open your conversation "
        "with them), the person you were introduced to. Also the push's data.personId."
    )
    def about_person_id(self) -> strawberry.ID | None:
        return _about(self.doc, "personId")

    @strawberry.field(
        description="What it is about, by kind: the message (MESSAGE), the introduction "
        "(INTRODUCTION). Also the push's data.subjectId."
    )
    def subject_id(self) -> strawberry.ID | None:
        return _about(self.doc, "subjectId")


def _about(doc: Document, key: str) -> strawberry.ID | None:
    value = (doc.get("about") or {}).get(key)
    return strawberry.ID(value) if value else None


@strawberry.type
class Device:
    token: str
    platform: Platform
    app_version: str | None
    last_seen_at: datetime

    @classmethod
    def from_doc(cls, doc: Document) -> Device:
        return cls(
            token=doc["_id"],
            platform=Platform(doc["platform"]),
            app_version=doc.get("app_version"),
            last_seen_at=doc["last_seen_at"],
        )


@strawberry.type(description="Times of day in the event's time zone, as HH:MM.")
class QuietHours:
    start: str
    end: str


@strawberry.type
class NotificationPreferences:
    muted_kinds: list[NotificationKind] = strawberry.field(
        description="Kinds not pushed to your phones (they still reach your inbox)."
    )
    quiet_hours: QuietHours | None = strawberry.field(
        description="Pushes wait until they end, unless urgent."
    )

    @classmethod
    def of(cls, preferences: Preferences) -> NotificationPreferences:
        quiet = preferences.quiet_hours
        return cls(
            muted_kinds=list(preferences.muted_kinds),
            quiet_hours=QuietHours(
                start=format_clock(quiet.start_minute), end=format_clock(quiet.end_minute)
            )
            if quiet
            else None,
        )
