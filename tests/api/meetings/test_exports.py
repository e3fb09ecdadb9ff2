"""CSV exports over HTTP with the API's sign-in: meetings and people for organizers, leads for
exhibitor staff; spreadsheet-safe cells; errors with their code."""

from __future__ import annotations

import csv
import io
import json

from server.db.client import Database
from server.db.collections import PEOPLE
from server.services.people.importing import import_people_csv
from tests.api.meetings.test_event_stats import play_a_morning
from tests.support.clock import ManualClock
from tests.support.meetings import Expo

CAPTURE = 'mutation($code: String!) { captureLead(scanCode: $code, notes: "=1+1") { id } }'


async def _get(expo: Expo, path: str, name: str | None) -> tuple[int, str, str]:
    headers = {"Authorization": f"Bearer {await expo.token(name)}"} if name else {}
    response = await expo.api.http.get(path, headers=headers)
    return response.status_code, response.headers.get("content-disposition", ""), response.text


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_meetings_export_has_the_filtered_meetings_in_event_time(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await play_a_morning(expo, db, clock)

    status, disposition, text = await _get(
        expo, "/exports/meetings.csv?status=ACCEPTED&coopetition=true", "olga"
    )

    [row] = _rows(text)
    assert (status, disposition) == (200, 'attachment; filename="meetings-20270412-1800.csv"')
    assert {key: value for key, value in row.items() if key not in {"meeting_id"}} == {
        "status": "ACCEPTED",
        "source": "REQUEST",
        "starts_at": "2027-04-12T10:00:00-07:00",
        "ends_at": "2027-04-12T10:20:00-07:00",
        "place": "Table 1",
        "requester": "Ana Alvarez",
        "requester_email": "ana@acme.example",
        "requester_organization": "Acme Imaging Service",
        "invitee": "Cara Chen",
        "invitee_email": "cara@bolt.example",
        "invitee_organization": "Bolt Medical",
        "coopetition": "true",
        "cross_sector": "true",
        "requested_at": "2027-04-12T09:00:00-07:00",
    }
    everything = _rows((await _get(expo, "/exports/meetings.csv", "olga"))[2])
    assert len(everything) == 6


async def test_people_export_can_be_imported_again_unchanged(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await db[PEOPLE.name].update_one(
        {"_id": expo.id("dan")}, {"$set": {"headline": "=HYPERLINK(evil)"}}
    )
    await expo.token("olga")  # signed in before the snapshot
    before = await db[PEOPLE.name].find({}, {"updated_at": 0}).sort("_id").to_list()

    status, _, text = await _get(expo, "/exports/people.csv", "olga")
    report = await import_people_csv(db, io.StringIO(text), clock())

    rows = _rows(text)
    dan = next(row for row in rows if row["email"] == "dan@city.example")
    assert (status, len(rows), report.created, report.errors) == (200, 7, 0, [])
    assert dan["headline"] == "'=HYPERLINK(evil)"  # quoted for spreadsheets
    after = await db[PEOPLE.name].find({}, {"updated_at": 0}).sort("_id").to_list()
    assert [p for p in after if p["_id"] != expo.id("dan")] == [
        p for p in before if p["_id"] != expo.id("dan")
    ]


async def test_exhibitors_export_their_leads_quoted(expo: Expo) -> None:
    await expo.data("ben", CAPTURE, code="S-DAN")

    status, _, text = await _get(expo, "/exports/leads.csv", "ben")

    [lead] = _rows(text)
    assert (status, lead["name"], lead["notes"]) == (200, "Dan Dimitrov", "'=1+1")


async def test_exports_answer_with_the_error_code(expo: Expo) -> None:
    answers = [
        await _get(expo, "/exports/people.csv", None),
        await _get(expo, "/exports/meetings.csv", "ana"),
        await _get(expo, "/exports/meetings.csv?status=MAYBE", "olga"),
        await _get(expo, "/exports/leads.csv", "ana"),
    ]

    codes = [(status, json.loads(text)["errors"][0]["extensions"]) for status, _, text in answers]
    assert [(status, extensions["code"]) for status, extensions in codes] == [
        (401, "UNAUTHENTICATED"),
        (403, "FORBIDDEN"),
        (400, "BAD_USER_INPUT"),
        (403, "FORBIDDEN"),
    ]
    assert codes[2][1]["field"] == "status"
