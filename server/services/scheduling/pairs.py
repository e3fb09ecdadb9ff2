"""The pairs a run schedules, with weights: mutual interest, or the stored suggestions."""

from __future__ import annotations

from server.db.client import Database
from server.db.collections import MEETINGS, PEOPLE, SUGGESTIONS
from server.services.meetings.interest import mutual_pairs
from server.vocabulary import ScheduleMode

Pair = tuple[str, str]  # ids, sorted


def pair_of(people: list[str]) -> Pair:
    first, second = sorted(people)
    return first, second


async def suggestion_scores(db: Database) -> dict[Pair, float]:
    """The best stored suggestion score of each pair, whichever of the two it was shown to."""
    scores: dict[Pair, float] = {}
    async for doc in db[SUGGESTIONS.name].find({}, {"items.person_id": 1, "items.score": 1}):
        for item in doc.get("items", []):
            pair = pair_of([doc["_id"], item["person_id"]])
            scores[pair] = max(scores.get(pair, 0.0), float(item["score"]))
    return scores


async def _already_meeting(db: Database) -> set[Pair]:
    cursor = db[MEETINGS.name].find({"holds_slot": True}, {"participants": 1})
    return {pair_of(doc["participants"]) async for doc in cursor}


async def candidate_pairs(db: Database, mode: ScheduleMode) -> dict[Pair, float]:
    """Weighted pairs without an active meeting, both people still at the event. Mutual pairs
    weigh 1 plus their suggestion score, so better matches win when time is short."""
    scores = await suggestion_scores(db)
    if mode is ScheduleMode.MUTUAL_INTEREST:
        pairs = {pair: 1.0 + scores.get(pair, 0.0) for pair in await mutual_pairs(db)}
    else:
        pairs = {pair: score for pair, score in scores.items() if score > 0}
    busy = await _already_meeting(db)
    people = {p for pair in pairs for p in pair}
    present = {d["_id"] async for d in db[PEOPLE.name].find({"_id": {"$in": sorted(people)}}, {})}
    return {
        pair: weight
        for pair, weight in pairs.items()
        if pair not in busy and pair[0] in present and pair[1] in present
    }
