"""The meetings filter from a URL's query string (`status=ACCEPTED,PENDING&day=2027-04-12&
coopetition=true&person=ID&organization=ID`), for the CSV export and the console's table."""

from __future__ import annotations

from datetime import date

from starlette.datastructures import ImmutableMultiDict

from server.errors import BadUserInput
from server.services.stats.meeting_list import MeetingFilter
from server.vocabulary import MeetingStatus

FLAGS = {"true": True, "false": False, "": None}


def _statuses(value: str) -> tuple[MeetingStatus, ...] | None:
    names = [name.strip().upper() for name in value.split(",") if name.strip()]
    try:
        return tuple(MeetingStatus[name] for name in names) if names else None
    except KeyError:
        allowed = ", ".join(status.name for status in MeetingStatus)
        raise BadUserInput(f"status must be among {allowed}.", field="status") from None


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise BadUserInput("day must be a date such as 2027-04-12.", field="day") from None


def meeting_filter_from(params: ImmutableMultiDict[str, str]) -> MeetingFilter:
    """`status` may repeat (a form's check boxes) or list several, comma-separated."""
    coopetition = params.get("coopetition", "").strip().lower()
    if coopetition not in FLAGS:
        raise BadUserInput("coopetition must be true or false.", field="coopetition")
    return MeetingFilter(
        statuses=_statuses(",".join(params.getlist("status"))),
        day=_day(params.get("day", "").strip()),
        person_id=params.get("person") or None,
        organization_id=params.get("organization") or None,
        coopetition=FLAGS[coopetition],
    )
