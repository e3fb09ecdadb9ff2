"""The embedded database: SecantusDB run as a child process on a free loopback port."""

from __future__ import annotations

import contextlib
import logging
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pymongo import MongoClient
from pymongo.errors import PyMongoError

log = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 10.0

_KNOWN_FAILURES = (
    ("Address already in use", "the port {port} is taken by another program"),
    (
        "resource busy",
        "the data directory {path} is in use by another database server "
        "(is another `make run` still running?)",
    ),
    ("No space left", "the disk holding {path} is full"),
    ("Permission denied", "no permission to write to {path}"),
    ("Read-only file system", "the data directory {path} is on a read-only file system"),
    ("No module named secantus", "SecantusDB is not installed: install the `embedded` extra"),
)


class EmbeddedDatabaseError(RuntimeError):
    """The embedded database could not start; the message says why, for a person (callers
    print it after "Cannot start the embedded database: ")."""


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def embedded_uri(port: int) -> str:
    return f"mongodb://127.0.0.1:{port}/?directConnection=true&retryWrites=false"


def running_embedded_uri(data_dir: Path) -> str | None:
    """The address of an embedded server already serving `data_dir` (say, `make run`'s)."""
    try:
        port = int((data_dir.resolve() / "secantus.port").read_text())
    except (OSError, ValueError):
        return None
    return embedded_uri(port) if _port_answers(port) and _answers_hello(port) else None


def _answers_hello(port: int) -> bool:
    """A MongoDB-wire handshake, not just an open port (another program may hold it)."""
    client: MongoClient[dict[str, Any]] = MongoClient(
        embedded_uri(port), serverSelectionTimeoutMS=300, connectTimeoutMS=300
    )
    with client:
        try:
            client.admin.command("hello")
        except PyMongoError:
            return False
        return True


def _port_answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
        return True
    return False


@dataclass
class EmbeddedDatabase:
    """Starts SecantusDB with durable commits, waits until it answers, stops it on exit."""

    data_dir: Path
    port: int = 0
    log_file: Path | None = None
    durable: bool = True  # flush every commit: nothing acknowledged is lost on a crash
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def uri(self) -> str:
        return embedded_uri(self.port)

    @property
    def port_file(self) -> Path:
        return self.data_dir.resolve() / "secantus.port"

    def start(self) -> str:
        storage = self.data_dir.resolve() / "db"
        try:
            storage.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise EmbeddedDatabaseError(
                f"cannot create the data directory {storage}: {error.strerror}"
            ) from None
        self.port = self.port or free_loopback_port()
        self.log_file = self.log_file or self.data_dir.resolve() / "secantus.log"
        command = [
            sys.executable, "-m", "secantus",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--storage-path", str(storage), "--log-level", "WARNING",
        ]  # fmt: skip
        if self.durable:
            command.append("--sync-on-commit")
        with self.log_file.open("wb") as sink:
            self._process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        self._wait_until_ready(storage)
        self.port_file.write_text(str(self.port))
        log.info("embedded database on 127.0.0.1:%s, data in %s", self.port, storage)
        return self.uri

    def _wait_until_ready(self, storage: Path) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmbeddedDatabaseError(self._explain_exit(storage))
            if _answers_hello(self.port):
                return
            time.sleep(0.05)
        self.stop()
        raise EmbeddedDatabaseError(
            f"it did not answer within {START_TIMEOUT_SECONDS:.0f} s; see {self.log_file}"
        )

    def _explain_exit(self, storage: Path) -> str:
        output = self.log_file.read_text(errors="replace") if self.log_file else ""
        for needle, reason in _KNOWN_FAILURES:
            if needle in output:
                return reason.format(port=self.port, path=storage)
        last = output.strip().splitlines()[-1:] or ["no output"]
        return f"it stopped at once ({last[0]}); see {self.log_file}"

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        self.port_file.unlink(missing_ok=True)
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> EmbeddedDatabase:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
