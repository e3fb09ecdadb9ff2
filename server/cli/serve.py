"""`serve`: run the API with uvicorn, printing where it is and how to sign in."""

from __future__ import annotations

import socket

import uvicorn
from starlette.types import ASGIApp

from server.app import create_app
from server.config import Settings
from server.db.embedded import EmbeddedDatabase

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


class _AnnouncingServer(uvicorn.Server):
    """Prints where the API is once it is really listening."""

    banner = ""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            print(self.banner, flush=True)


def uvicorn_config(app: ASGIApp, settings: Settings) -> uvicorn.Config:
    """How `serve` runs the app: WebSocket messages over MAX_BODY_BYTES close the socket (1009),
    and X-Forwarded-For is believed only from FORWARDED_ALLOW_IPS."""
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        ws_max_size=settings.max_body_bytes,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        lifespan="on",
    )


def serve(settings: Settings) -> int:
    embedded = EmbeddedDatabase(settings.data_dir) if settings.uses_embedded_database else None
    if embedded is not None:
        embedded.start()  # the app's lifespan joins it; a failure is explained by main()
    server = _AnnouncingServer(uvicorn_config(create_app(settings), settings))
    server.banner = _banner(settings)
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after a clean shutdown
        pass
    finally:
        if embedded is not None:
            embedded.stop()
    return 0 if server.started else 1
