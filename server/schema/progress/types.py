"""GraphQL types of a work run (a schedule run, an import) and its progress."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from server.db.client import Document
from server.services.progress.runs import WorkKind, shown_error, shown_status

strawberry.enum(WorkKind, description="Long work that organizers can follow.")


@strawberry.enum
class WorkRunStatus(Enum):
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


@strawberry.type(description="A schedule run or an import: where it is, and how it ended.")
class WorkRun:
    id: strawberry.ID
    kind: WorkKind
    status: WorkRunStatus
    phase: str
    done: int = strawberry.field(description="Items done so far (people, pairs...).")
    total: int | None = strawberry.field(description="Items in all, once known.")
    started_at: datetime
    heartbeat_at: datetime = strawberry.field(description="When the run last said it was alive.")
    finished_at: datetime | None
    summary: str | None = strawberry.field(description="What the run did, once it is done.")
    error: str | None

    @classmethod
    def from_doc(cls, doc: Document, now: datetime) -> WorkRun:
        return cls(
            id=strawberry.ID(doc["_id"]),
            kind=WorkKind(doc["kind"]),
            status=WorkRunStatus(shown_status(doc, now)),
            phase=doc["phase"],
            done=doc["done"],
            total=doc.get("total"),
            started_at=doc["started_at"],
            heartbeat_at=doc["heartbeat_at"],
            finished_at=doc.get("finished_at"),
            summary=doc.get("summary"),
            error=shown_error(doc, now),
        )
