"""The organizer's people CSV: columns, and each row checked into a typed record or an error."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from server.errors import AppError
from server.services.common import validation
from server.vocabulary import IntentKind, Role, Sector

REQUIRED_COLUMNS = ("email", "name")
OPTIONAL_COLUMNS = (
    "role", "organization", "headline", "interests", "seeking", "offering",
    "open_to_competitors", "listed", "communities", "badge_code",
    "organization_sector", "organization_segments", "booth", "scan_code",
)  # fmt: skip
LIST_SEPARATOR = ";"
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}

E = TypeVar("E", bound=Enum)


class ImportFileError(AppError):
    code = "BAD_USER_INPUT"


class RowProblem(ValueError):
    """One reason a row cannot be imported."""


@dataclass(frozen=True)
class PersonRow:
    line: int
    email: str
    name: str
    role: Role
    organization: str | None
    organization_sector: Sector | None
    organization_segments: tuple[str, ...] | None
    booth: str | None
    headline: str | None
    interests: tuple[str, ...]
    seeking: tuple[IntentKind, ...]
    offering: tuple[IntentKind, ...]
    open_to_competitors: bool
    listed: bool
    communities: tuple[str, ...]
    badge_code: str | None
    scan_code: str | None


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


def _items(cell: str | None) -> tuple[str, ...]:
    parts = (" ".join(part.split()) for part in (cell or "").split(LIST_SEPARATOR))
    return tuple(dict.fromkeys(part for part in parts if part))


def _enum(kind: type[E], cell: str | None, column: str, default: E | None = None) -> E | None:
    value = (cell or "").strip().upper()
    if not value:
        return default
    try:
        return kind[value]
    except KeyError:
        allowed = ", ".join(member.name for member in kind)
        raise RowProblem(f"{column}: {value!r} is not one of {allowed}") from None


def _enums(kind: type[E], cell: str | None, column: str) -> tuple[E, ...]:
    return tuple(dict.fromkeys(_enum(kind, item, column) for item in _items(cell)))  # type: ignore[misc]


def _flag(cell: str | None, column: str, default: bool) -> bool:
    value = (cell or "").strip().lower()
    if not value:
        return default
    if value in _TRUE | _FALSE:
        return value in _TRUE
    raise RowProblem(f"{column}: {value!r} is not true or false")


def _text(cell: str | None, column: str, max_length: int) -> str | None:
    try:
        return validation.optional_text(cell, column, max_length)
    except AppError as error:
        raise RowProblem(error.message) from None


def parse_row(line: int, cells: dict[str, str | None]) -> PersonRow:
    try:
        email = validation.email_address(cells.get("email") or "")
    except AppError:
        raise RowProblem(f"email: {cells.get('email')!r} is not a valid email address") from None
    name = _text(cells.get("name"), "name", validation.MAX_NAME_LENGTH)
    if name is None:
        raise RowProblem("name: must not be empty")
    interests = _items(cells.get("interests"))
    if len(interests) > validation.MAX_INTERESTS:
        raise RowProblem(f"interests: at most {validation.MAX_INTERESTS} allowed")
    segments = cells.get("organization_segments")
    code = (cells.get("badge_code") or "").strip() or None
    if code is not None and not 4 <= len(code) <= 64:
        raise RowProblem("badge_code: must be 4 to 64 characters")
    scan_code = (cells.get("scan_code") or "").strip() or None
    if scan_code is not None and not 4 <= len(scan_code) <= 64:
        raise RowProblem("scan_code: must be 4 to 64 characters")
    return PersonRow(
        line=line,
        email=email,
        name=name,
        role=_enum(Role, cells.get("role"), "role", Role.ATTENDEE) or Role.ATTENDEE,
        organization=_text(cells.get("organization"), "organization", validation.MAX_NAME_LENGTH),
        organization_sector=_enum(Sector, cells.get("organization_sector"), "organization_sector"),
        organization_segments=_items(segments)
        if segments is not None and segments.strip()
        else None,
        booth=_text(cells.get("booth"), "booth", 20),
        headline=_text(cells.get("headline"), "headline", validation.MAX_HEADLINE_LENGTH),
        interests=interests,
        seeking=_enums(IntentKind, cells.get("seeking"), "seeking"),
        offering=_enums(IntentKind, cells.get("offering"), "offering"),
        open_to_competitors=_flag(cells.get("open_to_competitors"), "open_to_competitors", True),
        listed=_flag(cells.get("listed"), "listed", False),
        communities=_items(cells.get("communities")),
        badge_code=code,
        scan_code=scan_code,
    )


def parse_people_csv(lines: Iterable[str]) -> tuple[list[PersonRow], list[RowError]]:
    """Good rows and bad rows (with line numbers as a spreadsheet shows them)."""
    reader = csv.DictReader(lines)
    columns = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise ImportFileError(f"the file has no {', '.join(missing)} column (header: {columns})")
    reader.fieldnames = columns
    rows: list[PersonRow] = []
    errors: list[RowError] = []
    first_line_of: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        try:
            if None in cells:
                raise RowProblem("the row has more cells than the header has columns")
            row = parse_row(line, cells)
            if row.email in first_line_of:
                raise RowProblem(
                    f"email: {row.email} already appears on line {first_line_of[row.email]}"
                )
        except RowProblem as problem:
            errors.append(RowError(line, str(problem)))
            continue
        first_line_of[row.email] = line
        rows.append(row)
    return rows, errors
