"""`python -m server serve` as a child process, as `make run` starts it, on a free port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BANNER_END = "DEMO-ORGANIZER"  # the last line the server prints once it is listening


def server_env(data_dir: Path, port: int) -> dict[str, str]:
    """The environment of a server with its own embedded database in `data_dir`."""
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update({"DATA_DIR": str(data_dir), "PORT": str(port), "LOG_LEVEL": "WARNING"})
    return env


@contextmanager
def serving(data_dir: Path, port: int) -> Iterator[tuple[str, list[str]]]:
    """The base URL and the lines printed up to the banner; stopped with Ctrl+C, exit code 0."""
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve"], env=server_env(data_dir, port),
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
    try:
        yield f"http://127.0.0.1:{port}", printed
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C
        exit_code = process.wait(timeout=60)
        process.stdout.close()
        assert exit_code == 0
