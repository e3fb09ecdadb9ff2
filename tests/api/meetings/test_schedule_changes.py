"""Auto-scheduling when meetings are booked around it: earlier bookings in a slot, and bookings
made while the timetable is computed (the run's steps taken one by one, a request between them)."""

from __future__ import annotations

import pytest

from server.db.client import Database
from server.db.collections import LOCATIONS, MEETINGS
from server.errors import Conflict
from server.matchmaking import TimetableResult, solve_timetable
from server.services.event.records import get_event
from server.services.meetings.grid import grid_of
from server.services.meetings.rules import rules_of
from server.services.scheduling.booking import Booked, book_timetable
from server.services.scheduling.instance import Problem, Window, build_problem
from server.services.scheduling.pairs import candidate_pairs
from server.vocabulary import MeetingSource, ScheduleMode
from tests.api.meetings.test_auto_schedule import SCHEDULE, _mutual
from tests.api.meetings.test_organizer_changes import REMOVE, _hours
from tests.support.clock import ManualClock
from tests.support.meetings import (
    FIRST_SLOT,
    MEETING_HOURS,
    RESPOND,
    RULES,
    SECOND_SLOT,
    SET_HOURS,
    Expo,
    iso,
)

ONE_SLOT = Window(FIRST_SLOT, SECOND_SLOT)
REMINDER_MINUTES = 15


async def _planned(db: Database, clock: ManualClock) -> tuple[Problem, TimetableResult]:
    """The first half of a run: the instance of the mutual pairs in the first slot, solved."""
    event = await get_event(db)
    grid, rules = grid_of(event), rules_of(event)
    pairs = await candidate_pairs(db, ScheduleMode.MUTUAL_INTEREST, rules)
    problem = await build_problem(db, grid, rules, ONE_SLOT, pairs, 4, clock())
    return problem, solve_timetable(problem.instance, 5.0)


async def _book(
    db: Database, clock: ManualClock, problem: Problem, result: TimetableResult
) -> Booked:
    """The second half: booking the timetable planned before."""
    return await book_timetable(
        db, problem, result.meetings, MeetingSource.MUTUAL_INTEREST, None, clock(),
        REMINDER_MINUTES,
    )  # fmt: skip


async def test_a_partly_taken_slot_skips_what_the_engine_planned_beyond_its_tables(
    expo: Expo, db: Database
) -> None:
    """Two tables, one held: the engine counts both as free and plans two meetings there."""
    await db[LOCATIONS.name].delete_many({"_id": "T03"})
    await expo.booked("dan", "renee", FIRST_SLOT)
    await _mutual(expo, "ana", "cara")
    await _mutual(expo, "ben", "olga")
    window = {"startsAt": iso(FIRST_SLOT), "endsAt": iso(SECOND_SLOT)}  # the first slot only
    report = (await expo.data("olga", SCHEDULE, input=window))["autoSchedule"]
    assert (report["meetingsCreated"], report["skipped"], report["upperBound"]) == (1, 1, 2.0)
    assert [m["location"] for m in report["meetings"]] == [{"id": "T02"}]


async def test_a_person_booked_meanwhile_makes_the_run_book_nothing(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await _mutual(expo, "ana", "cara")
    await _mutual(expo, "dan", "renee")
    problem, result = await _planned(db, clock)
    assert len(result.meetings) == 2
    await expo.booked("ana", "ben", FIRST_SLOT)  # while the timetable was computed
    with pytest.raises(Conflict) as refused:
        await _book(db, clock, problem, result)
    assert refused.value.extensions == {"reason": "SCHEDULE_CHANGED"}
    sources = [doc["source"] async for doc in db[MEETINGS.name].find({})]
    assert sources == ["REQUEST"]  # neither planned meeting was booked


async def test_a_meeting_accepted_meanwhile_up_to_the_daily_limit_makes_the_run_book_nothing(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await expo.data("olga", RULES, input={"maxMeetingsPerDay": 1})
    await _mutual(expo, "ana", "cara")
    problem, result = await _planned(db, clock)
    assert len(result.meetings) == 1
    request = await expo.booked("dan", "ana", SECOND_SLOT)  # while the timetable was computed
    await expo.data("ana", RESPOND, id=request["id"], accept=True)
    with pytest.raises(Conflict) as refused:
        await _book(db, clock, problem, result)
    assert refused.value.extensions == {"reason": "SCHEDULE_CHANGED"}
    statuses = sorted([(doc["source"], doc["status"]) async for doc in db[MEETINGS.name].find({})])
    assert statuses == [("REQUEST", "ACCEPTED")]  # ana stays within one meeting that day


async def test_a_place_taken_meanwhile_is_worked_around_or_skipped(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await db[LOCATIONS.name].delete_many({"_id": "T03"})
    await _mutual(expo, "ana", "cara")
    await _mutual(expo, "dan", "renee")
    problem, result = await _planned(db, clock)
    assert len(result.meetings) == 2
    taken = await expo.booked("olga", "eve", FIRST_SLOT)  # while the timetable was computed
    assert taken["location"] == {"id": "T01"}
    booked = await _book(db, clock, problem, result)
    assert ([doc["location_id"] for doc in booked.meetings], booked.skipped) == (["T02"], 1)


async def test_a_place_removed_meanwhile_is_not_booked(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await db[LOCATIONS.name].delete_many({"_id": "T03"})
    await _mutual(expo, "ana", "cara")
    await _mutual(expo, "dan", "renee")
    problem, result = await _planned(db, clock)
    await expo.data("olga", REMOVE, id="T01")  # while the timetable was computed
    booked = await _book(db, clock, problem, result)
    assert ([doc["location_id"] for doc in booked.meetings], booked.skipped) == (["T02"], 1)


async def test_meeting_times_changed_meanwhile_make_the_run_book_nothing(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await _mutual(expo, "ana", "cara")
    problem, result = await _planned(db, clock)
    await expo.data("olga", SET_HOURS, hours=_hours(*MEETING_HOURS[1:]))  # not the first span
    with pytest.raises(Conflict) as refused:
        await _book(db, clock, problem, result)
    assert refused.value.extensions == {"reason": "SCHEDULE_CHANGED"}
    assert await db[MEETINGS.name].count_documents({}) == 0
