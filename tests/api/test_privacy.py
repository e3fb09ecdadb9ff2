"""A person's own data: export, and deletion after which nothing of them works or shows."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import ALL_COLLECTIONS, CONNECTIONS
from server.notifications.outbox import notify
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.world import World


async def test_export_holds_profile_and_bookmarks_without_secrets(
    api: GraphQLClient, world: World, db: Database
) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    await api.data('mutation { bookmarkSession(sessionId: "s-cyber") { id } }', token=token)
    exported = (await api.data("{ exportMyData }", token=token))["exportMyData"]
    assert sorted(exported) == sorted(c.name for c in ALL_COLLECTIONS if c.personal_field)
    [person] = exported["people"]
    assert person["email"] == "ana@acme.example"
    assert person["interest_ids"] == ["ai-diagnostics", "imaging-service"]
    assert {"badge_code_hash", "token_version", "search_tokens"} & set(person) == set()
    assert [b["session_id"] for b in exported["bookmarks"]] == ["s-cyber"]


async def test_deleting_the_account_erases_it_and_kills_token_and_badge_code(
    api: GraphQLClient, world: World, db: Database
) -> None:
    ana_id = world.ids["ana@acme.example"]
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    await api.data('mutation { bookmarkSession(sessionId: "s-cyber") { id } }', token=token)
    await db[CONNECTIONS.name].insert_one(
        {"_id": "c1", "people": [ana_id, world.ids["dan@city.example"]]}
    )
    assert await api.data("mutation { deleteMyAccount }", token=token) == {"deleteMyAccount": True}

    for collection in ALL_COLLECTIONS:
        if collection.personal_field:
            assert (
                await db[collection.name].count_documents({collection.personal_field: ana_id}) == 0
            )
    me = await api.execute("{ people { edges { cursor } } }", token=token)
    assert me["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    sign_in = await api.execute(
        'mutation { signIn(email: "ana@acme.example", code: "ANA-CODE") { token } }'
    )
    assert sign_in["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    dan = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    names = await api.data('{ people(search: "ana") { edges { node { name } } } }', token=dan)
    assert names == {"people": {"edges": []}}


async def test_export_and_delete_need_sign_in(api: GraphQLClient, world: World) -> None:
    for query in ("{ exportMyData }", "mutation { deleteMyAccount }"):
        result = await api.execute(query)
        assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_organizers_do_not_read_or_mark_other_peoples_notifications(
    api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    [notice_id] = await notify(
        db, None, [world.ids["ana@acme.example"]], kind=NotificationKind.MEETING_REQUEST,
        title="For Ana", body="b", now=clock(),
    )  # fmt: skip
    olga = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
    marked = await api.data(
        "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }", {"ids": [notice_id]},
        token=olga,
    )  # fmt: skip
    assert marked == {"markNotificationsRead": 0}
    assert await api.data("{ notifications { id } }", token=olga) == {"notifications": []}
    ana = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    assert await api.data("{ notifications { id readAt } }", token=ana) == {
        "notifications": [{"id": notice_id, "readAt": None}]
    }
