"""Reading one's conversations."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.messages.types import Conversation
from server.services.messages.reading import conversation_with, conversations_of

DEFAULT_FIRST = 20


@strawberry.type
class MessageQueries:
    @strawberry.field(description="Your conversations, the one with the latest message first.")
    async def conversations(
        self, info: Info, first: int | None = DEFAULT_FIRST
    ) -> list[Conversation]:
        person = info.context.require_person()
        first = DEFAULT_FIRST if first is None else first
        docs = await conversations_of(info.context.db, person["_id"], first)
        return [Conversation.from_doc(doc, person["_id"]) for doc in docs]

    @strawberry.field(
        description="Your conversation with someone you may message (empty if nobody wrote yet)."
    )
    async def conversation(self, info: Info, with_person_id: strawberry.ID) -> Conversation:
        person = info.context.require_person()
        doc, other = await conversation_with(info.context.db, person, str(with_person_id))
        info.context.loaders.people.prime(other["_id"], other)
        return Conversation.from_doc(doc, person["_id"])
