"""`python -m server serve` as a child process, as `make run` starts it, on a free port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

BANNER_END = "DEMO-ORGANIZER"  # the last line the server prints once it is listening


def server_env(data_dir: Path, port: int) -> dict[str, str]:
    """The environment of a server with its own embedded database in `data_dir`."""
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update({"DATA_DIR": str(data_dir), "PORT": str(port), "LOG_LEVEL": "WARNING"})
    return env


@dataclass(frozen=True)
class Served:
    url: str
    printed: list[str]  # the lines printed up to the banner
    later: list[str]  # the lines printed since (its log), read all along so that it never blocks
    env: dict[str, str]
    pid: int


@contextmanager
def serving(data_dir: Path, port: int, stop_seconds: float = 60) -> Iterator[Served]:
    """The running server; stopped with Ctrl+C at the end, which must exit with code 0 within
    `stop_seconds` (requests still in flight finish first)."""
    env = server_env(data_dir, port)
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    printed: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        printed.append(line.rstrip())
        if BANNER_END in line or process.poll() is not None:
            break
    later: list[str] = []
    reader = threading.Thread(target=_read_all, args=(process.stdout, later), daemon=True)
    reader.start()
    try:
        yield Served(f"http://127.0.0.1:{port}", printed, later, env, process.pid)
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C
        exit_code = process.wait(timeout=stop_seconds)
        reader.join(timeout=10)
        process.stdout.close()
        assert exit_code == 0, later[-20:]


def _read_all(stream: IO[str], lines: list[str]) -> None:
    """Drains the server's output: a full pipe would stop the server at its next log line."""
    for line in stream:
        lines.append(line.rstrip())
