"""The stub's import of people: only into a database on this machine, refused before anything
runs otherwise, and stopped (the child killed) when it gives no answer in time."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from mobile_client_stub.importer import ImportFailed, database_uri, import_people
from mobile_client_stub.loopback import NotLoopback, require_loopback_database

PEOPLE = "email,name,role\nwalk-in@door.example,Walk In,ATTENDEE\n"
HUNG_TEST = 60  # a generous bound that only stops a hung test


def env_with(uri: str | None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name.lower() != "mongodb_uri"}
    return env if uri is None else env | {"MONGODB_URI": uri}


@pytest.mark.parametrize(
    "uri",
    [
        "mongodb://localhost",
        "mongodb://127.0.0.1:27017/expo",
        "mongodb://expo:s3cret@127.8.0.1:27017,[::1]:27018,LOCALHOST:27019/?replicaSet=rs0",
        "mongodb://%2Ftmp%2Fmongodb-27017.sock",
    ],
)
def test_databases_on_this_machine_are_allowed(uri: str) -> None:
    assert require_loopback_database(uri) == uri


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("mongodb://expo:s3cret@db.example.org/expo", "Refusing MONGODB_URI with db.example.org"),
        ("mongodb://localhost,10.0.0.2:27017", "Refusing MONGODB_URI with 10.0.0.2"),
        ("mongodb://localhost@10.0.0.3", "Refusing MONGODB_URI with 10.0.0.3"),
        ("mongodb+srv://cluster0.example.mongodb.net", "Refusing MONGODB_URI: only mongodb://"),
        ("postgres://127.0.0.1", "Refusing MONGODB_URI: only mongodb://"),
        ("mongodb://127.0.0.1:99999", "Refusing MONGODB_URI: it does not parse"),
    ],
)  # fmt: skip
async def test_an_import_into_a_database_off_this_machine_is_refused_before_it_runs(
    uri: str, message: str
) -> None:
    with pytest.raises(NotLoopback) as refused:
        await asyncio.wait_for(import_people(PEOPLE, env_with(uri)), HUNG_TEST)
    assert str(refused.value).startswith(message)
    assert "s3cret" not in str(refused.value)


def test_the_database_is_read_as_the_server_reads_it(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=INFO\nmongodb_uri=mongodb://10.1.2.3\n", encoding="utf-8")
    assert [
        database_uri({}, tmp_path / "missing.env"),
        database_uri({}, env_file),  # names are case-insensitive
        database_uri({"MONGODB_URI": "mongodb://127.0.0.1"}, env_file),  # environment first
    ] == [None, "mongodb://10.1.2.3", "mongodb://127.0.0.1"]


def test_the_command_refuses_a_database_off_this_machine_before_any_traffic() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mobile_client_stub", "demo", "--url", "http://127.0.0.1:9"],
        env=env_with("mongodb://db.example.org"), capture_output=True, text=True,
        timeout=HUNG_TEST, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("Refusing MONGODB_URI with db.example.org: ")


@pytest.fixture
async def silent_database() -> AsyncIterator[str]:
    """A loopback port that takes connections and never answers, as a database that hangs."""

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # until the other side goes away
        writer.close()

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"mongodb://127.0.0.1:{port}"
    server.close()


def child_processes() -> set[int]:
    """This process's children (Linux), whichever of its threads started them."""
    threads = Path("/proc/self/task").iterdir()
    return {int(pid) for thread in threads for pid in (thread / "children").read_text().split()}


async def test_an_import_that_gives_no_answer_is_stopped(silent_database: str) -> None:
    before = child_processes()
    with pytest.raises(ImportFailed) as stopped:
        # the server's own client waits 10 s for a database before giving up, so 1 s is too short
        await asyncio.wait_for(
            import_people(PEOPLE, env_with(silent_database), timeout_seconds=1), HUNG_TEST
        )
    assert str(stopped.value) == (
        "import-people gave no answer in 1 s and was stopped; is its database up?"
    )
    assert child_processes() == before  # killed and reaped
