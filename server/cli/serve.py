"""`serve`: run the API with uvicorn, printing where it is and how to sign in."""

from __future__ import annotations

import sys

import uvicorn

from server.app import create_app
from server.config import Settings
from server.db.embedded import EmbeddedDatabase, EmbeddedDatabaseError
from server.schema.context import Services

DEMO_SIGN_INS = (
    ("attendee@demo.example", "DEMO-ATTENDEE"),
    ("exhibitor@demo.example", "DEMO-EXHIBITOR"),
    ("organizer@demo.example", "DEMO-ORGANIZER"),
)


def _banner(settings: Settings) -> str:
    url = f"http://{settings.host}:{settings.port}/graphql"
    lines = [f"\n  GraphQL API{' and GraphiQL' if not settings.is_production else ''}: {url}"]
    if settings.should_seed_demo:
        lines.append("  Demo sign-ins (mutation signIn(email, code)):")
        lines += [f"    {email:<26} {code}" for email, code in DEMO_SIGN_INS]
    return "\n".join(lines) + "\n"


def serve(settings: Settings) -> int:
    def announce(services: Services) -> None:
        print(_banner(settings), flush=True)

    embedded = EmbeddedDatabase(settings.data_dir) if settings.uses_embedded_database else None
    try:
        if embedded is not None:
            embedded.start()  # the app's lifespan joins it; a failure is explained, not traced
    except EmbeddedDatabaseError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 1
    app = create_app(settings, on_ready=announce)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        ws_max_size=settings.max_body_bytes,
        proxy_headers=True,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    try:
        server.run()
    finally:
        if embedded is not None:
            embedded.stop()
    return 0 if server.started else 1
