"""Per-request loaders of the board and projects: posts and projects by id, kudos counted per
batch of posts, the viewer's own kudos, and the viewer as the board sees them (blocks, projects)."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from server.db.client import Database, Document
from server.db.collections import POSTS, PROJECTS
from server.services.board.access import Reader, reader_for
from server.services.board.kudos import kudos_counts, kudos_given


def _by_id(db: Database, collection: str) -> DataLoader[str, Document | None]:
    async def load(ids: Sequence[str]) -> list[Document | None]:
        found = {doc["_id"]: doc async for doc in db[collection].find({"_id": {"$in": list(ids)}})}
        return [found.get(key) for key in ids]

    return DataLoader(load_fn=load)


def _kudos_counts(db: Database) -> DataLoader[str, int]:
    async def load(ids: Sequence[str]) -> list[int]:
        counts = await kudos_counts(db, ids)
        return [counts.get(key, 0) for key in ids]

    return DataLoader(load_fn=load)


def _my_kudos(db: Database) -> DataLoader[tuple[str, str], bool]:
    """Keys are (viewer id, post id); one query per viewer in the batch."""

    async def load(keys: Sequence[tuple[str, str]]) -> list[bool]:
        given: dict[str, set[str]] = {}
        for viewer in {viewer for viewer, _ in keys}:
            posts = [post for who, post in keys if who == viewer]
            given[viewer] = await kudos_given(db, viewer, posts)
        return [post in given[viewer] for viewer, post in keys]

    return DataLoader(load_fn=load)


class BoardLoaders:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.posts = _by_id(db, POSTS.name)
        self.projects = _by_id(db, PROJECTS.name)
        self.kudos_counts = _kudos_counts(db)
        self.my_kudos = _my_kudos(db)
        self._readers: dict[str, Reader] = {}

    async def reader(self, person: Document) -> Reader:
        """The person as the board sees them, read once per request."""
        if person["_id"] not in self._readers:
            self._readers[person["_id"]] = await reader_for(self.db, person)
        return self._readers[person["_id"]]

    def forget_reader(self, person_id: str) -> None:
        """After a change of the person's memberships within this request."""
        self._readers.pop(person_id, None)
