"""The Starlette app factory: routes, and a lifespan that owns the database and other resources."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo.monitoring import CommandListener
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from server.auth.firebase_tokens import FirebaseIdTokens
from server.auth.identity import Authenticator
from server.auth.tokens import SessionTokens
from server.config import Settings
from server.db.client import Database
from server.db.connection import open_database
from server.firebase import create_firebase_app
from server.http.body_limit import BodyLimit
from server.http.calendar import calendar_feed
from server.http.exports import export_leads, export_meetings, export_people
from server.http.graphql_view import ExpoGraphQL
from server.http.health import healthz, readyz
from server.notifications.gateways.base import PushGateway
from server.notifications.runtime import notification_runtime
from server.schema import build_schema
from server.schema.context import Services
from server.services.event.demo_seed import is_empty, seed_demo
from server.services.matchmaking.index_cache import MatchIndexCache
from server.services.matchmaking.refresh import refresh_due
from server.services.matchmaking.runs import execute_run, start_run
from server.services.meetings.organizer import repair_displaced
from server.tasks import BackgroundTasks

log = logging.getLogger("server")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


async def _seed_demo_with_suggestions(db: Database, clock: Clock) -> None:
    """A newcomer's first start: the demo expo, with everyone's suggestions already computed."""
    report = await seed_demo(db, clock())
    run = await start_run(db, clock())
    await execute_run(db, run["_id"], clock)
    log.info("seeded the demo expo: %s people, suggestions computed", report.created)


def _lifespan(
    settings: Settings,
    clock: Clock,
    on_ready: Callable[[Services], None] | None,
    listeners: Sequence[CommandListener],
    push_gateway: PushGateway | None,
) -> Any:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        async with open_database(settings, listeners) as connection:
            db = connection.db
            if settings.should_seed_demo and await is_empty(db):
                await _seed_demo_with_suggestions(db, clock)
            firebase_app = create_firebase_app(settings)
            tokens = SessionTokens(
                settings.token_secret.get_secret_value(), timedelta(hours=settings.token_ttl_hours)
            )
            firebase = FirebaseIdTokens(firebase_app) if firebase_app else None
            async with notification_runtime(
                db, settings, clock, firebase_app,
                gateway=push_gateway, run_workers=settings.run_workers,
            ) as notifications:  # fmt: skip
                background = BackgroundTasks()
                services = Services(
                    db=db,
                    settings=settings,
                    tokens=tokens,
                    authenticator=Authenticator(db, tokens, firebase, clock),
                    clock=clock,
                    background=background,
                    notifications=notifications,
                )
                index_cache = MatchIndexCache()
                background.every(
                    settings.background_poll_seconds,
                    lambda: refresh_due(db, clock(), index_cache),
                    "suggestion-refresh",
                )
                background.every(
                    settings.background_poll_seconds,
                    lambda: repair_displaced(
                        db, clock(), reminder_minutes=settings.reminder_minutes_before
                    ),
                    "grid-repair",
                )
                gc.collect()
                gc.freeze()  # start-up objects leave the collector's work: no full-pass spikes
                log.info("database: %s", connection.uri_label)
                if on_ready is not None:
                    on_ready(services)
                try:
                    yield {"services": services}
                finally:
                    await background.close()

    return lifespan


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock = utc_now,
    on_ready: Callable[[Services], None] | None = None,
    command_listeners: Sequence[CommandListener] = (),
    push_gateway: PushGateway | None = None,
) -> Starlette:
    """`clock`, `on_ready`, `command_listeners` and `push_gateway` (instead of the one the
    settings choose) are seams for tests and tools."""
    settings = settings or Settings()
    graphql = ExpoGraphQL(
        build_schema(settings),
        graphql_ide=None if settings.is_production else "graphiql",
        allowed_origins=settings.allowed_origins,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),  # not the legacy graphql-ws
    )
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/calendar/{token}.ics", calendar_feed, methods=["GET"]),
        Route("/exports/meetings.csv", export_meetings, methods=["GET"]),
        Route("/exports/people.csv", export_people, methods=["GET"]),
        Route("/exports/leads.csv", export_leads, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(BodyLimit, max_bytes=settings.max_body_bytes)],
        lifespan=_lifespan(settings, clock, on_ready, command_listeners, push_gateway),
    )
