"""GraphQL enums over the domain vocabularies, and shared page types."""

from __future__ import annotations

from typing import Any

import strawberry

from server.services.common.pagination import Page
from server.vocabulary import (
    IntentKind,
    LeadSource,
    LocationKind,
    MeetingSource,
    MeetingStatus,
    Role,
    ScheduleMode,
    Sector,
)

for _vocabulary in (
    IntentKind,
    LeadSource,
    LocationKind,
    MeetingSource,
    MeetingStatus,
    Role,
    ScheduleMode,
    Sector,
):
    strawberry.enum(_vocabulary)  # registers the domain enum as a GraphQL enum of the same name

__all__ = [
    "IntentKind",
    "LeadSource",
    "LocationKind",
    "MeetingSource",
    "MeetingStatus",
    "PageInfo",
    "Role",
    "ScheduleMode",
    "Sector",
]


@strawberry.type
class PageInfo:
    end_cursor: str | None
    has_next_page: bool

    @classmethod
    def of(cls, page: Page[Any]) -> PageInfo:
        return cls(end_cursor=page.end_cursor, has_next_page=page.has_next_page)
