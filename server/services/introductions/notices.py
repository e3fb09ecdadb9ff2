"""What introductions tell people, in the transaction that makes or accepts one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from server.db.client import Document
from server.notifications.outbox import Notice
from server.services.introductions.records import other_introduced
from server.vocabulary import NotificationKind

PUSH_TTL = timedelta(hours=24)


def _notice(introduction: Document, person_id: str, title: str, body: str) -> Notice:
    return Notice(
        person_id,
        NotificationKind.INTRODUCTION,
        title,
        body,
        collapse_key=f"introduction-{introduction['_id']}",
        ttl=PUSH_TTL,
        about={
            "personId": other_introduced(introduction, person_id),
            "subjectId": introduction["_id"],
        },
    )


def _with_note(text: str, introduction: Document) -> str:
    note = introduction.get("note")
    return f"{text} “{note}”" if note else text


def introduced(introduction: Document, person_id: str, names: Mapping[str, str]) -> Notice:
    """Telling one of the two that the introduction holds."""
    by = names.get(introduction["by_id"], "Someone")
    other = names.get(other_introduced(introduction, person_id), "someone")
    body = f"You can message each other, and {other} is at the top of your suggestions."
    title = f"{by} introduced you to {other}"
    return _notice(introduction, person_id, title, _with_note(body, introduction))


def asked(introduction: Document, person_id: str, names: Mapping[str, str]) -> Notice:
    """Asking an unlisted person to accept being introduced."""
    by = names.get(introduction["by_id"], "Someone")
    other = names.get(other_introduced(introduction, person_id), "someone")
    body = "Accept to appear in each other's suggestions and to be able to message each other."
    title = f"{by} would like to introduce you to {other}"
    return _notice(introduction, person_id, title, _with_note(body, introduction))
