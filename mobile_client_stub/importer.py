"""The organizer's import, as they run it on the server's machine: `python -m server
import-people FILE.csv`, with the server's DATA_DIR or MONGODB_URI in the environment."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path


class ImportFailed(RuntimeError):
    pass


async def import_people(csv_text: str, server_env: Mapping[str, str] | None = None) -> str:
    """Runs the server's import on `csv_text` and returns its summary line."""
    env = {**os.environ, **(server_env or {})}
    with tempfile.TemporaryDirectory(prefix="stub-import-") as folder:
        people = Path(folder) / "people.csv"
        people.write_text(csv_text, encoding="utf-8")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server", "import-people", str(people),
            "--codes-out", str(Path(folder) / "codes.csv"),
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await process.communicate()
    if process.returncode != 0:
        raise ImportFailed(
            f"import-people exited with {process.returncode}: {err.decode().strip()[-2000:]}"
        )
    summary = out.decode().strip().splitlines()[-1]
    return summary.split(";")[0]  # without where the codes went: that folder is gone
