"""DataLoaders made per request: one `$in` query per batch, results in key order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from server.db.client import Database, Document
from server.db.collections import (
    ANNOUNCEMENTS,
    COMMUNITIES,
    CONNECTIONS,
    INTERESTS,
    LOCATIONS,
    MEETINGS,
    ORGANIZATIONS,
    PEOPLE,
)
from server.schema.board.loaders import BoardLoaders
from server.services.agenda.sessions import bookmarked_session_ids
from server.services.announcements.sending import read_counts


def _by_id(db: Database, collection: str) -> DataLoader[str, Document | None]:
    async def load(ids: Sequence[str]) -> list[Document | None]:
        found = {doc["_id"]: doc async for doc in db[collection].find({"_id": {"$in": list(ids)}})}
        return [found.get(key) for key in ids]

    return DataLoader(load_fn=load)


def _connections(db: Database) -> DataLoader[str, frozenset[str]]:
    """For each person id, the ids of the people they are connected with."""

    async def load(ids: Sequence[str]) -> list[frozenset[str]]:
        linked: dict[str, set[str]] = {key: set() for key in ids}
        async for doc in db[CONNECTIONS.name].find({"people": {"$in": list(ids)}}, {"people": 1}):
            for person_id in doc["people"]:
                for other in doc["people"]:
                    if person_id in linked and other != person_id:
                        linked[person_id].add(other)
        return [frozenset(linked[key]) for key in ids]

    return DataLoader(load_fn=load)


def _bookmarks(db: Database) -> DataLoader[str, frozenset[str]]:
    async def load(ids: Sequence[str]) -> list[frozenset[str]]:
        return [frozenset(await bookmarked_session_ids(db, key)) for key in ids]

    return DataLoader(load_fn=load)


def _announcement_reads(db: Database) -> DataLoader[str, int]:
    """For each announcement id, how many people have read it: one aggregate per batch."""

    async def load(ids: Sequence[str]) -> list[int]:
        counts = await read_counts(db, ids)
        return [counts.get(key, 0) for key in ids]

    return DataLoader(load_fn=load)


@dataclass
class Loaders:
    db: Database
    people: DataLoader[str, Document | None] = field(init=False)
    organizations: DataLoader[str, Document | None] = field(init=False)
    interests: DataLoader[str, Document | None] = field(init=False)
    communities: DataLoader[str, Document | None] = field(init=False)
    locations: DataLoader[str, Document | None] = field(init=False)
    connections: DataLoader[str, frozenset[str]] = field(init=False)
    bookmarks: DataLoader[str, frozenset[str]] = field(init=False)
    announcements: DataLoader[str, Document | None] = field(init=False)
    meetings: DataLoader[str, Document | None] = field(init=False)
    announcement_reads: DataLoader[str, int] = field(init=False)
    board: BoardLoaders = field(init=False)  # posts, projects, kudos

    def __post_init__(self) -> None:
        self.people = _by_id(self.db, PEOPLE.name)
        self.organizations = _by_id(self.db, ORGANIZATIONS.name)
        self.interests = _by_id(self.db, INTERESTS.name)
        self.communities = _by_id(self.db, COMMUNITIES.name)
        self.locations = _by_id(self.db, LOCATIONS.name)
        self.connections = _connections(self.db)
        self.bookmarks = _bookmarks(self.db)
        self.announcements = _by_id(self.db, ANNOUNCEMENTS.name)
        self.meetings = _by_id(self.db, MEETINGS.name)
        self.announcement_reads = _announcement_reads(self.db)
        self.board = BoardLoaders(self.db)
