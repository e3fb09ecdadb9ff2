"""Every collection, its indexes and the personal data it holds, declared in one place."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from pymongo import ASCENDING, IndexModel
from pymongo.errors import CollectionInvalid

from server.db.client import Database


@dataclass(frozen=True)
class Mention:
    """A field naming a person in documents that belong to someone else. When that person's
    account is deleted, the documents go (`array` None) or the array items naming them go."""

    field: str
    array: str | None = None


@dataclass(frozen=True)
class Collection:
    name: str
    indexes: tuple[IndexModel, ...] = ()
    # The field naming the person whose data a document is: exported on request, deleted with
    # the account (a document naming several people, such as a connection, goes as a whole).
    personal_field: str | None = None
    hidden_from_export: tuple[str, ...] = field(default=())
    mentions: tuple[Mention, ...] = field(default=())
    # Documents another person still needs (a meeting in their calendar) are not deleted with
    # the account: their own service anonymises them (see services/privacy.py).
    anonymised_on_erase: bool = False


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
        _index(
            "scan_code",
            unique=True,
            partialFilterExpression={"scan_code": {"$type": "string"}},
        ),
        _index("updated_at"),
    ),
    personal_field="_id",
    hidden_from_export=(
        "badge_code_hash",
        "search_tokens",
        "sort_key",
        "token_version",
        "schedule_version",
    ),
)
AGENDA_SESSIONS = Collection("agenda_sessions", (_index("starts_at", "_id"),))
BOOKMARKS = Collection(
    "bookmarks",
    (_index("person_id", "session_id", unique=True), _index("session_id")),
    personal_field="person_id",
)
CONNECTIONS = Collection("connections", (_index("people"),), personal_field="people")
MATCHMAKING_SETTINGS = Collection("matchmaking_settings")
MATCHMAKING_RUNS = Collection("matchmaking_runs", (_index("started_at"),))
WORK_RUNS = Collection(  # schedule runs, imports: one running per kind (services/progress/)
    "work_runs",
    (
        _index("kind", "started_at"),
        _index("started_at"),
        _index(
            "kind",
            unique=True,
            name="one_running_per_kind",
            partialFilterExpression={"running": True},
        ),
    ),
    mentions=(Mention("started_by"),),
)
SUGGESTIONS = Collection(
    "suggestions",
    (_index("items.person_id"),),
    personal_field="_id",
    mentions=(Mention("items.person_id", array="items"),),
)
EXPOSURE_COUNTS = Collection("exposure_counts", personal_field="_id")  # lists showing a person
DISMISSALS = Collection(
    "dismissals",
    (_index("person_id", "other_id", "kind", unique=True), _index("other_id")),
    personal_field="person_id",
    mentions=(Mention("other_id"),),
)
SUGGESTION_REFRESHES = Collection("suggestion_refreshes", (_index("due_at"),), personal_field="_id")
_HOLDS_SLOT = {"partialFilterExpression": {"holds_slot": True}}
MEETINGS = Collection(
    "meetings",
    (
        # No double booking, enforced by the database: while a meeting is pending or accepted it
        # holds its slot for both people and for its location, and a hold is unique.
        _index("participants", "starts_at", unique=True, name="one_hold_per_person", **_HOLDS_SLOT),
        _index("location_id", "starts_at", unique=True, name="one_hold_per_place", **_HOLDS_SLOT),
        _index("participants", "status", "starts_at"),
        _index("starts_at", "holds_slot"),
        _index("requester_id", "status", "expires_at"),
        _index("status", "expires_at"),  # the expiry sweep
        _index("invitee_organization_id", "starts_at"),
        _index("updated_at"),  # the sweep after an organizer's change of the grid
    ),
    personal_field="participants",
    anonymised_on_erase=True,
)
BLOCKED_TIMES = Collection(
    "blocked_times", (_index("person_id", "starts_at"),), personal_field="person_id"
)
CALENDAR_FEEDS = Collection(
    "calendar_feeds",
    (_index("person_id", unique=True),),
    personal_field="person_id",
    hidden_from_export=("_id",),  # the digest of the feed's secret
)
LEADS = Collection(
    "leads",
    (
        _index("organization_id", "person_id", unique=True),
        _index("person_id"),
        _index("captured_by"),
    ),
    personal_field="person_id",
)
MEETING_INTERESTS = Collection(
    "meeting_interests",
    (_index("from_id", "to_id", unique=True), _index("to_id")),
    personal_field="from_id",
    mentions=(Mention("to_id"),),
)
DEVICES = Collection(  # _id is the push address: a Firebase installation ID or FCM token
    "devices",
    (_index("person_id"), _index("last_seen_at")),
    personal_field="person_id",
)
NOTIFICATIONS = Collection(  # the in-app inbox: one document per person and notice
    "notifications",
    (_index("person_id", "created_at", "_id"), _index("announcement_id", "read_at")),
    personal_field="person_id",
)
# The outbox: push jobs name people only by id (tokens are looked up when sending); an erased
# account leaves the jobs of others, without it. Settled jobs are deleted: claiming stays cheap.
PUSH_JOBS = Collection(
    "push_jobs",
    (_index("status", "due_at"), _index("meeting_id"), _index("announcement_id")),
    mentions=(Mention("recipients.p", array="recipients"),),
)
PUSH_DEAD_LETTERS = Collection(
    "push_dead_letters",
    (_index("dead_at"),),
    mentions=(
        Mention("recipients.p", array="recipients"),
        Mention("unsent.person_id", array="unsent"),
    ),
)
PUSH_FAILURES = Collection(  # one document per token that FCM refused for good
    "push_failures",
    (_index("person_id"), _index("announcement_id")),
    personal_field="person_id",
)
# FCM's quota is per project: after a 429 one document holds the time until which no dispatcher,
# in any process, sends (see notifications/quota.py)
PUSH_PAUSES = Collection("push_pauses")
# pushes FCM accepted and refused, every kind, all time: one document (_id "all"), counted as
# each batch is settled (the organizers' numbers)
PUSH_TOTALS = Collection("push_totals")
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
# Posts on the board, in communities and on projects. A deleted author's posts stay, without
# them ("Former participant"): services/board/erasure.py clears `author_id`.
POSTS = Collection(
    "posts",
    (
        _index("where", "reply_to_id", "created_at", "_id"),  # a page of posts in one place
        _index("reply_to_id", "created_at", "_id"),  # a post's replies
        _index("kind", "where", "closed_at"),  # open challenges, for matchmaking
        _index("author_id"),
    ),
    personal_field="author_id",
    anonymised_on_erase=True,
)
KUDOS = Collection(  # one per person and post, enforced here; counted when shown
    "kudos",
    (_index("post_id", "person_id", unique=True), _index("person_id")),
    personal_field="person_id",
)
POST_REPORTS = Collection(  # for organizers; a deleted reporter's reports stay, without them
    "post_reports",
    (
        _index(
            "post_id",
            "reporter_id",
            unique=True,
            partialFilterExpression={"reporter_id": {"$type": "string"}},
        ),
        _index("created_at", "_id"),
        _index("reporter_id"),
    ),
    personal_field="reporter_id",
    anonymised_on_erase=True,
)
PROJECTS = Collection(  # a deleted member leaves the project; its owner's role passes on
    "projects",
    (_index("created_at", "_id"), _index("members.person_id"), _index("interest_ids")),
    personal_field="members.person_id",
    anonymised_on_erase=True,
    mentions=(Mention("members.person_id", array="members"),),
)
# Messages between two people: one conversation per pair (`_id` the pair, `seq` its last
# message), each message numbered in it. Both belong to both people: exported to each, and gone
# with either account.
CONVERSATIONS = Collection("conversations", (_index("people", "last_at"),), personal_field="people")
MESSAGES = Collection(
    "messages",
    (
        _index("conversation_id", "seq", unique=True),
        # a retried send (same client message id) stores the message once
        _index(
            "from_id",
            "client_id",
            unique=True,
            partialFilterExpression={"client_id": {"$type": "string"}},
        ),
        _index("people"),
    ),
    personal_field="people",
)
# `people` is the introducer and the two introduced: any of them leaving takes it away
INTRODUCTIONS = Collection(
    "introductions",
    (_index("pair", unique=True), _index("introduced", "status"), _index("people")),
    personal_field="people",
)
MEETING_FOLLOW_UPS = Collection(  # _id is "<meeting id>:<person id>": one per person and meeting
    "meeting_follow_ups",
    (_index("person_id", "meeting_starts_at"), _index("meeting_id"), _index("outcome")),
    personal_field="person_id",
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
    MATCHMAKING_SETTINGS,
    MATCHMAKING_RUNS,
    WORK_RUNS,
    SUGGESTIONS,
    EXPOSURE_COUNTS,
    DISMISSALS,
    SUGGESTION_REFRESHES,
    MEETINGS,
    BLOCKED_TIMES,
    CALENDAR_FEEDS,
    LEADS,
    MEETING_INTERESTS,
    DEVICES,
    NOTIFICATIONS,
    PUSH_JOBS,
    PUSH_DEAD_LETTERS,
    PUSH_FAILURES,
    PUSH_PAUSES,
    PUSH_TOTALS,
    ANNOUNCEMENTS,
    REMINDERS,
    SIGNIN_ATTEMPTS,
    POSTS,
    KUDOS,
    POST_REPORTS,
    PROJECTS,
    CONVERSATIONS,
    MESSAGES,
    INTRODUCTIONS,
    MEETING_FOLLOW_UPS,
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
