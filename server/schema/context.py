"""The typed request context every resolver receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import strawberry
from starlette.requests import Request
from starlette.websockets import WebSocket

from server.auth.identity import Authenticator, Identity
from server.auth.permissions import require_organizer, require_person
from server.auth.tokens import SessionTokens
from server.config import Settings
from server.db.client import Database, Document
from server.notifications.runtime import NotificationRuntime
from server.schema.loaders import Loaders
from server.tasks import BackgroundTasks


@dataclass
class Services:
    """What the lifespan created and every request shares."""

    db: Database
    settings: Settings
    tokens: SessionTokens
    authenticator: Authenticator
    clock: Callable[[], datetime]
    background: BackgroundTasks
    notifications: NotificationRuntime


@dataclass
class Context:
    request: Request | WebSocket
    response: Any
    services: Services
    identity: Identity
    loaders: Loaders
    client_address: str
    connection_params: dict[str, Any] | None = field(default=None)

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def viewer(self) -> Document | None:
        return self.identity.person

    def now(self) -> datetime:
        return self.services.clock()

    def require_person(self) -> Document:
        return require_person(self.identity)

    def require_organizer(self) -> Document:
        return require_organizer(self.identity)


Info = strawberry.Info[Context, None]
