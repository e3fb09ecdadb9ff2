"""`python -m server serve` as `make run` starts it: embedded database, demo seeded once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from server.db.embedded import free_loopback_port, running_embedded_uri

SIGN_IN = 'mutation { signIn(email: "attendee@demo.example", code: "DEMO-ATTENDEE") { token } }'
UPDATE = 'mutation { updateProfile(input: {headline: "Edited before a restart"}) { headline } }'


@contextmanager
def _serving(data_dir: Path, port: int) -> Iterator[tuple[str, list[str]]]:
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update({"DATA_DIR": str(data_dir), "PORT": str(port), "LOG_LEVEL": "WARNING"})
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    printed: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        printed.append(line.rstrip())
        if "DEMO-ORGANIZER" in line or process.poll() is not None:
            break
    try:
        yield f"http://127.0.0.1:{port}", printed
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C
        exit_code = process.wait(timeout=60)
        process.stdout.close()
        assert exit_code == 0


def _graphql(base_url: str, query: str, token: str | None = None) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{base_url}/graphql", json={"query": query}, headers=headers, timeout=30)
    result: dict[str, object] = response.json()
    return result


def test_serve_seeds_the_demo_once_and_keeps_edits_across_restarts(tmp_path: Path) -> None:
    port = free_loopback_port()
    with _serving(tmp_path, port) as (base_url, printed):
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

    with _serving(tmp_path, port) as (base_url, _):
        me = _graphql(base_url, "{ me { headline } }", token)
        assert me == {"data": {"me": {"headline": "Edited before a restart"}}}
        assert _graphql(base_url, "{ event { name } }") == event


def test_serve_explains_a_database_that_cannot_start(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update({"DATA_DIR": str(blocked / "data"), "PORT": str(free_loopback_port())})
    done = subprocess.run(
        [sys.executable, "-m", "server", "serve"], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("Cannot start: cannot create the data directory")
    assert "Traceback" not in done.stderr
