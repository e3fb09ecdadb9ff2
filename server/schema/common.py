"""GraphQL enums over the domain vocabularies, and shared page types."""

from __future__ import annotations

from typing import Any

import strawberry

from server import vocabulary
from server.services.pagination import Page

Role = strawberry.enum(vocabulary.Role, name="Role")
Sector = strawberry.enum(vocabulary.Sector, name="Sector")
IntentKind = strawberry.enum(vocabulary.IntentKind, name="IntentKind")
LocationKind = strawberry.enum(vocabulary.LocationKind, name="LocationKind")


@strawberry.type
class PageInfo:
    end_cursor: str | None
    has_next_page: bool

    @classmethod
    def of(cls, page: Page[Any]) -> PageInfo:
        return cls(end_cursor=page.end_cursor, has_next_page=page.has_next_page)
