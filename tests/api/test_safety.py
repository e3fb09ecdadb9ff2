"""The safety baseline: limits, masking, production switches, GET and WebSocket rules."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from graphql import build_schema as build_sdl_schema
from graphql import parse, validate
from pydantic import SecretStr
from websockets.exceptions import InvalidStatus

from server.config import AppEnv, Settings
from server.db.client import Database
from server.db.collections import PEOPLE
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient, ws_init
from tests.support.live import serve_app
from tests.support.world import World


async def test_request_body_over_the_limit_is_refused_with_413(api: GraphQLClient) -> None:
    padding = "x" * 1_000_001
    response = await api.http.post(
        "/graphql", json={"query": "{ __typename }", "variables": {"p": padding}}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_body_over_the_limit_without_content_length_is_refused(api: GraphQLClient) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(11):
            yield b" " * 100_000

    response = await api.http.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def _deep_query(levels: int) -> str:
    """A valid query going exhibitors -> people -> organization -> people ... `levels` times."""
    hop = "{ people { edges { node { organization "
    return (
        "{ exhibitors { edges { node " + hop * levels + "{ name }" + " } } } }" * levels + " } } }"
    )


async def test_deep_queries_are_refused(api: GraphQLClient, settings: Settings) -> None:
    query = _deep_query(levels=settings.max_query_depth // 4 + 1)
    schema = build_sdl_schema((Path(__file__).parents[2] / "schema.graphql").read_text())
    assert validate(schema, parse(query)) == []  # only the depth limit refuses it
    result = await api.execute(query)
    assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "exceeds maximum operation depth" in result["errors"][0]["message"]
    within = await api.execute(_deep_query(levels=settings.max_query_depth // 4 - 1))
    assert within == {"data": {"exhibitors": {"edges": []}}}


async def test_too_many_aliases_are_refused(api: GraphQLClient, settings: Settings) -> None:
    aliases = " ".join(f"a{n}: __typename" for n in range(settings.max_aliases + 1))
    result = await api.execute("{ " + aliases + " }")
    assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_too_many_tokens_are_refused(api: GraphQLClient, settings: Settings) -> None:
    result = await api.execute("{ " + "__typename " * settings.max_tokens + "}")
    assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_syntax_errors_are_bad_user_input(api: GraphQLClient) -> None:
    result = await api.execute("{ event { ")
    assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_internal_errors_are_masked_with_a_logged_correlation_id(
    api: GraphQLClient, world: World, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    token = await api.sign_in("dan@city.example", world.code("dan@city.example"))
    # a stored value the code cannot read: the client must learn nothing of it
    await db[PEOPLE.name].update_one({"email": "cara@bolt.example"}, {"$set": {"role": "WIZARD"}})
    with caplog.at_level(logging.ERROR, logger="server.errors"):
        result = await api.execute(
            '{ people(search: "cara") { edges { node { role } } } }', token=token
        )
    error = result["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL"
    assert "WIZARD" not in json.dumps(result)
    assert error["extensions"]["correlationId"] in caplog.text


async def test_queries_over_get_work_and_mutations_over_get_do_not(
    api: GraphQLClient, world: World
) -> None:
    query = await api.http.get("/graphql", params={"query": "{ event { name } }"})
    assert query.json() == {"data": {"event": {"name": "Test HTM Expo"}}}
    mutation = await api.http.get(
        "/graphql",
        params={"query": 'mutation { signIn(email: "a@b.example", code: "x") { token } }'},
    )
    assert (mutation.status_code, mutation.json()) == (
        400,
        {
            "errors": [
                {
                    "message": "mutations are not allowed when using GET",
                    "extensions": {"code": "BAD_USER_INPUT"},
                }
            ]
        },
    )


async def test_graphiql_is_served_in_development(api: GraphQLClient) -> None:
    page = await api.http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


async def test_production_turns_off_introspection_and_graphiql(
    settings: Settings, clock: ManualClock, db: Database
) -> None:
    production = settings.model_copy(update={"app_env": AppEnv.PRODUCTION})
    async with serve_app(production, clock) as app, app.client() as api:
        page = await api.http.get("/graphql", headers={"accept": "text/html"})
        introspection = await api.execute("{ __schema { types { name } } }")
    assert page.status_code == 404
    assert introspection["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


def test_production_refuses_the_development_token_secret() -> None:
    with pytest.raises(ValueError, match="TOKEN_SECRET must be set"):
        Settings(_env_file=None, app_env=AppEnv.PRODUCTION)  # type: ignore[call-arg]


def _production(secret: str) -> Settings:
    return Settings(_env_file=None, app_env=AppEnv.PRODUCTION, token_secret=SecretStr(secret))  # type: ignore[call-arg]


def test_production_refuses_a_token_secret_under_32_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FIREBASE_AUTH_EMULATOR_HOST", raising=False)
    with pytest.raises(ValueError, match="TOKEN_SECRET must be at least 32 characters"):
        _production("s" * 31)
    assert _production("s" * 32).token_secret == SecretStr("s" * 32)


def test_production_refuses_the_firebase_auth_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099")
    with pytest.raises(ValueError, match="FIREBASE_AUTH_EMULATOR_HOST must not be set"):
        _production("s" * 32)
    development = Settings(_env_file=None, token_secret=SecretStr("s" * 32))  # type: ignore[call-arg]
    assert development.app_env == AppEnv.DEVELOPMENT  # the emulator is fine for development


async def test_websocket_origins_are_checked(
    settings: Settings, clock: ManualClock, db: Database
) -> None:
    allowed = settings.model_copy(update={"allowed_origins": ["https://app.expo.example"]})
    async with serve_app(allowed, clock) as app, app.client() as api:
        with pytest.raises(InvalidStatus) as refused:
            async with api.websocket(origin="https://evil.example"):
                pass
        assert refused.value.response.status_code == 403
        async with api.websocket(origin="https://app.expo.example") as ws:
            assert (await ws_init(ws))["type"] == "connection_ack"
        async with api.websocket() as ws:  # phones send no Origin
            assert (await ws_init(ws))["type"] == "connection_ack"
