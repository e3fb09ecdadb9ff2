"""Quiet hours: a daily window, in the event's time zone, in which pushes wait."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class QuietHours:
    start_minute: int  # minutes after local midnight
    end_minute: int  # may be smaller than start: the window spans midnight

    def ends_after(self, now: datetime, zone: ZoneInfo) -> datetime | None:
        """When the window ends, if `now` falls inside it; None when pushes may go now."""
        local = now.astimezone(zone)
        minute = local.hour * 60 + local.minute
        start, end = self.start_minute, self.end_minute
        if start == end:
            return None
        inside = start <= minute < end if start < end else (minute >= start or minute < end)
        if not inside:
            return None
        day = local.date() if minute < end else local.date() + timedelta(days=1)
        ends = datetime.combine(day, time(end // 60, end % 60), zone)
        return ends.astimezone(UTC)

    def to_doc(self) -> dict[str, int]:
        return {"start_minute": self.start_minute, "end_minute": self.end_minute}

    @classmethod
    def from_doc(cls, doc: dict[str, int] | None) -> QuietHours | None:
        return cls(doc["start_minute"], doc["end_minute"]) if doc else None


def parse_clock(value: str) -> int | None:
    """'22:30' -> minutes after midnight; None when it is not a time of day."""
    hours, _, minutes = value.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    minute = int(hours) * 60 + int(minutes)
    return minute if int(hours) < 24 and int(minutes) < 60 else None


def format_clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
