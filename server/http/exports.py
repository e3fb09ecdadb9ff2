"""CSV downloads over HTTP, with the same sign-in as the API (bearer token or the console's
session cookie): GET /exports/meetings.csv and /exports/people.csv for organizers,
/exports/leads.csv for exhibitor staff (their organization's leads)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from server.auth.permissions import require_exhibitor, require_organizer, require_person
from server.errors import AppError
from server.http.meeting_filter import meeting_filter_from
from server.http.signed_in import error_response, identify
from server.schema.context import Services
from server.services.exports.meetings_csv import meetings_csv
from server.services.exports.people_csv import people_csv
from server.services.leads.export import leads_csv


def _download(chunks: AsyncIterator[str], name: str, now: datetime) -> Response:
    filename = f"{name}-{now:%Y%m%d-%H%M}.csv"
    return StreamingResponse(
        chunks,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


async def _once(text: str) -> AsyncIterator[str]:
    yield text


def _export(
    make: Callable[[Request, Services], Awaitable[tuple[AsyncIterator[str], str]]],
) -> Callable[[Request], Awaitable[Response]]:
    """An export endpoint: errors before the first byte answer as JSON with their code."""

    async def endpoint(request: Request) -> Response:
        services: Services = request.state.services
        try:
            chunks, name = await make(request, services)
        except AppError as error:
            return error_response(error)
        return _download(chunks, name, services.clock())

    return endpoint


async def _meetings(request: Request, services: Services) -> tuple[AsyncIterator[str], str]:
    require_organizer(await identify(request))
    meeting_filter = meeting_filter_from(request.query_params)
    return meetings_csv(services.db, meeting_filter, services.clock()), "meetings"


async def _people(request: Request, services: Services) -> tuple[AsyncIterator[str], str]:
    require_organizer(await identify(request))
    return people_csv(services.db), "people"


async def _leads(request: Request, services: Services) -> tuple[AsyncIterator[str], str]:
    staff = require_person(await identify(request))
    organization_id = require_exhibitor(staff)
    return _once(await leads_csv(services.db, staff, organization_id)), "leads"


export_meetings = _export(_meetings)
export_people = _export(_people)
export_leads = _export(_leads)
