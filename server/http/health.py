"""Liveness and readiness, as JSON."""

from __future__ import annotations

import asyncio

from pymongo.errors import PyMongoError
from starlette.requests import Request
from starlette.responses import JSONResponse

from server.schema.context import Services

READINESS_TIMEOUT_SECONDS = 2.0


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    services: Services = request.state.services
    try:
        await asyncio.wait_for(services.db.command("ping"), READINESS_TIMEOUT_SECONDS)
    except (PyMongoError, TimeoutError):
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "database": "ok"})
