"""The meeting grid, alone: slots through meeting hours, and event days in local time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from server.errors import BadUserInput
from server.services.meetings.grid import Span, grid_of, slot_at

EVENT = {
    "timezone": "America/Los_Angeles",
    "slot_minutes": 25,
    "meeting_hours": [
        {"starts_at": datetime(2027, 3, 14, 17, tzinfo=UTC),
         "ends_at": datetime(2027, 3, 14, 18, tzinfo=UTC)},
    ],
}  # fmt: skip
BEFORE = datetime(2027, 3, 1, tzinfo=UTC)


def test_slots_fill_meeting_hours_and_drop_a_remainder_too_short() -> None:
    slots = list(grid_of(EVENT).slots())
    assert slots == [
        Span(datetime(2027, 3, 14, 17, tzinfo=UTC), datetime(2027, 3, 14, 17, 25, tzinfo=UTC)),
        Span(datetime(2027, 3, 14, 17, 25, tzinfo=UTC), datetime(2027, 3, 14, 17, 50, tzinfo=UTC)),
    ]
    assert list(grid_of(EVENT).slots(after=datetime(2027, 3, 14, 17, tzinfo=UTC))) == slots[1:]


def test_the_remainder_is_refused_as_crossing_the_end() -> None:
    with pytest.raises(BadUserInput) as refused:
        slot_at(grid_of(EVENT), datetime(2027, 3, 14, 17, 50, tzinfo=UTC), BEFORE)
    assert refused.value.extensions == {"field": "startsAt", "reason": "CROSSES_MEETING_HOURS"}
    assert "10:50" in refused.value.message  # said in the event's local time


def test_an_event_day_is_local_midnight_to_midnight_across_a_clock_change() -> None:
    day = grid_of(EVENT).day_of(datetime(2027, 3, 14, 17, tzinfo=UTC))
    assert day == Span(datetime(2027, 3, 14, 8, tzinfo=UTC), datetime(2027, 3, 15, 7, tzinfo=UTC))
