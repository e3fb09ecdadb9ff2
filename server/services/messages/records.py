"""The conversation and message documents, and what a message's text may be: plain text,
stored as written (apps show it escaped, never as markup), within a length limit."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from server.db.client import Document
from server.errors import BadUserInput

MAX_BODY_LENGTH = 2000
MAX_CLIENT_ID_LENGTH = 64
PREVIEW_LENGTH = 120  # characters of a message shown in its push and inbox notice
_BLANK_LINES = re.compile(r"\n{3,}")


def conversation_id(one_id: str, other_id: str) -> str:
    return ":".join(sorted((one_id, other_id)))


def message_body(value: str, field: str = "body") -> str:
    """The text as it will be stored: line breaks kept (at most one blank line in a row),
    control characters other than line breaks and tabs dropped, ends trimmed."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc")
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if not text:
        raise BadUserInput("A message cannot be empty.", field=field)
    if len(text) > MAX_BODY_LENGTH:
        raise BadUserInput(f"A message can be at most {MAX_BODY_LENGTH} characters.", field=field)
    return text


def client_message_id(value: str | None, field: str = "clientMessageId") -> str | None:
    if value is None:
        return None
    if not 1 <= len(value) <= MAX_CLIENT_ID_LENGTH or not value.isprintable():
        raise BadUserInput(
            f"A client message id is 1 to {MAX_CLIENT_ID_LENGTH} printable characters.",
            field=field,
        )
    return value


def preview(body: str) -> str:
    """One line of the message, as a push shows it."""
    line = " ".join(body.split())
    return line if len(line) <= PREVIEW_LENGTH else line[: PREVIEW_LENGTH - 1] + "…"


def new_message(
    message_id: str,
    conversation: Document,
    from_id: str,
    to_id: str,
    body: str,
    client_id: str | None,
    now: datetime,
) -> dict[str, Any]:
    """The message numbered `seq` in its conversation (the conversation's count after it)."""
    return {
        "_id": message_id,
        "conversation_id": conversation["_id"],
        "seq": conversation["seq"],
        "people": conversation["people"],
        "from_id": from_id,
        "to_id": to_id,
        "body": body,
        "sent_at": now,
        "read_at": None,
        "client_id": client_id,
    }
