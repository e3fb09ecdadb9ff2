"""Sending messages and marking a conversation read."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.schema.messages.types import Message
from server.services.messages.reading import mark_read
from server.services.messages.sending import send_message


@strawberry.type
class MessageMutations:
    @strawberry.mutation(
        description="Write to someone you are connected with (an accepted meeting, a mutual "
        "interest or an introduction). Give each message a `clientMessageId` of your own: "
        "sending it again with the same id (a retry) stores and delivers it once."
    )
    async def send_message(
        self,
        info: Info,
        to_person_id: strawberry.ID,
        body: str,
        client_message_id: str | None = None,
    ) -> Message:
        person = info.context.require_person()
        doc = await send_message(
            info.context.db, person, str(to_person_id), body, client_message_id, info.context.now()
        )
        return Message.from_doc(doc)

    @strawberry.mutation(
        description="Mark their messages (and the notices of them) read; returns how many were "
        "unread."
    )
    async def mark_conversation_read(self, info: Info, with_person_id: strawberry.ID) -> int:
        person = info.context.require_person()
        return await mark_read(info.context.db, person, str(with_person_id), info.context.now())
