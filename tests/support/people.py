"""Building people for a test through the organizer's import path."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from server.db.client import Database
from server.services.people.import_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from server.services.people.importing import ImportReport, import_people_csv

COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


def people_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return str(value)


async def add_people(db: Database, rows: list[dict[str, Any]], now: datetime) -> ImportReport:
    """Each row needs email and name; the sign-in code defaults to `code_for(email)` and the
    badge's scan code to `scan_code_for(email)`."""
    filled = [
        {"badge_code": code_for(row["email"]), "scan_code": scan_code_for(row["email"]),
         "listed": True, **row}
        for row in rows
    ]  # fmt: skip
    report = await import_people_csv(db, io.StringIO(people_csv(filled)), now)
    assert report.errors == [], report.errors
    return report


def code_for(email: str) -> str:
    return email.split("@")[0].upper() + "-CODE"


def scan_code_for(email: str) -> str:
    return "S-" + email.split("@")[0].upper()
