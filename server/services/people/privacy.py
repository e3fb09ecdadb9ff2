"""A person's own data: exported on request, erased with the account."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import ALL_COLLECTIONS, PEOPLE
from server.errors import NotFound
from server.services.board.erasure import anonymise_posts
from server.services.meetings.erasure import anonymise_meetings
from server.services.projects.erasure import leave_projects


def _plain(value: Any) -> Any:
    """JSON-ready: datetimes as ISO 8601, nested values converted."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


async def export_personal_data(db: Database, person_id: str) -> dict[str, Any]:
    """Everything stored about the person, by collection, without secrets or derived fields."""
    exported: dict[str, Any] = {}
    for collection in ALL_COLLECTIONS:
        if collection.personal_field is None:
            continue
        hidden = dict.fromkeys(collection.hidden_from_export, 0)
        docs = (
            await db[collection.name]
            .find({collection.personal_field: person_id}, hidden or None)
            .to_list()
        )
        exported[collection.name] = _plain(docs)
    if not exported[PEOPLE.name]:
        raise NotFound("Your account no longer exists.")
    return exported


async def delete_account(db: Database, person: Document, now: datetime) -> None:
    """Erase the person everywhere in one transaction; their token and badge code die with it.
    Other people's documents that mention them lose the mention; meetings are anonymised
    instead: the other person keeps theirs, cancelled if it was still on."""

    person_id = person["_id"]

    async def erase(session: AsyncClientSession) -> None:
        await anonymise_meetings(db, session, person_id, now)
        await anonymise_posts(db, session, person_id)  # posts stay, by a "Former participant"
        await leave_projects(db, session, person_id, now)
        for collection in ALL_COLLECTIONS:
            documents = db[collection.name]
            if collection.personal_field is not None and not collection.anonymised_on_erase:
                await documents.delete_many({collection.personal_field: person_id}, session=session)
            for mention in collection.mentions:
                if mention.array is None:
                    await documents.delete_many({mention.field: person_id}, session=session)
                else:
                    item_field = mention.field.removeprefix(mention.array + ".")
                    await documents.update_many(
                        {mention.field: person_id},
                        {"$pull": {mention.array: {item_field: person_id}}},
                        session=session,
                    )

    async with db.client.start_session() as session:
        await session.with_transaction(erase)
