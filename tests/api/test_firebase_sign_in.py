"""Firebase ID tokens identify a person by verified email (firebase-admin in emulator mode)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator

import pytest

from server.config import Settings
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.live import serve_app
from tests.support.world import World

PROJECT = "demo-expo-project"


def _segment(value: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def emulator_id_token(email: str, *, verified: bool = True, project: str = PROJECT) -> str:
    """An ID token as the Firebase Auth emulator issues it: unsigned."""
    now = int(time.time())
    claims = {
        "iss": f"https://securetoken.google.com/{project}", "aud": project, "sub": "uid-" + email,
        "email": email, "email_verified": verified, "iat": now, "exp": now + 3600,
        "auth_time": now,
    }  # fmt: skip
    return f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(claims)}."


@pytest.fixture
async def firebase_api(
    settings: Settings, clock: ManualClock, world: World, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[GraphQLClient]:
    monkeypatch.setenv("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099")
    with_firebase = settings.model_copy(update={"firebase_project_id": PROJECT})
    async with serve_app(with_firebase, clock) as app, app.client() as api:
        yield api


async def test_verified_firebase_email_signs_the_person_in(firebase_api: GraphQLClient) -> None:
    token = emulator_id_token("cara@bolt.example")
    me = await firebase_api.data("{ me { name email } }", token=token)
    assert me == {"me": {"name": "Cara Chen", "email": "cara@bolt.example"}}


async def test_unverified_unknown_or_foreign_tokens_are_refused(
    firebase_api: GraphQLClient,
) -> None:
    for token in (
        emulator_id_token("cara@bolt.example", verified=False),
        emulator_id_token("stranger@elsewhere.example"),
        emulator_id_token("cara@bolt.example", project="another-project"),
    ):
        result = await firebase_api.execute("{ people { edges { cursor } } }", token=token)
        assert result["errors"][0]["message"] == "Your sign-in is no longer valid. Sign in again."
        assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_firebase_tokens_are_refused_without_a_firebase_project(
    api: GraphQLClient, world: World
) -> None:
    """Without a Firebase project such a token is just an invalid one: UNAUTHENTICATED."""
    result = await api.execute("{ me { name } }", token=emulator_id_token("cara@bolt.example"))
    assert result["data"] == {"me": None}
    assert [error["extensions"] for error in result["errors"]] == [{"code": "UNAUTHENTICATED"}]
