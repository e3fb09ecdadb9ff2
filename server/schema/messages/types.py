"""GraphQL types of conversations and their messages."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from server.db.client import Document
from server.errors import NotFound
from server.schema.context import Info
from server.services.messages.reading import messages_of

if TYPE_CHECKING:
    from server.schema.people.types import Person

PersonType = Annotated["Person", strawberry.lazy("server.schema.people.types")]
DEFAULT_LAST = 30


async def _person(info: Info, person_id: str | None) -> Person | None:
    from server.schema.people.types import Person

    doc = await info.context.loaders.people.load(person_id) if person_id else None
    return Person.from_doc(doc) if doc else None


@strawberry.type(description="A message: plain text, to be shown as written (never as markup).")
class Message:
    id: strawberry.ID
    body: str
    sent_at: datetime
    read_at: datetime | None = strawberry.field(description="When its recipient read it.")
    cursor: str = strawberry.field(
        description="Pass as `before` to read the messages before this one."
    )
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document) -> Message:
        return cls(
            id=strawberry.ID(doc["_id"]),
            body=doc["body"],
            sent_at=doc["sent_at"],
            read_at=doc.get("read_at"),
            cursor=str(doc["seq"]),
            doc=doc,
        )

    @strawberry.field(name="from", description="Null once the sender deleted their account.")
    async def from_(self, info: Info) -> PersonType | None:
        return await _person(info, self.doc["from_id"])

    @strawberry.field
    async def to(self, info: Info) -> PersonType | None:
        return await _person(info, self.doc["to_id"])

    @strawberry.field(description="The id the sending phone gave it (to the sender only).")
    def client_message_id(self, info: Info) -> str | None:
        viewer = info.context.viewer
        mine = viewer is not None and viewer["_id"] == self.doc["from_id"]
        return self.doc.get("client_id") if mine else None


@strawberry.type(description="Your messages with one person.")
class Conversation:
    id: strawberry.ID
    unread_count: int = strawberry.field(description="Their messages you have not read.")
    last_message: Message | None
    with_id: strawberry.Private[str]
    doc: strawberry.Private[Document]

    @classmethod
    def from_doc(cls, doc: Document, viewer_id: str) -> Conversation:
        last = doc.get("last")
        return cls(
            id=strawberry.ID(doc["_id"]),
            unread_count=doc.get("unread", {}).get(viewer_id, 0),
            last_message=Message.from_doc({**last, "seq": doc["seq"]}) if last else None,
            with_id=next(p for p in doc["people"] if p != viewer_id),
            doc=doc,
        )

    @strawberry.field(name="with")
    async def with_(self, info: Info) -> PersonType:
        person = await _person(info, self.with_id)
        if person is None:
            raise NotFound("No such person.")
        return person

    @strawberry.field(description="The `last` messages before `before` (a cursor), oldest first.")
    async def messages(
        self, info: Info, last: int | None = DEFAULT_LAST, before: str | None = None
    ) -> list[Message]:
        last = DEFAULT_LAST if last is None else last
        docs = await messages_of(info.context.db, self.doc, last, before)
        return [Message.from_doc(doc) for doc in docs]
