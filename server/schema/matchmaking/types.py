"""GraphQL types of suggestions, matchmaking settings and runs."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from server.db.client import Document
from server.matchmaking.suggestions.reasons import ReasonKind
from server.schema.people.types import Person
from server.services.matchmaking.runs import shown_status
from server.services.matchmaking.settings import MatchmakingSettings as Settings
from server.services.matchmaking.suggestions import ShownSuggestion

strawberry.enum(ReasonKind, name="MatchReasonKind")


@strawberry.type
class MatchReason:
    kind: ReasonKind
    detail: str


@strawberry.type(description="Someone worth meeting, and why.")
class MatchSuggestion:
    person: Person
    score: float
    reasons: list[MatchReason]

    @classmethod
    def from_shown(cls, shown: ShownSuggestion) -> MatchSuggestion:
        reasons = [
            MatchReason(kind=ReasonKind(r["kind"]), detail=r["detail"]) for r in shown.reasons
        ]
        return cls(person=Person.from_doc(shown.person), score=shown.score, reasons=reasons)


@strawberry.type
class MatchWeights:
    shared_interest: float
    complementary_intent: float
    coopetition: float = strawberry.field(description="Adds to pairs whose companies compete.")
    cross_sector: float
    shared_community: float


@strawberry.type
class MatchmakingSettings:
    weights: MatchWeights
    exposure_cap: int | None = strawberry.field(
        description="A person appears in at most this many top lists; null: no cap."
    )
    list_size: int

    @classmethod
    def of(cls, settings: Settings) -> MatchmakingSettings:
        w = settings.weights
        weights = MatchWeights(
            shared_interest=w.shared_interest, complementary_intent=w.complementary_intent,
            coopetition=w.coopetition, cross_sector=w.cross_sector,
            shared_community=w.shared_community,
        )  # fmt: skip
        return cls(
            weights=weights, exposure_cap=settings.exposure_cap, list_size=settings.list_size
        )


@strawberry.enum
class MatchmakingRunStatus(Enum):
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


@strawberry.type(description="How much the exposure cap changed the lists.")
class ExposureReport:
    cap: int | None
    share_replaced: float
    mean_rank_displacement: float
    score_retained: float
    people_at_cap: int
    max_appearances: int
    short_lists: int

    @classmethod
    def from_doc(cls, doc: Document) -> ExposureReport:
        return cls(
            cap=doc["cap"],
            share_replaced=doc["share_replaced"],
            mean_rank_displacement=doc["mean_rank_displacement"],
            score_retained=doc["score_retained"],
            people_at_cap=doc["people_at_cap"],
            max_appearances=doc["max_appearances"],
            short_lists=doc["short_lists"],
        )


@strawberry.type
class MatchmakingRun:
    id: strawberry.ID
    status: MatchmakingRunStatus
    phase: str
    started_at: datetime
    finished_at: datetime | None
    people_total: int
    people_done: int
    people_told: int = strawberry.field(
        description="People told (NEW_SUGGESTIONS) that their list gained someone."
    )
    exposure: ExposureReport | None
    error: str | None

    @classmethod
    def from_doc(cls, doc: Document, now: datetime) -> MatchmakingRun:
        exposure = doc.get("exposure")
        return cls(
            id=strawberry.ID(doc["_id"]),
            status=MatchmakingRunStatus(shown_status(doc, now)),
            phase=doc["phase"],
            started_at=doc["started_at"],
            finished_at=doc.get("finished_at"),
            people_total=doc["people_total"],
            people_done=doc["people_done"],
            people_told=doc.get("people_told", 0),
            exposure=ExposureReport.from_doc(exposure) if exposure else None,
            error=doc.get("error"),
        )
