"""Who reads and writes where, in one place: the board is for people listed in the directory,
a community for its members, a project's page for its members, and organizers everywhere;
blocks hide two people's posts and replies from each other wherever they are."""

from __future__ import annotations

from dataclasses import dataclass

from server.auth.permissions import is_organizer
from server.db.client import Database, Document
from server.db.collections import PROJECTS
from server.errors import Forbidden
from server.services.board.records import Place
from server.services.people.blocks import blocked_either_way
from server.services.projects.records import is_member as is_project_member

NOT_LISTED = (
    "The board is for people listed in the directory. Turn on “listed” in your profile to read "
    "and post there; your communities and projects stay open to you either way."
)


@dataclass(frozen=True)
class Reader:
    """The signed-in person as the board sees them."""

    person: Document
    blocked: frozenset[str]  # blocked by them, or blocking them
    project_ids: frozenset[str]  # projects they are a member of

    @property
    def id(self) -> str:
        person_id: str = self.person["_id"]
        return person_id

    @property
    def organizer(self) -> bool:
        return is_organizer(self.person)

    def may_read(self, place: Place) -> bool:
        """Reading and writing go together: unlisted people only where they are members."""
        if self.organizer:
            return True
        if place.community_id is not None:
            return place.community_id in self.person.get("community_ids", [])
        if place.project_id is not None:
            return place.project_id in self.project_ids
        return self.person.get("listed") is True

    def require_may_post(self, place: Place, place_name: str) -> None:
        if self.may_read(place):
            return
        if place.is_board:
            raise Forbidden(NOT_LISTED, reason="NOT_LISTED")
        raise Forbidden(f"Only the members of {place_name} post there.", reason="NOT_A_MEMBER")

    def sees_author_of(self, post: Document, author: Document | None) -> bool:
        """Blocked people's posts are hidden both ways; on the board, so are the posts of
        people no longer listed (they are shown only where they are members)."""
        author_id = post.get("author_id")
        if author_id is None or author_id == self.id:
            return True
        if author_id in self.blocked:
            return False
        if Place.of(post).is_board and not self.organizer:
            return author is not None and author.get("listed") is True
        return True


async def reader_for(db: Database, person: Document) -> Reader:
    projects = db[PROJECTS.name].find({"members.person_id": person["_id"]}, {"members": 1})
    mine = frozenset(
        [doc["_id"] async for doc in projects if is_project_member(doc, person["_id"])]
    )
    blocked = frozenset(await blocked_either_way(db, person["_id"]))
    return Reader(person=person, blocked=blocked, project_ids=mine)
