"""The graphql-http audit (the GraphQL-over-HTTP spec's own test suite) against the served app."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from tests.support.live import LiveApp

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "tests" / "support" / "graphql_http_audit.mjs"


async def test_the_graphql_http_audit_passes_with_no_warnings(live_app: LiveApp) -> None:
    url = f"{live_app.base_url}/graphql"
    pipe = asyncio.subprocess.PIPE
    node = await asyncio.create_subprocess_exec(
        "node", str(AUDIT), url, cwd=ROOT, stdout=pipe, stderr=pipe
    )
    out, err = await asyncio.wait_for(node.communicate(), timeout=120)
    assert node.returncode == 0, err.decode()
    results = [json.loads(line) for line in out.decode().splitlines()]
    not_ok = [
        (r["id"], r["status"], r["name"], r["reason"]) for r in results if r["status"] != "ok"
    ]
    assert len(results) > 40
    assert not_ok == []
