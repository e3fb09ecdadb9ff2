"""Keyset pagination: opaque cursors over a (sort key, _id) order."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from server.errors import BadUserInput
from server.services.common.validation import is_text

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    end_cursor: str | None
    has_next_page: bool


def encode_cursor(sort_value: str, item_id: str) -> str:
    raw = json.dumps([sort_value, item_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, field: str = "after") -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort_value, item_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, RecursionError):
        raise BadUserInput("the cursor is not one this server gave out.", field=field) from None
    if not all(isinstance(part, str) and is_text(part) for part in (sort_value, item_id)):
        raise BadUserInput("the cursor is not one this server gave out.", field=field)
    return sort_value, item_id


def after_filter(sort_field: str, cursor: str | None) -> dict[str, Any]:
    """Documents strictly after the cursor in (sort_field, _id) order."""
    if cursor is None:
        return {}
    sort_value, item_id = decode_cursor(cursor)
    return {
        "$or": [
            {sort_field: {"$gt": sort_value}},
            {sort_field: sort_value, "_id": {"$gt": item_id}},
        ]
    }


async def fetch_page(
    collection: Any, query: dict[str, Any], sort_field: str, first: int, after: str | None
) -> Page[dict[str, Any]]:
    """One page of `collection` matching `query`, ordered by (sort_field, _id)."""
    position = after_filter(sort_field, after)
    full_query = {"$and": [query, position]} if position else query
    cursor = collection.find(full_query).sort([(sort_field, 1), ("_id", 1)]).limit(first + 1)
    docs = await cursor.to_list(first + 1)
    has_next = len(docs) > first
    docs = docs[:first]
    end = encode_cursor(docs[-1][sort_field], docs[-1]["_id"]) if docs else None
    return Page(items=docs, end_cursor=end, has_next_page=has_next)


def time_cursor(moment: datetime, item_id: str) -> str:
    """A cursor over a (time, _id) order."""
    return encode_cursor(moment.isoformat(), item_id)


def time_position(cursor: str | None, field: str, newest_first: bool) -> dict[str, Any]:
    """Documents strictly past the cursor in (field, _id) order, newest or oldest first."""
    if cursor is None:
        return {}
    moment_text, item_id = decode_cursor(cursor)
    try:
        moment = datetime.fromisoformat(moment_text)
    except ValueError:
        raise BadUserInput("the cursor is not one this server gave out.", field="after") from None
    past = "$lt" if newest_first else "$gt"
    return {"$or": [{field: {past: moment}}, {field: moment, "_id": {past: item_id}}]}
