"""GraphQL types of meeting follow-ups."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.errors import NotFound
from server.schema.common import IntentKind
from server.schema.context import Info
from server.vocabulary import MeetingOutcome

if TYPE_CHECKING:
    from server.schema.meetings.types import Meeting

strawberry.enum(MeetingOutcome)


@strawberry.input
class MeetingFollowUpInput:
    meeting_id: strawberry.ID
    outcome: MeetingOutcome
    next_steps: list[IntentKind] | None = strawberry.field(
        default=None, description="What the two of you agreed to do next."
    )
    kudos: bool | None = False
    note: str | None = strawberry.field(default=None, description="Seen by you only.")


@strawberry.type(description="How a meeting went, as you recorded it (yours only).")
class MeetingFollowUp:
    outcome: MeetingOutcome = strawberry.field(
        description="NO_SHOW is private: it lowers nothing anyone else sees."
    )
    next_steps: list[IntentKind]
    kudos: bool
    note: str | None
    recorded_at: datetime
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> MeetingFollowUp:
        return cls(
            outcome=MeetingOutcome(doc["outcome"]),
            next_steps=[IntentKind(step) for step in doc.get("next_steps", [])],
            kudos=doc.get("kudos", False),
            note=doc.get("note"),
            recorded_at=doc["recorded_at"],
            doc=doc,
        )

    @strawberry.field
    async def meeting(
        self, info: Info
    ) -> Annotated[Meeting, strawberry.lazy("server.schema.meetings.types")]:
        from server.schema.meetings.types import Meeting

        doc = await info.context.loaders.meetings.load(self.doc["meeting_id"])
        if doc is None:
            raise NotFound("No such meeting.")
        return Meeting.from_doc(doc, info.context.now())
