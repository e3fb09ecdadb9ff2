"""Quiet hours as a pure rule: in the event's time zone, spanning midnight or not."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from server.notifications.quiet_hours import QuietHours, format_clock, parse_clock

VEGAS = ZoneInfo("America/Los_Angeles")  # UTC-7 in April


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 4, day, hour, minute, tzinfo=VEGAS)


@pytest.mark.parametrize(
    ("now", "ends"),
    [
        (local(12, 21, 59), None),
        (local(12, 22, 0), local(13, 7, 0)),
        (local(13, 3, 30), local(13, 7, 0)),
        (local(13, 7, 0), None),
    ],
)
def test_a_window_across_midnight(now: datetime, ends: datetime | None) -> None:
    night = QuietHours(parse_clock("22:00") or 0, parse_clock("07:00") or 0)
    assert night.ends_after(now.astimezone(UTC), VEGAS) == ends


def test_a_window_within_the_day() -> None:
    lunch = QuietHours(12 * 60, 13 * 60 + 30)
    assert lunch.ends_after(local(12, 12, 10), VEGAS) == local(12, 13, 30)
    assert lunch.ends_after(local(12, 13, 30), VEGAS) is None


@pytest.mark.parametrize("text", ["24:00", "7", "07:5", "ab:cd", "-1:00", "12:60"])
def test_times_of_day_are_checked(text: str) -> None:
    assert parse_clock(text) is None


def test_times_of_day_round_trip() -> None:
    assert [format_clock(parse_clock(text) or 0) for text in ("00:00", "7:05", "23:59")] == [
        "00:00", "07:05", "23:59"
    ]  # fmt: skip
