"""Every collection, its indexes and the personal data it holds, declared in one place."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from pymongo import ASCENDING, IndexModel
from pymongo.errors import CollectionInvalid

from server.db.client import Database


@dataclass(frozen=True)
class Collection:
    name: str
    indexes: tuple[IndexModel, ...] = ()
    # The field naming the person whose data a document is: exported on request, deleted with
    # the account (a document naming several people, such as a connection, goes as a whole).
    personal_field: str | None = None
    hidden_from_export: tuple[str, ...] = field(default=())


def _index(*keys: str, **options: object) -> IndexModel:
    return IndexModel([(key, ASCENDING) for key in keys], **options)


EVENTS = Collection("events")
ORGANIZATIONS = Collection(
    "organizations",
    (_index("name_norm", unique=True), _index("segments")),
)
INTERESTS = Collection("interests", (_index("label_norm", unique=True),))
COMMUNITIES = Collection("communities", (_index("name_norm", unique=True),))
LOCATIONS = Collection("locations")
PEOPLE = Collection(
    "people",
    (
        _index("email", unique=True),
        _index("listed", "sort_key", "_id"),
        _index("search_tokens"),
        _index("interest_ids"),
        _index("organization_id"),
        _index("community_ids"),
    ),
    personal_field="_id",
    hidden_from_export=("badge_code_hash", "search_tokens", "sort_key", "token_version"),
)
AGENDA_SESSIONS = Collection("agenda_sessions", (_index("starts_at", "_id"),))
BOOKMARKS = Collection(
    "bookmarks",
    (_index("person_id", "session_id", unique=True), _index("session_id")),
    personal_field="person_id",
)
CONNECTIONS = Collection("connections", (_index("people"),), personal_field="people")
DEVICES = Collection(  # _id is the FCM registration token
    "devices",
    (_index("person_id"), _index("last_seen_at")),
    personal_field="person_id",
)
NOTIFICATIONS = Collection(  # the in-app inbox: one document per person and notice
    "notifications",
    (_index("person_id", "created_at", "_id"),),
    personal_field="person_id",
)
# The outbox: push jobs name people only by id (tokens are looked up when sending), so an erased
# account leaves nothing here to erase; settled jobs are deleted, which keeps claiming cheap.
PUSH_JOBS = Collection(
    "push_jobs",
    (_index("status", "due_at"), _index("meeting_id"), _index("announcement_id")),
)
PUSH_DEAD_LETTERS = Collection("push_dead_letters", (_index("dead_at"),))
PUSH_FAILURES = Collection(  # one document per token that FCM refused for good
    "push_failures",
    (_index("person_id"), _index("announcement_id")),
    personal_field="person_id",
)
ANNOUNCEMENTS = Collection("announcements", (_index("status", "send_at"),))
REMINDERS = Collection(  # _id is "<meeting id>:<person id>": one reminder per person and meeting
    "reminders",
    (_index("status", "due_at"), _index("meeting_id")),
    personal_field="person_id",
)
SIGNIN_ATTEMPTS = Collection(
    "signin_attempts",
    (IndexModel([("expires_at", ASCENDING)], expireAfterSeconds=0),),
)

ALL_COLLECTIONS: tuple[Collection, ...] = (
    EVENTS,
    ORGANIZATIONS,
    INTERESTS,
    COMMUNITIES,
    LOCATIONS,
    PEOPLE,
    AGENDA_SESSIONS,
    BOOKMARKS,
    CONNECTIONS,
    DEVICES,
    NOTIFICATIONS,
    PUSH_JOBS,
    PUSH_DEAD_LETTERS,
    PUSH_FAILURES,
    ANNOUNCEMENTS,
    REMINDERS,
    SIGNIN_ATTEMPTS,
)


async def ensure_collections(db: Database) -> None:
    """Create missing collections and indexes; safe to run at every start."""
    existing = set(await db.list_collection_names())
    for collection in ALL_COLLECTIONS:
        if collection.name not in existing:
            with contextlib.suppress(CollectionInvalid):  # another process made it meanwhile
                await db.create_collection(collection.name)
        if collection.indexes:
            await db[collection.name].create_indexes(list(collection.indexes))
