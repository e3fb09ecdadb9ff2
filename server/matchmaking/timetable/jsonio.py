"""The JSON instance and result format of MATCHMAKING.md: strict parsing with one-line errors."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from server.matchmaking.timetable.instance import (
    Attendee,
    CandidatePair,
    Slot,
    TimetableInstance,
    TimetableResult,
)


class InstanceError(ValueError):
    """A timetable instance that breaks the format; the message names the problem."""


def _object(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InstanceError(f"{where} must be an object")
    return value


def _field(record: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in record:
        raise InstanceError(f"{where} is missing the field '{key}'")
    return record[key]


def _list(record: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = _field(record, key, where)
    if not isinstance(value, list):
        raise InstanceError(f"{where}.{key} must be a list")
    return value


def _text(record: Mapping[str, Any], key: str, where: str) -> str:
    value = _field(record, key, where)
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{where}.{key} must be a non-empty string")
    return value


def _optional_text(record: Mapping[str, Any], key: str, where: str) -> str | None:
    return None if record.get(key) is None else _text(record, key, where)


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            raise InstanceError(f"duplicate {what} id '{identifier}'")
        seen.add(identifier)


def _slots(data: Mapping[str, Any]) -> tuple[Slot, ...]:
    slots = []
    for n, raw in enumerate(_list(data, "slots", "instance")):
        where = f"slots[{n}]"
        record = _object(raw, where)
        slot_id = _text(record, "id", where)
        slots.append(
            Slot(
                slot_id,
                _optional_text(record, "startsAt", where),
                _optional_text(record, "endsAt", where),
            )
        )
    _unique([s.id for s in slots], "slot")
    return tuple(slots)


def _locations(data: Mapping[str, Any]) -> tuple[str, ...]:
    locations = []
    for n, raw in enumerate(_list(data, "locations", "instance")):
        location_id = _text(_object(raw, f"locations[{n}]"), "id", f"locations[{n}]")
        locations.append(location_id)
    _unique(locations, "location")
    return tuple(locations)


def _person(raw: object, where: str, slot_ids: set[str]) -> Attendee:
    record = _object(raw, where)
    person_id = _text(record, "id", where)
    limit = _field(record, "maxMeetings", where)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InstanceError(f"{where}.maxMeetings must be a whole number >= 0, got {limit!r}")
    available = _list(record, "available", where)
    for slot in available:
        if not isinstance(slot, str):
            raise InstanceError(f"{where} ({person_id}).available must hold slot ids, got {slot!r}")
        if slot not in slot_ids:
            raise InstanceError(f"{where} ({person_id}) is available in unknown slot {slot!r}")
    if len(set(available)) != len(available):
        raise InstanceError(f"{where} ({person_id}) lists a slot twice in 'available'")
    return Attendee(
        person_id, _optional_text(record, "organization", where), limit, tuple(available)
    )


def _pair(raw: object, where: str, people: set[str]) -> CandidatePair:
    record = _object(raw, where)
    a, b = _text(record, "a", where), _text(record, "b", where)
    for end in (a, b):
        if end not in people:
            raise InstanceError(f"{where} names unknown person '{end}'")
    if a == b:
        raise InstanceError(f"{where} pairs '{a}' with themselves")
    weight = _field(record, "weight", where)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not math.isfinite(weight):
        raise InstanceError(f"{where}.weight must be a number, got {weight!r}")
    if weight < 0:
        raise InstanceError(f"{where} ({a}-{b}) has negative weight {weight}")
    return CandidatePair(a, b, float(weight))


def parse_instance(data: object) -> TimetableInstance:
    """Check and convert a decoded JSON instance; raises InstanceError naming the first problem."""
    top = _object(data, "instance")
    slots = _slots(top)
    locations = _locations(top)
    slot_ids = {s.id for s in slots}
    people = tuple(
        _person(raw, f"people[{n}]", slot_ids)
        for n, raw in enumerate(_list(top, "people", "instance"))
    )
    _unique([p.id for p in people], "person")
    person_ids = {p.id for p in people}
    pairs = tuple(
        _pair(raw, f"pairs[{n}]", person_ids)
        for n, raw in enumerate(_list(top, "pairs", "instance"))
    )
    seen: dict[frozenset[str], int] = {}
    for n, pair in enumerate(pairs):
        key = frozenset((pair.a, pair.b))
        if key in seen:
            raise InstanceError(
                f"pairs[{n}] repeats the pair {pair.a}-{pair.b} of pairs[{seen[key]}]"
            )
        seen[key] = n
    return TimetableInstance(slots, locations, people, pairs)


def instance_to_json(instance: TimetableInstance) -> dict[str, Any]:
    def slot(s: Slot) -> dict[str, Any]:
        times = {"startsAt": s.starts_at, "endsAt": s.ends_at}
        return {"id": s.id, **{k: v for k, v in times.items() if v is not None}}

    return {
        "slots": [slot(s) for s in instance.slots],
        "locations": [{"id": location} for location in instance.locations],
        "people": [
            {
                "id": p.id,
                "organization": p.organization,
                "maxMeetings": p.max_meetings,
                "available": list(p.available),
            }
            for p in instance.people
        ],
        "pairs": [{"a": p.a, "b": p.b, "weight": p.weight} for p in instance.pairs],
    }


def result_to_json(result: TimetableResult) -> dict[str, Any]:
    return {
        "meetings": [
            {"a": m.a, "b": m.b, "slot": m.slot, "location": m.location} for m in result.meetings
        ],
        "totalWeight": round(result.total_weight, 9),
        "upperBound": round(result.upper_bound, 9),
    }
