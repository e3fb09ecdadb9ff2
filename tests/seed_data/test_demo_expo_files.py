"""The hand-written demo expo is self-consistent: references resolve, counts are as documented."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from seed_data.formats import (
    COMMUNITIES_COLUMNS,
    DEMO_DIR,
    INTENT_KINDS,
    INTERESTS_COLUMNS,
    LIST_SEPARATOR,
    LOCATION_KINDS,
    LOCATIONS_COLUMNS,
    ORGANIZATIONS_COLUMNS,
    PEOPLE_COLUMNS,
    ROLES,
    SECTORS,
)
from server import vocabulary

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.example$")
DEMO_ACCOUNTS = {
    "attendee@demo.example": ("ATTENDEE", "DEMO-ATTENDEE"),
    "exhibitor@demo.example": ("EXHIBITOR", "DEMO-EXHIBITOR"),
    "organizer@demo.example": ("ORGANIZER", "DEMO-ORGANIZER"),
}


def read_csv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with (DEMO_DIR / name).open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == columns, name
        rows = list(reader)
    for row in rows:
        assert None not in row, f"{name}: ragged row {row}"
        assert None not in row.values(), f"{name}: ragged row {row}"
    return rows


def items(cell: str) -> list[str]:
    return [item for item in cell.split(LIST_SEPARATOR) if item]


def read_json(name: str) -> Any:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def when(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None, f"{text} has no UTC offset"
    return moment


INTERESTS = read_csv("interests.csv", INTERESTS_COLUMNS)
ORGANIZATIONS = read_csv("organizations.csv", ORGANIZATIONS_COLUMNS)
COMMUNITIES = read_csv("communities.csv", COMMUNITIES_COLUMNS)
LOCATIONS = read_csv("locations.csv", LOCATIONS_COLUMNS)
PEOPLE = read_csv("people.csv", PEOPLE_COLUMNS)
EVENT = read_json("event.json")
SESSIONS = read_json("sessions.json")

LABELS = {row["label"] for row in INTERESTS}
ORGS_BY_NAME = {row["name"]: row for row in ORGANIZATIONS}
COMMUNITY_NAMES = {row["name"] for row in COMMUNITIES}
EMAILS = {row["email"] for row in PEOPLE}


def test_interests_are_slugged_unique_and_grouped() -> None:
    assert 50 <= len(INTERESTS) <= 70
    assert all(SLUG.match(row["id"]) for row in INTERESTS)
    assert len({row["id"] for row in INTERESTS}) == len(INTERESTS)
    assert len({row["label"].casefold() for row in INTERESTS}) == len(INTERESTS)
    assert all(LIST_SEPARATOR not in row["label"] and row["label"].strip() for row in INTERESTS)
    assert 8 <= len({row["category"] for row in INTERESTS}) <= 10
    assert all(row["category"] for row in INTERESTS)


def test_organizations_have_valid_sectors_segments_and_booths() -> None:
    assert 35 <= len(ORGANIZATIONS) <= 45
    assert all(row["id"].startswith("org-") and SLUG.match(row["id"]) for row in ORGANIZATIONS)
    assert len({row["id"] for row in ORGANIZATIONS}) == len(ORGANIZATIONS)
    assert len({row["name"].casefold() for row in ORGANIZATIONS}) == len(ORGANIZATIONS)
    assert {row["sector"] for row in ORGANIZATIONS} <= set(SECTORS)
    for row in ORGANIZATIONS:
        assert items(row["segments"]), row["name"]
        assert all(SLUG.match(segment) for segment in items(row["segments"])), row["name"]
    booths = [row["booth"] for row in ORGANIZATIONS if row["booth"]]
    assert len(booths) == len(set(booths))
    assert all(re.fullmatch(r"[A-Z]\d{3}", booth) for booth in booths)
    for row in ORGANIZATIONS:
        if row["sector"] in {"PROVIDER", "GOVERNMENT", "PAYER"}:
            assert not row["booth"], f"{row['name']} should not exhibit"
    assert sum(row["sector"] == "VENDOR" and bool(row["booth"]) for row in ORGANIZATIONS) >= 10


def test_competitors_share_segments() -> None:
    holders: dict[str, set[str]] = defaultdict(set)
    for row in ORGANIZATIONS:
        for segment in items(row["segments"]):
            holders[segment].add(row["name"])
    crowded = [segment for segment, names in holders.items() if len(names) >= 3]
    assert len(crowded) >= 3, crowded


def test_communities_include_women_in_leadership() -> None:
    assert 3 <= len(COMMUNITIES) <= 5
    assert all(SLUG.match(row["id"]) and row["description"] for row in COMMUNITIES)
    assert len({row["name"].casefold() for row in COMMUNITIES}) == len(COMMUNITIES)
    by_id = {row["id"]: row["name"] for row in COMMUNITIES}
    assert by_id["women-in-leadership"] == "Women In Leadership"


def test_locations_are_twenty_tables_and_a_few_rooms() -> None:
    assert {row["kind"] for row in LOCATIONS} <= set(LOCATION_KINDS)
    assert len({row["id"] for row in LOCATIONS}) == len(LOCATIONS)
    tables = [row["id"] for row in LOCATIONS if row["kind"] == "TABLE"]
    assert tables == [f"T{number:02d}" for number in range(1, 21)]
    assert all(row["name"] for row in LOCATIONS)


def test_people_have_unique_valid_emails_and_known_roles() -> None:
    assert 130 <= len(PEOPLE) <= 170
    emails = [row["email"] for row in PEOPLE]
    assert len(emails) == len(set(emails))
    bad = [email for email in emails if not EMAIL.match(email)]
    assert not bad
    assert {row["role"] for row in PEOPLE} <= set(ROLES)
    assert all(row["name"].strip() and row["headline"].strip() for row in PEOPLE)
    assert all(len(row["headline"]) <= 160 for row in PEOPLE)
    assert len({row["name"] for row in PEOPLE}) == len(PEOPLE)


def test_people_reference_existing_records() -> None:
    for row in PEOPLE:
        who = row["email"]
        assert not row["organization"] or row["organization"] in ORGS_BY_NAME, who
        interests = items(row["interests"])
        assert 3 <= len(interests) <= 10, who
        assert len(set(interests)) == len(interests), who
        assert set(interests) <= LABELS, (who, set(interests) - LABELS)
        for column in ("seeking", "offering"):
            kinds = items(row[column])
            assert len(kinds) <= 3, who
            assert len(set(kinds)) == len(kinds), who
            assert set(kinds) <= set(INTENT_KINDS), (who, kinds)
        assert set(items(row["communities"])) <= COMMUNITY_NAMES, who
        assert row["open_to_competitors"] in {"true", "false"}, who
        assert row["listed"] == "true", who
    independents = [row for row in PEOPLE if not row["organization"]]
    assert len(independents) <= 5


def test_consent_and_intents_vary() -> None:
    closed = sum(row["open_to_competitors"] == "false" for row in PEOPLE)
    assert 0 < closed < len(PEOPLE) / 4
    used = Counter(
        kind for row in PEOPLE for kind in items(row["seeking"]) + items(row["offering"])
    )
    assert set(used) == set(INTENT_KINDS)
    assert any(not items(row["seeking"]) for row in PEOPLE)


def test_demo_accounts() -> None:
    by_email = {row["email"]: row for row in PEOPLE}
    for email, (role, code) in DEMO_ACCOUNTS.items():
        assert by_email[email]["role"] == role
        assert by_email[email]["badge_code"] == code
    assert {row["email"] for row in PEOPLE if row["badge_code"]} == set(DEMO_ACCOUNTS)
    attendee = by_email["attendee@demo.example"]
    assert ORGS_BY_NAME[attendee["organization"]]["sector"] == "PROVIDER"
    assert len(items(attendee["interests"])) >= 6
    assert items(attendee["seeking"])
    assert items(attendee["offering"])
    exhibitor_org = ORGS_BY_NAME[by_email["exhibitor@demo.example"]["organization"]]
    assert exhibitor_org["sector"] == "VENDOR"
    assert exhibitor_org["booth"]


def test_roles_belong_to_the_right_organizations() -> None:
    organizers = [row for row in PEOPLE if row["role"] == "ORGANIZER"]
    assert 2 <= len(organizers) <= 4
    assert len({row["organization"] for row in organizers}) == 1
    assert ORGS_BY_NAME[organizers[0]["organization"]]["sector"] == "NONPROFIT"
    exhibitors = [row for row in PEOPLE if row["role"] == "EXHIBITOR"]
    assert len(exhibitors) >= 30
    for row in exhibitors:
        assert ORGS_BY_NAME[row["organization"]]["booth"], row["email"]
    assert 5 <= sum(row["role"] == "SPEAKER" for row in PEOPLE) <= 15


def test_interest_popularity_is_skewed() -> None:
    counts = Counter(label for row in PEOPLE for label in items(row["interests"]))
    assert set(counts) == LABELS, "every interest is chosen by someone"
    ranked = sorted(counts.values(), reverse=True)
    median = ranked[len(ranked) // 2]
    assert ranked[0] >= 3 * median
    assert ranked[-1] <= 3


def test_women_in_leadership_spans_many_organizations() -> None:
    members = [row for row in PEOPLE if "Women In Leadership" in items(row["communities"])]
    assert 12 <= len(members) <= 20
    assert len({row["organization"] for row in members}) >= 8
    for name in COMMUNITY_NAMES:
        assert any(name in items(row["communities"]) for row in PEOPLE), name


def test_event_and_meeting_hours() -> None:
    assert EVENT["id"] == "htm-expo-2027"
    assert EVENT["name"]
    assert EVENT["venue"]
    zone = ZoneInfo(EVENT["timezone"])
    assert EVENT["timezone"] == "America/Los_Angeles"
    starts, ends = when(EVENT["startsAt"]), when(EVENT["endsAt"])
    assert starts < ends
    assert (starts.date(), ends.date()) == (
        datetime(2027, 4, 12).date(),
        datetime(2027, 4, 14).date(),
    )
    for moment in (starts, ends):
        assert moment.utcoffset() == moment.astimezone(zone).utcoffset()
    slot = timedelta(minutes=EVENT["slotMinutes"])
    assert slot == timedelta(minutes=20)
    spans = [(when(span["startsAt"]), when(span["endsAt"])) for span in EVENT["meetingHours"]]
    assert spans == sorted(spans)
    for (_, end), (next_start, _) in itertools.pairwise(spans):
        assert end <= next_start
    for start, end in spans:
        assert starts <= start < end
        assert start.date() == end.date()
        assert (end - start) % slot == timedelta(0)
        assert end <= ends or end.date() < ends.date()
    assert {start.date() for start, _ in spans} == {
        starts.date() + timedelta(days=day) for day in range(3)
    }


def test_sessions_reference_people_and_interests() -> None:
    assert 25 <= len(SESSIONS) <= 35
    ids = [item["id"] for item in SESSIONS]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("s-") and SLUG.match(i) for i in ids)
    for item in SESSIONS:
        assert all(item[key] for key in ("title", "track", "room", "speakers", "interests")), item[
            "id"
        ]
        assert set(item["speakers"]) <= EMAILS, item["id"]
        assert set(item["interests"]) <= LABELS, item["id"]
    assert len({item["track"] for item in SESSIONS}) >= 5
    assert sum(item["track"] == "Keynote" for item in SESSIONS) >= 2


def test_sessions_fit_the_event_and_never_share_a_room() -> None:
    starts, ends = when(EVENT["startsAt"]), when(EVENT["endsAt"])
    event_days = {starts.date() + timedelta(days=day) for day in range(3)}
    by_room: dict[str, list[tuple[datetime, datetime, str]]] = defaultdict(list)
    for item in SESSIONS:
        start, end = when(item["startsAt"]), when(item["endsAt"])
        assert start < end, item["id"]
        assert start.date() == end.date(), item["id"]
        assert start.date() in event_days, item["id"]
        assert starts <= start, item["id"]
        assert end <= ends, item["id"]
        assert end.hour <= 19, item["id"]
        by_room[item["room"]].append((start, end, item["id"]))
    for room, booked in by_room.items():
        booked.sort()
        for (_, end, first), (next_start, _, second) in itertools.pairwise(booked):
            assert end <= next_start, f"{room}: {first} overlaps {second}"
    assert {when(item["startsAt"]).date() for item in SESSIONS} == event_days


def test_vocabulary_matches_the_server() -> None:
    assert tuple(member.name for member in vocabulary.Role) == ROLES
    assert tuple(member.name for member in vocabulary.Sector) == SECTORS
    assert tuple(member.name for member in vocabulary.IntentKind) == INTENT_KINDS
    assert tuple(member.name for member in vocabulary.LocationKind) == LOCATION_KINDS
