"""The pairs a run schedules, with weights: mutual interest, or the stored suggestions."""

from __future__ import annotations

from server.auth.permissions import may_request
from server.db.client import Database, Document
from server.db.collections import MEETINGS, PEOPLE, SUGGESTIONS
from server.services.meetings.interest import mutual_pairs
from server.services.meetings.preferences import preferences_of
from server.services.meetings.rules import MeetingRules
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


def may_meet_unasked(one: Document, other: Document, rules: MeetingRules) -> bool:
    """Nobody asked for a speed-networking meeting, so the event's who-may-request-whom rule
    must let either of the two request the other (an exhibitor meets an attendee only if the
    attendee opted in to vendor requests)."""
    return all(
        may_request(
            requester, invitee, preferences_of(invitee).accepts_vendor_requests,
            rules.exhibitor_requests_need_opt_in,
        )
        for requester, invitee in ((one, other), (other, one))
    )  # fmt: skip


async def candidate_pairs(
    db: Database, mode: ScheduleMode, rules: MeetingRules
) -> dict[Pair, float]:
    """Weighted pairs without an active meeting, both people still at the event. Mutual pairs
    weigh 1 plus their suggestion score, so better matches win when time is short; suggested
    pairs (speed networking) only where the who-may-request-whom rule allows it both ways."""
    scores = await suggestion_scores(db)
    if mode is ScheduleMode.MUTUAL_INTEREST:
        pairs = {pair: 1.0 + scores.get(pair, 0.0) for pair in await mutual_pairs(db)}
    else:
        pairs = {pair: score for pair, score in scores.items() if score > 0}
    busy = await _already_meeting(db)
    ids = sorted({p for pair in pairs for p in pair})
    fields = {"role": 1, "meeting_preferences": 1}
    people = {d["_id"]: d async for d in db[PEOPLE.name].find({"_id": {"$in": ids}}, fields)}
    unasked = mode is ScheduleMode.SPEED_NETWORKING
    return {
        (a, b): weight
        for (a, b), weight in pairs.items()
        if (a, b) not in busy and a in people and b in people
        and (not unasked or may_meet_unasked(people[a], people[b], rules))
    }  # fmt: skip
