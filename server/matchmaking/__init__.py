"""Matchmaking engine: whom to meet (suggestions with reasons) and when (a meeting timetable).

A pure library: plain records and numpy arrays in, plain results out; no database, no GraphQL.

Suggestions::

    index = build_index(profiles, catalog, weights)          # Profile records, once per run
    run = suggest_all(index, exclusions, k=10, exposure_cap=30)
    run.lists[person_id]        # tuple[Suggestion(person_id, score, reasons)], best first
    run.exposure                # ExposureReport: how much the cap moved the lists
    index = update_profile(index, edited_profile)            # after one person edits
    suggest_for(index, person_id, exclusions, k=10, at_capacity=...)
    viewers_to_refresh(index, person_id, stored_lists, exclusions)

`exclusions[a]` is the set of people never to show to `a`. The engine applies it as given (it
does not mirror it): put a blocked pair in both directions, a dismissal in one, a pending or
accepted meeting in both. Colleagues (same `organization_id`), oneself, unlisted people and
competitors of anyone not open to competitors are left out by the engine itself. Unlisted
people still get a list of their own; they appear in nobody's.

Scores: Weights() defaults are shared_interest 1.0 (idf-weighted cosine of interests),
complementary_intent 0.8 (mean share of what each seeks that the other offers), coopetition 0.3
(times the interest cosine, for rivals who are both open), cross_sector 0.2 and
shared_community 0.4 (cosine of communities). Only interests, intents and communities create a
match. Lists rank on scores rounded to 1e-5 (ties go to the earlier profile); the score shown
is exact. The exposure cap is met by capacitated deferred acceptance: a capped person keeps the
viewers they match best, the others move down their ranking; a list ends short only when every
remaining candidate is at the cap (ExposureReport.short_lists).

Timetable::

    instance = parse_instance(json.load(file))               # raises InstanceError
    result = solve_timetable(instance, time_limit=30.0, warm_start=previous.meetings)
    result_to_json(result)      # {"meetings": [...], "totalWeight": ..., "upperBound": ...}

or `python -m server.matchmaking schedule INSTANCE.json [--time-limit SECONDS]`. The bound and
the greedy always run; local search and CP-SAT (small instances) stop at the time limit.
"""

from server.matchmaking.suggestions.engine import (
    Suggestion,
    SuggestionRun,
    suggest_all,
    suggest_for,
    viewers_to_refresh,
)
from server.matchmaking.suggestions.exposure import ExposureReport
from server.matchmaking.suggestions.index import MatchIndex, build_index, update_profile
from server.matchmaking.suggestions.reasons import Reason, ReasonKind
from server.matchmaking.suggestions.records import Catalog, IntentPhrase, Profile, Weights
from server.matchmaking.suggestions.rules import suggestion_violations
from server.matchmaking.timetable.instance import (
    Attendee,
    CandidatePair,
    Meeting,
    Slot,
    TimetableInstance,
    TimetableResult,
    timetable_violations,
)
from server.matchmaking.timetable.jsonio import (
    InstanceError,
    instance_to_json,
    parse_instance,
    result_to_json,
)
from server.matchmaking.timetable.solve import solve_timetable

__all__ = [
    "Attendee",
    "CandidatePair",
    "Catalog",
    "ExposureReport",
    "InstanceError",
    "IntentPhrase",
    "MatchIndex",
    "Meeting",
    "Profile",
    "Reason",
    "ReasonKind",
    "Slot",
    "Suggestion",
    "SuggestionRun",
    "TimetableInstance",
    "TimetableResult",
    "Weights",
    "build_index",
    "instance_to_json",
    "parse_instance",
    "result_to_json",
    "solve_timetable",
    "suggest_all",
    "suggest_for",
    "suggestion_violations",
    "timetable_violations",
    "update_profile",
    "viewers_to_refresh",
]
