"""The demo expo seeds through the import path, signs in its demo accounts, and re-seeds safely."""

from __future__ import annotations

from server.config import Settings
from server.db.client import Database
from server.db.collections import AGENDA_SESSIONS, COMMUNITIES, LOCATIONS, ORGANIZATIONS, PEOPLE
from server.services.event.demo_seed import is_empty, seed_demo
from tests.support.clock import ManualClock
from tests.support.live import serve_app

DEMO_ACCOUNTS = {
    "attendee@demo.example": ("DEMO-ATTENDEE", "ATTENDEE"),
    "exhibitor@demo.example": ("DEMO-EXHIBITOR", "EXHIBITOR"),
    "organizer@demo.example": ("DEMO-ORGANIZER", "ORGANIZER"),
}


async def test_seeding_twice_writes_the_demo_once(db: Database, clock: ManualClock) -> None:
    assert await is_empty(db)
    first = await seed_demo(db, clock())
    second = await seed_demo(db, clock())
    assert (first.created, first.errors) == (150, [])
    assert (second.created, second.updated) == (0, 150)
    counts = {
        name: await db[name].count_documents({})
        for name in (PEOPLE.name, ORGANIZATIONS.name, AGENDA_SESSIONS.name)
    }
    assert counts == {"people": 150, "organizations": 41, "agenda_sessions": 32}
    assert await db[LOCATIONS.name].count_documents({"kind": "TABLE"}) == 20
    assert await db[PEOPLE.name].count_documents({"listed": False}) == 0
    women = await db[COMMUNITIES.name].find_one({"_id": "women-in-leadership"})
    assert women is not None
    assert await db[PEOPLE.name].count_documents({"community_ids": women["_id"]}) >= 15


async def test_demo_accounts_sign_in_with_their_roles(
    db: Database, clock: ManualClock, settings: Settings
) -> None:
    await seed_demo(db, clock())
    async with serve_app(settings, clock) as app, app.client() as api:
        for email, (code, role) in DEMO_ACCOUNTS.items():
            token = await api.sign_in(email, code)
            me = await api.data("{ me { role email } }", token=token)
            assert me == {"me": {"role": role, "email": email}}
        exhibitors = await api.data("{ exhibitors(first: 100) { edges { node { booth } } } }")
    assert len(exhibitors["exhibitors"]["edges"]) == 25
