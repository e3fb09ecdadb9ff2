"""The outbox: a change and its notice commit together, or neither does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pymongo.asynchronous.client_session import AsyncClientSession as Session

from server.db.client import Database
from server.db.collections import NOTIFICATIONS, PUSH_JOBS
from server.db.transactions import in_transaction
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.world import World

ANA, CARA = "ana@acme.example", "cara@bolt.example"


class ChangeRefused(Exception):
    pass


async def test_a_committed_change_always_has_its_notice(
    db: Database, world: World, clock: ManualClock
) -> None:
    async def change(session: Session) -> list[str]:
        await db["meetings_stand_in"].insert_one(
            {"_id": "m1", "state": "ACCEPTED"}, session=session
        )
        return await notify(
            db, session, [world.ids[ANA], world.ids[CARA]], kind=NotificationKind.MEETING_ACCEPTED,
            title="Meeting accepted", body="Cara accepted", meeting_id="m1",
            ttl=timedelta(hours=1), now=clock(),
        )  # fmt: skip

    ids = await in_transaction(db, change)

    inbox = await db[NOTIFICATIONS.name].find({}, {"_id": 1, "person_id": 1}).to_list()
    assert sorted((doc["person_id"], doc["_id"]) for doc in inbox) == sorted(
        zip([world.ids[ANA], world.ids[CARA]], ids, strict=True)
    )
    job = await db[PUSH_JOBS.name].find_one({})
    assert job is not None
    assert (job["recipients"], job["collapse_key"], job["expires_at"], job["stage"]) == (
        [{"p": world.ids[ANA], "n": ids[0]}, {"p": world.ids[CARA], "n": ids[1]}],
        "meeting-m1",
        clock() + timedelta(hours=1),
        "push",
    )


async def test_an_aborted_change_never_has_its_notice(
    db: Database, world: World, clock: ManualClock
) -> None:
    async def change(session: Session) -> None:
        await db["meetings_stand_in"].insert_one({"_id": "m1"}, session=session)
        await notify(
            db, session, [world.ids[ANA]], kind=NotificationKind.MEETING_REQUEST,
            title="Meeting request", body="Cara asks to meet", meeting_id="m1", now=clock(),
        )  # fmt: skip
        raise ChangeRefused

    with pytest.raises(ChangeRefused):
        await in_transaction(db, change)

    counts = [
        await db[name].count_documents({})
        for name in ("meetings_stand_in", NOTIFICATIONS.name, PUSH_JOBS.name)
    ]
    assert counts == [0, 0, 0]


async def test_notify_without_recipients_writes_nothing(db: Database, clock: ManualClock) -> None:
    ids = await notify(
        db, None, [], kind=NotificationKind.NEW_SUGGESTIONS, title="t", body="b", now=clock()
    )
    assert (ids, await db[PUSH_JOBS.name].count_documents({})) == ([], 0)
