"""Creating and revoking one's calendar feed URL."""

from __future__ import annotations

import strawberry

from server.schema.context import Info
from server.services.calendar.feeds import feed_path, issue_feed_token, revoke_feed_token


@strawberry.type(description="Your calendar feed. The URL is a secret: anyone with it can read.")
class CalendarFeed:
    url: str


def _base_url(info: Info) -> str:
    configured = info.context.services.settings.public_base_url
    return (configured or str(info.context.request.base_url)).rstrip("/")


@strawberry.type
class CalendarMutations:
    @strawberry.mutation(
        description="A new secret URL of your meetings and bookmarked sessions as an .ics feed, "
        "to subscribe to in a calendar app; the previous URL stops working."
    )
    async def create_calendar_feed(self, info: Info) -> CalendarFeed:
        person = info.context.require_person()
        token = await issue_feed_token(info.context.db, person, info.context.now())
        return CalendarFeed(url=_base_url(info) + feed_path(token))

    @strawberry.mutation(
        description="Stop your calendar feed URL working; false if there was none."
    )
    async def revoke_calendar_feed(self, info: Info) -> bool:
        return await revoke_feed_token(info.context.db, info.context.require_person())
