"""`python -m server serve | worker | seed | import-people FILE.csv | match | schedule |
export-schema`."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from server.config import Settings
from server.db.embedded import EmbeddedDatabaseError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="serve the API (embedded database unless MONGODB_URI)")
    commands.add_parser(
        "worker", help="run push dispatchers, scheduled announcements and reminders alone"
    )
    commands.add_parser("seed", help="write the demo expo into the database")
    importer = commands.add_parser("import-people", help="import people from a CSV file")
    importer.add_argument("file", type=Path)
    importer.add_argument("--codes-out", type=Path, help="where new badge codes go (CSV)")
    commands.add_parser("match", help="compute every person's suggestions now")
    scheduler = commands.add_parser("schedule", help="auto-schedule meetings for eligible pairs")
    scheduler.add_argument(
        "--mode",
        choices=["mutual", "speed"],
        default="mutual",
        help="mutual-interest pairs, or suggested pairs (speed networking)",
    )
    scheduler.add_argument("--max-meetings", type=int, default=4, help="per person in this run")
    scheduler.add_argument("--time-limit", type=float, default=10.0, help="engine seconds")
    scheduler.add_argument(
        "--from",
        dest="starts_at",
        type=datetime.fromisoformat,
        help="first slot start, ISO 8601 with offset",
    )
    scheduler.add_argument("--to", dest="ends_at", type=datetime.fromisoformat,
                           help="last slot end, ISO 8601 with offset")  # fmt: skip
    commands.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"Invalid configuration:\n{error}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return _run(args, settings)
    except EmbeddedDatabaseError as error:  # every command that opens the database: explained
        print(f"Cannot start the embedded database: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "serve":
        from server.cli.serve import serve

        return serve(settings)
    if args.command == "worker":
        from server.cli.worker import worker

        return worker(settings)
    if args.command == "seed":
        from server.cli.seed import seed

        return seed(settings)
    if args.command == "import-people":
        from server.cli.import_people import import_people

        return import_people(settings, args.file, args.codes_out)
    if args.command == "match":
        from server.cli.match import match

        return match(settings)
    if args.command == "schedule":
        from server.cli.schedule import schedule

        return schedule(settings, args)
    from server.schema import build_schema

    print(build_schema(settings).as_str())
    return 0


if __name__ == "__main__":
    sys.exit(main())
