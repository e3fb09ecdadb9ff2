"""`import-people FILE.csv`: validate every row, report bad ones, upsert the rest by email."""

from __future__ import annotations

import asyncio
import csv
import sys
from pathlib import Path

from tqdm import tqdm

from server.app import utc_now
from server.config import Settings
from server.db.connection import open_database
from server.services.people.import_rows import ImportFileError, parse_people_csv
from server.services.people.importing import ImportReport, import_rows
from server.services.progress.runs import WorkKind
from server.services.progress.tracking import tracked


def _write_codes(report: ImportReport, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["email", "badge_code", "scan_code"])
        writer.writerows(
            (codes.email, codes.badge_code, codes.scan_code) for codes in report.new_codes
        )


async def _import(settings: Settings, source: Path, codes_out: Path) -> int:
    try:
        with source.open(encoding="utf-8-sig", newline="") as file:
            rows, errors = parse_people_csv(file)
    except (OSError, UnicodeDecodeError) as error:
        print(f"Cannot read {source}: {error}", file=sys.stderr)
        return 2
    except ImportFileError as error:
        print(f"Cannot import {source}: {error.message}", file=sys.stderr)
        return 2
    for row_error in errors:
        print(f"line {row_error.line}: {row_error.message}", file=sys.stderr)
    async with (
        open_database(settings) as connection,
        tracked(
            connection.db, WorkKind.PEOPLE_IMPORT, utc_now, lease_seconds=settings.run_lease_seconds
        ) as progress,
    ):
        progress.phase, progress.total = "importing", len(rows)
        with tqdm(total=len(rows), unit="people", desc="importing", file=sys.stderr) as bar:

            def advance(count: int) -> None:
                bar.update(count)
                progress.advance(count)

            report = await import_rows(connection.db, rows, utc_now(), advance)
        summary = (
            f"{report.created} created, {report.updated} updated, {len(errors)} rows with errors"
        )
        progress.summary = summary
    if report.new_codes:
        _write_codes(report, codes_out)
    print(summary + (f"; codes of new people written to {codes_out}" if report.new_codes else ""))
    return 1 if errors else 0


def import_people(settings: Settings, source: Path, codes_out: Path | None) -> int:
    return asyncio.run(_import(settings, source, codes_out or source.with_suffix(".codes.csv")))
