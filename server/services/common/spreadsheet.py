"""CSV that spreadsheets open safely: a cell that a spreadsheet would run as a formula is quoted
(CSV injection). Every export of the product writes its rows through here."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as the people import reads flags
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_rows(rows: Iterable[Iterable[object]]) -> str:
    """The rows as CSV text, every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()
