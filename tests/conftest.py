"""Shared fixtures: one real SecantusDB server per session, a database and a live app per test."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from server.config import Settings
from server.db.client import Client, Database, create_client
from server.db.embedded import EmbeddedDatabase
from tests.support.clock import ManualClock
from tests.support.fake_fcm import FakeFcm
from tests.support.graphql import GraphQLClient
from tests.support.live import LiveApp, serve_app
from tests.support.world import World, build_world

TEST_SECRET = "test-token-secret-that-is-long-enough-0123456789"


@pytest.fixture(scope="session")
def mongo_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One SecantusDB process for the whole run, in a temporary directory."""
    data_dir: Path = tmp_path_factory.mktemp("secantus")
    with EmbeddedDatabase(data_dir, durable=False) as server:
        yield server.uri


@pytest.fixture(scope="session")
async def mongo_client(mongo_uri: str) -> AsyncIterator[Client]:
    client = create_client(mongo_uri)
    yield client
    await client.close()


@pytest.fixture
def database_name() -> str:
    return f"test_{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def db(mongo_client: Client, database_name: str) -> AsyncIterator[Database]:
    """The test's own database (dropped afterwards)."""
    yield mongo_client[database_name]
    await mongo_client.drop_database(database_name)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def settings(mongo_uri: str, database_name: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        mongodb_uri=SecretStr(mongo_uri),
        database_name=database_name,
        token_secret=SecretStr(TEST_SECRET),
        seed_demo=False,
        firebase_credentials=None,
        firebase_project_id=None,
        run_workers=False,  # tests run workers themselves, or call them step by step
    )


@pytest.fixture
async def live_app(settings: Settings, clock: ManualClock, db: Database) -> AsyncIterator[LiveApp]:
    """The app served by uvicorn on a free loopback port, for the length of one test."""
    async with serve_app(settings, clock) as app:
        yield app


@pytest.fixture
async def api(live_app: LiveApp) -> AsyncIterator[GraphQLClient]:
    async with live_app.client() as client:
        yield client


@pytest.fixture
async def world(db: Database, clock: ManualClock) -> World:
    return await build_world(db, clock())


@pytest.fixture
async def fake_fcm(tmp_path: Path) -> AsyncIterator[FakeFcm]:
    """The loopback fake of FCM's HTTP v1 endpoint (TLS, HTTP/2), for this test."""
    async with FakeFcm.running(tmp_path / "fcm") as fake:
        yield fake
