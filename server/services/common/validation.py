"""Validation at the edge: lengths, counts and ids, with messages that name the field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from server.errors import BadUserInput

MAX_NAME_LENGTH = 120
MAX_HEADLINE_LENGTH = 160
MAX_EMAIL_LENGTH = 254
MAX_INTERESTS = 20
MAX_SEARCH_LENGTH = 100
MAX_PAGE_SIZE = 100

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

E = TypeVar("E", bound=Enum)


def required_text(value: str, field: str, max_length: int) -> str:
    text = " ".join(value.split())
    if not text:
        raise BadUserInput(f"{field} must not be empty.", field=field)
    if len(text) > max_length:
        raise BadUserInput(f"{field} must be at most {max_length} characters.", field=field)
    return text


def optional_text(value: str | None, field: str, max_length: int) -> str | None:
    """Blank means cleared."""
    if value is None or not value.strip():
        return None
    return required_text(value, field, max_length)


def email_address(value: str, field: str = "email") -> str:
    email = value.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.match(email):
        raise BadUserInput(f"{field} is not a valid email address.", field=field)
    return email


def page_size(first: int, field: str = "first") -> int:
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"{field} must be between 1 and {MAX_PAGE_SIZE}.", field=field)
    return first


def search_text(value: str | None, field: str = "search") -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_SEARCH_LENGTH:
        raise BadUserInput(f"{field} must be at most {MAX_SEARCH_LENGTH} characters.", field=field)
    return value


def distinct(values: Iterable[E]) -> list[E]:
    return list(dict.fromkeys(values))


def interest_count(ids: list[str], field: str) -> list[str]:
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_INTERESTS:
        raise BadUserInput(f"choose at most {MAX_INTERESTS} interests.", field=field)
    return unique


def is_text(value: str) -> bool:
    """False for strings no UTF-8 can hold: unpaired surrogates, which JSON's `\\ud800` makes."""
    return value.isascii() or not any("\ud800" <= char <= "\udfff" for char in value)
