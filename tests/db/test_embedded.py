"""The embedded database: starts, answers, stops, and explains why when it cannot start."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pymongo import MongoClient

from server.db.embedded import EmbeddedDatabase, EmbeddedDatabaseError, running_embedded_uri


def test_embedded_database_serves_data_across_restarts(tmp_path: Path) -> None:
    with EmbeddedDatabase(tmp_path) as server:
        assert running_embedded_uri(tmp_path) == server.uri
        with MongoClient(server.uri) as client:
            client.expo.notes.insert_one({"_id": 1, "text": "kept"})
    assert running_embedded_uri(tmp_path) is None
    with EmbeddedDatabase(tmp_path) as server, MongoClient(server.uri) as client:
        assert client.expo.notes.find_one({"_id": 1}) == {"_id": 1, "text": "kept"}


def test_taken_port_is_explained(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        with pytest.raises(EmbeddedDatabaseError) as refused:
            EmbeddedDatabase(tmp_path, port=port).start()
    assert str(refused.value) == f"the port {port} is taken by another program"


def test_data_directory_in_use_is_explained(tmp_path: Path) -> None:
    with EmbeddedDatabase(tmp_path), pytest.raises(EmbeddedDatabaseError) as refused:
        EmbeddedDatabase(tmp_path).start()
    assert "in use by another database server" in str(refused.value)


def test_unwritable_data_directory_is_explained(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    with pytest.raises(EmbeddedDatabaseError) as refused:
        EmbeddedDatabase(blocked / "data").start()
    assert str(refused.value).startswith("cannot create the data directory")
