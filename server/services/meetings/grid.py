"""The meeting grid: slots of the event's slot length laid end to end through its meeting hours."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from server.db.client import Document
from server.errors import BadUserInput

DEFAULT_SLOT_MINUTES = 20


@dataclass(frozen=True, order=True)
class Span:
    starts_at: datetime
    ends_at: datetime

    def overlaps(self, other: Span) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


@dataclass(frozen=True)
class Grid:
    hours: tuple[Span, ...]
    slot_length: timedelta
    zone: ZoneInfo

    def slots(self, after: datetime | None = None) -> Iterator[Span]:
        """Every slot in time order; with `after`, only those starting later than it."""
        for span in self.hours:
            start = span.starts_at
            while start + self.slot_length <= span.ends_at:
                if after is None or start > after:
                    yield Span(start, start + self.slot_length)
                start += self.slot_length

    def has_slot(self, starts_at: datetime) -> bool:
        return any(slot.starts_at == starts_at for slot in self.slots())

    def local(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%a %d %b %H:%M")

    def day_of(self, moment: datetime) -> Span:
        """The event-local calendar day holding `moment`, in UTC."""
        local = moment.astimezone(self.zone)
        midnight = datetime(local.year, local.month, local.day, tzinfo=self.zone)
        next_midnight = midnight + timedelta(days=1)  # wall-clock arithmetic: DST-safe
        return Span(midnight.astimezone(UTC), next_midnight.astimezone(UTC))


def grid_of(event: Document) -> Grid:
    hours = sorted(Span(h["starts_at"], h["ends_at"]) for h in event.get("meeting_hours", []))
    minutes = event.get("slot_minutes") or DEFAULT_SLOT_MINUTES
    return Grid(tuple(hours), timedelta(minutes=minutes), ZoneInfo(event["timezone"]))


def as_utc(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None:
        raise BadUserInput(f"{field} needs a UTC offset, such as 2027-04-12T10:40:00-07:00.", field)
    return moment.astimezone(UTC)


def slot_at(grid: Grid, starts_at: datetime, now: datetime, field: str = "startsAt") -> Span:
    """The grid slot starting at `starts_at`, or BAD_USER_INPUT saying what is wrong with it."""
    starts_at = as_utc(starts_at, field)
    minutes = int(grid.slot_length.total_seconds() // 60)
    for span in grid.hours:
        if not span.starts_at <= starts_at < span.ends_at:
            continue
        if (starts_at - span.starts_at) % grid.slot_length:
            raise BadUserInput(
                f"Meetings start every {minutes} minutes from {grid.local(span.starts_at)}; "
                f"{grid.local(starts_at)} is not on that grid.", field, reason="NOT_ON_GRID",
            )  # fmt: skip
        if starts_at + grid.slot_length > span.ends_at:
            raise BadUserInput(
                f"A meeting at {grid.local(starts_at)} would run past the end of meeting hours "
                f"at {grid.local(span.ends_at)}.", field, reason="CROSSES_MEETING_HOURS",
            )  # fmt: skip
        if starts_at <= now:
            raise BadUserInput("That time is in the past.", field, reason="IN_THE_PAST")
        return Span(starts_at, starts_at + grid.slot_length)
    raise BadUserInput(
        f"{grid.local(starts_at)} is outside the event's meeting hours.",
        field,
        reason="OUTSIDE_MEETING_HOURS",
    )
