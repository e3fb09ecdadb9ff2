"""The event's matchmaking settings: signal weights, exposure cap and list length."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from server.db.client import Database
from server.db.collections import MATCHMAKING_SETTINGS
from server.errors import BadUserInput
from server.matchmaking.suggestions.records import Weights

SETTINGS_ID = "event"
MAX_WEIGHT = 10.0
MAX_LIST_SIZE = 50


@dataclass(frozen=True)
class MatchmakingSettings:
    weights: Weights = field(default_factory=Weights)
    exposure_cap: int | None = 30  # a person appears in at most this many top lists
    list_size: int = 10


def _weights(doc: dict[str, Any]) -> Weights:
    known = {weight.name for weight in fields(Weights)}
    return Weights(**{name: float(value) for name, value in doc.items() if name in known})


async def get_settings(db: Database) -> MatchmakingSettings:
    doc = await db[MATCHMAKING_SETTINGS.name].find_one({"_id": SETTINGS_ID})
    if doc is None:
        return MatchmakingSettings()
    return MatchmakingSettings(
        weights=_weights(doc.get("weights", {})),
        exposure_cap=doc.get("exposure_cap"),
        list_size=doc.get("list_size", MatchmakingSettings.list_size),
    )


def validated_settings(
    weights: dict[str, float], exposure_cap: int | None, list_size: int
) -> MatchmakingSettings:
    """Settings from plain values, each checked; the field names are the API's."""
    for name, value in weights.items():
        if not 0.0 <= value <= MAX_WEIGHT:
            field = "".join(part.title() if n else part for n, part in enumerate(name.split("_")))
            raise BadUserInput(f"{field} must be between 0 and {MAX_WEIGHT:g}.", field=field)
    if exposure_cap is not None and exposure_cap < 1:
        raise BadUserInput(
            "exposureCap must be at least 1, or null for no cap.", field="exposureCap"
        )
    if not 1 <= list_size <= MAX_LIST_SIZE:
        raise BadUserInput(f"listSize must be between 1 and {MAX_LIST_SIZE}.", field="listSize")
    return MatchmakingSettings(Weights(**weights), exposure_cap, list_size)


async def save_settings(db: Database, settings: MatchmakingSettings) -> MatchmakingSettings:
    doc = {
        "weights": asdict(settings.weights),
        "exposure_cap": settings.exposure_cap,
        "list_size": settings.list_size,
    }
    await db[MATCHMAKING_SETTINGS.name].replace_one({"_id": SETTINGS_ID}, doc, upsert=True)
    return settings
