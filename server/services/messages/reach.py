"""Who may reach whom: two people are connected (may message each other, and may be introduced
to others by one another) after an accepted meeting, a mutual interest, or an introduction they
both accepted. A block between them, either way, always wins. The one rule for both."""

from __future__ import annotations

from enum import Enum

from server.db.client import Database
from server.db.collections import CONNECTIONS, INTRODUCTIONS
from server.errors import Forbidden
from server.services.introductions.records import pair_key
from server.services.meetings.connections import connection_id
from server.services.meetings.interest import is_mutual
from server.services.people.blocks import is_blocked_between
from server.vocabulary import IntroductionStatus

NOT_CONNECTED = (
    "You can message people you have a meeting with, who want to meet you as you want to "
    "meet them, or whom someone introduced to you."
)
BLOCKED = "You cannot message this person."


class Reach(Enum):
    """How two people are connected (the first that holds, in this order)."""

    MEETING = "MEETING"
    MUTUAL_INTEREST = "MUTUAL_INTEREST"
    INTRODUCTION = "INTRODUCTION"


async def connection_between(db: Database, one_id: str, other_id: str) -> Reach | None:
    """How the two are connected, if they are (blocks aside: see `require_reach`). One indexed
    read per way of being connected, stopping at the first that holds."""
    if await db[CONNECTIONS.name].find_one({"_id": connection_id(one_id, other_id)}, {"_id": 1}):
        return Reach.MEETING
    if await is_mutual(db, one_id, other_id):
        return Reach.MUTUAL_INTEREST
    introduced = {"pair": pair_key(one_id, other_id), "status": IntroductionStatus.ACCEPTED.value}
    if await db[INTRODUCTIONS.name].find_one(introduced, {"_id": 1}):
        return Reach.INTRODUCTION
    return None


async def require_unblocked(db: Database, one_id: str, other_id: str) -> None:
    if await is_blocked_between(db, one_id, other_id):
        raise Forbidden(BLOCKED, reason="BLOCKED")


async def require_reach(db: Database, one_id: str, other_id: str) -> Reach:
    """How the two are connected; FORBIDDEN (reason BLOCKED or NOT_CONNECTED) when they may
    not reach each other."""
    await require_unblocked(db, one_id, other_id)
    reach = await connection_between(db, one_id, other_id)
    if reach is None:
        raise Forbidden(NOT_CONNECTED, reason="NOT_CONNECTED")
    return reach
