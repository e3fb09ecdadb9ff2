"""GET /calendar/<token>.ics: a person's calendar feed; the secret token is the only credential."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from server.schema.context import Services
from server.services.calendar.feeds import feed_owner
from server.services.calendar.ics import render_feed


async def calendar_feed(request: Request) -> Response:
    services: Services = request.state.services
    person = await feed_owner(services.db, request.path_params["token"])
    if person is None:
        return PlainTextResponse("No such calendar feed.", status_code=404)
    body = await render_feed(services.db, person, services.clock())
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, no-cache", "X-Robots-Tag": "noindex"},
    )
