"""Command line: `python -m server.matchmaking schedule INSTANCE.json [--time-limit SECONDS]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from server.matchmaking.timetable.jsonio import InstanceError, parse_instance, result_to_json
from server.matchmaking.timetable.solve import solve_timetable

BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m server.matchmaking")
    commands = parser.add_subparsers(dest="command", required=True)
    schedule = commands.add_parser("schedule", help="timetable an instance (result JSON on stdout)")
    schedule.add_argument("instance", help="instance JSON file (format in MATCHMAKING.md)")
    schedule.add_argument("--time-limit", type=float, default=None, help="seconds (default 60)")
    return parser


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.time_limit is not None and not arguments.time_limit > 0:
        return _fail("--time-limit must be a positive number of seconds")
    try:
        with open(arguments.instance, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as error:
        return _fail(f"cannot read {arguments.instance}: {error.strerror}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _fail(f"{arguments.instance} is not valid JSON: {error}")
    except RecursionError:
        return _fail(f"{arguments.instance} nests arrays or objects too deeply to be an instance")
    try:
        instance = parse_instance(data)
    except InstanceError as error:
        return _fail(f"{arguments.instance}: {error}")
    result = solve_timetable(instance, arguments.time_limit, progress=_progress)
    _progress(f"{result.method}: total {result.total_weight:.6f}, bound {result.upper_bound:.6f}")
    try:
        sys.stdout.write(json.dumps(result_to_json(result), indent=1) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0
