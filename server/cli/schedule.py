"""`schedule`: auto-schedule the eligible pairs now and print what was booked."""

from __future__ import annotations

import argparse
import asyncio
import sys

from server.app import utc_now
from server.config import Settings
from server.db.connection import open_database
from server.errors import AppError, BadUserInput
from server.services.meetings.grid import as_utc
from server.services.scheduling.instance import Window
from server.services.scheduling.run import ScheduleOptions, tracked_schedule
from server.vocabulary import ScheduleMode

MODES = {"mutual": ScheduleMode.MUTUAL_INTEREST, "speed": ScheduleMode.SPEED_NETWORKING}


async def _schedule(settings: Settings, options: ScheduleOptions) -> int:
    async with open_database(settings) as connection:
        try:
            _, report = await tracked_schedule(
                connection.db,
                None,
                options,
                utc_now,
                reminder_minutes=settings.reminder_minutes_before,
                lease_seconds=settings.run_lease_seconds,
            )
        except AppError as error:
            print(f"Cannot schedule: {error.message}", file=sys.stderr)
            return 1
    print(report.summary)
    return 0


def _window(args: argparse.Namespace) -> Window:
    """The --from and --to times in UTC; BAD_USER_INPUT for a time without a UTC offset."""
    return Window(
        as_utc(args.starts_at, "--from") if args.starts_at else None,
        as_utc(args.ends_at, "--to") if args.ends_at else None,
    )


def schedule(settings: Settings, args: argparse.Namespace) -> int:
    try:
        window = _window(args)
    except BadUserInput as error:
        print(f"Cannot schedule: {error.message}", file=sys.stderr)
        return 2
    options = ScheduleOptions(
        mode=MODES[args.mode], window=window,
        max_meetings_per_person=args.max_meetings, time_limit_seconds=args.time_limit,
    )  # fmt: skip
    return asyncio.run(_schedule(settings, options))
