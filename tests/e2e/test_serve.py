"""`python -m server serve` as `make run` starts it: embedded database, demo seeded once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from server.db.embedded import free_loopback_port, running_embedded_uri
from tests.support.served import serving

SIGN_IN = 'mutation { signIn(email: "attendee@demo.example", code: "DEMO-ATTENDEE") { token } }'
UPDATE = 'mutation { updateProfile(input: {headline: "Edited before a restart"}) { headline } }'


def _graphql(base_url: str, query: str, token: str | None = None) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{base_url}/graphql", json={"query": query}, headers=headers, timeout=30)
    result: dict[str, object] = response.json()
    return result


def test_serve_seeds_the_demo_once_and_keeps_edits_across_restarts(tmp_path: Path) -> None:
    port = free_loopback_port()
    with serving(tmp_path, port) as served:
        base_url, printed = served.url, served.printed
        assert f"  GraphQL API and GraphiQL: {base_url}/graphql" in printed
        assert any("attendee@demo.example" in line and "DEMO-ATTENDEE" in line for line in printed)
        token = _graphql(base_url, SIGN_IN)["data"]["signIn"]["token"]  # type: ignore[index]
        assert _graphql(base_url, UPDATE, token) == {
            "data": {"updateProfile": {"headline": "Edited before a restart"}}
        }
        event = _graphql(base_url, "{ event { name } }")
        suggestions = _graphql(base_url, "{ suggestions { reasons { detail } } }", token)
        assert len(suggestions["data"]["suggestions"]) == 10  # type: ignore[index]
    assert running_embedded_uri(tmp_path) is None  # the database stopped with the app

    with serving(tmp_path, port) as served:
        base_url = served.url
        me = _graphql(base_url, "{ me { headline } }", token)
        assert me == {"data": {"me": {"headline": "Edited before a restart"}}}
        assert _graphql(base_url, "{ event { name } }") == event


@pytest.mark.parametrize("command", ["serve", "seed", "worker"])
def test_commands_explain_a_database_that_cannot_start(tmp_path: Path, command: str) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update({"DATA_DIR": str(blocked / "data"), "PORT": str(free_loopback_port())})
    done = subprocess.run(
        [sys.executable, "-m", "server", command], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    storage = (blocked / "data" / "db").resolve()
    assert (done.returncode, done.stderr) == (
        1,
        f"Cannot start the embedded database: cannot create the data directory {storage}: "
        "Not a directory\n",
    )
