"""The organizer's import, as they run it on the server's machine: `python -m server
import-people FILE.csv`, with the server's DATA_DIR or MONGODB_URI in the environment; only
into a database on this machine, and stopped if it gives no answer in time."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

from mobile_client_stub.loopback import require_loopback_database

IMPORT_TIMEOUT_SECONDS = 300.0  # the swarm's largest crowd (2,000 people) takes far less


class ImportFailed(RuntimeError):
    pass


def database_uri(env: Mapping[str, str], env_file: Path = Path(".env")) -> str | None:
    """The MONGODB_URI the server's command will use, read as its settings read it: from the
    environment, else from `.env` in the working directory, names case-insensitive. None means
    the embedded database in DATA_DIR."""
    from_file = dotenv_values(env_file) if env_file.is_file() else {}
    for source in (env, from_file):
        for name, value in source.items():
            if name.lower() == "mongodb_uri" and value is not None:
                return value
    return None


def require_local_database(server_env: Mapping[str, str] | None = None) -> None:
    """Refuses, before anything runs, an import aimed at a database off this machine."""
    uri = database_uri(os.environ if server_env is None else server_env)
    if uri is not None:
        require_loopback_database(uri)


async def import_people(
    csv_text: str,
    server_env: Mapping[str, str] | None = None,
    *,
    timeout_seconds: float = IMPORT_TIMEOUT_SECONDS,
) -> str:
    """Runs the server's import on `csv_text` and returns its summary line. `server_env` is the
    server's whole environment (this process's when None)."""
    env = dict(os.environ if server_env is None else server_env)
    require_local_database(env)
    with tempfile.TemporaryDirectory(prefix="stub-import-") as folder:
        people = Path(folder) / "people.csv"
        people.write_text(csv_text, encoding="utf-8")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server", "import-people", str(people),
            "--codes-out", str(Path(folder) / "codes.csv"),
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            out, err = await asyncio.wait_for(process.communicate(), timeout_seconds)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise ImportFailed(
                f"import-people gave no answer in {timeout_seconds:g} s and was stopped; "
                "is its database up?"
            ) from None
    if process.returncode != 0:
        raise ImportFailed(
            f"import-people exited with {process.returncode}: {err.decode().strip()[-2000:]}"
        )
    summary = out.decode().strip().splitlines()[-1]
    return summary.split(";")[0]  # without where the codes went: that folder is gone
