"""Exhibitor leads: a badge scan or an accepted meeting; notes, rating; CSV for the own
organization only; and booth staff see their organization's incoming requests."""

from __future__ import annotations

import csv
import io

from server.db.client import Database
from server.db.collections import PEOPLE
from tests.support.clock import ManualClock
from tests.support.meetings import FIRST_SLOT, PREFERENCES, RESPOND, SECOND_SLOT, Expo, error_of
from tests.support.people import add_people
from tests.support.world import BOLT

CAPTURE = """mutation($code: String!, $notes: String, $rating: Int) {
  captureLead(scanCode: $code, notes: $notes, rating: $rating) {
    id sources notes rating email person { name } } }"""
UPDATE = """mutation($id: ID!, $notes: String, $rating: Int) {
  updateLead(leadId: $id, notes: $notes, rating: $rating) { notes rating } }"""
CSV = "query($org: ID!) { leadsCsv(organizationId: $org) }"
ACME = "org-acme-imaging-service"


async def test_badge_scan_captures_a_lead_once_with_notes_and_rating(expo: Expo) -> None:
    lead = (await expo.data("ben", CAPTURE, code=" S-DAN ", notes="CT service", rating=4))[
        "captureLead"
    ]
    assert lead == {
        "id": lead["id"], "sources": ["BADGE_SCAN"], "notes": "CT service", "rating": 4,
        "email": "dan@city.example", "person": {"name": "Dan Dimitrov"},
    }  # fmt: skip
    again = (await expo.data("ben", CAPTURE, code="S-DAN"))["captureLead"]
    assert (again["id"], again["notes"]) == (lead["id"], "CT service")
    updated = await expo.data("ben", UPDATE, id=lead["id"], notes="", rating=5)
    assert updated == {"updateLead": {"notes": None, "rating": 5}}
    listed = await expo.data("ben", "{ myLeads { person { name } sources } }")
    assert listed == {"myLeads": [{"person": {"name": "Dan Dimitrov"}, "sources": ["BADGE_SCAN"]}]}


async def test_a_scan_is_one_way(expo: Expo) -> None:
    await expo.data("ben", CAPTURE, code="S-DAN")
    email = "query($id: ID!) { person(id: $id) { email } }"
    assert await expo.data("dan", email, id=expo.id("ben")) == {"person": {"email": None}}
    assert error_of(await expo.run("dan", "{ myLeads { id } }")) == {"code": "FORBIDDEN"}


async def test_bad_scans_are_refused(expo: Expo) -> None:
    assert error_of(await expo.run("ana", CAPTURE, code="S-DAN")) == {"code": "FORBIDDEN"}
    # the sign-in code is not a scan code: scanning never hands out a credential
    assert error_of(await expo.run("ben", CAPTURE, code="DAN-CODE")) == {"code": "NOT_FOUND"}
    for code, field in ((" ", "scanCode"), ("S-ANA", "scanCode")):  # blank; a colleague
        error = error_of(await expo.run("ben", CAPTURE, code=code))
        assert error == {"code": "BAD_USER_INPUT", "field": field}
    error = error_of(await expo.run("ben", CAPTURE, code="S-DAN", rating=6))
    assert error == {"code": "BAD_USER_INPUT", "field": "rating"}


async def test_an_accepted_meeting_with_booth_staff_is_a_lead(expo: Expo) -> None:
    await expo.data("cara", PREFERENCES, input={"acceptsVendorRequests": True})
    meeting = await expo.booked("ben", "cara", FIRST_SLOT)
    assert await expo.data("ben", "{ myLeads { id } }") == {"myLeads": []}
    await expo.data("cara", RESPOND, id=meeting["id"], accept=True)
    listed = await expo.data("ben", "{ myLeads { person { name } sources email } }")
    assert listed == {
        "myLeads": [{"person": {"name": "Cara Chen"}, "sources": ["MEETING"],
                     "email": "cara@bolt.example"}]
    }  # fmt: skip


async def test_lead_csv_goes_to_the_own_organization_only(
    expo: Expo, db: Database, clock: ManualClock
) -> None:
    await add_people(
        db, [{"email": "bea@bolt.example", "name": "Bea Bauer", "role": "EXHIBITOR", **BOLT}],
        clock(),
    )  # fmt: skip
    bea = await db[PEOPLE.name].find_one({"email": "bea@bolt.example"})
    assert bea is not None
    expo.world.ids[bea["email"]] = bea["_id"]  # Bea, exhibitor at Bolt, can now sign in
    lead = (await expo.data("ben", CAPTURE, code="S-DAN", notes='=HYPERLINK("x")'))["captureLead"]
    text = (await expo.data("ben", CSV, org=ACME))["leadsCsv"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [{
        "name": "Dan Dimitrov", "email": "dan@city.example", "organization": "City Hospital",
        "headline": "", "sources": "BADGE_SCAN", "rating": "", "notes": "'=HYPERLINK(\"x\")",
        "captured_by": "Ben Brooks", "captured_at": "2027-04-12T16:00:00+00:00",
    }]  # fmt: skip
    for name in ("bea", "olga", "ana", "dan"):
        assert error_of(await expo.run(name, CSV, org=ACME)) == {"code": "FORBIDDEN"}
    assert error_of(await expo.run("bea", UPDATE, id=lead["id"], rating=1)) == {"code": "FORBIDDEN"}
    assert (await expo.data("bea", CSV, org="org-bolt-medical"))["leadsCsv"].count("\n") == 1


async def test_booth_staff_see_their_organizations_incoming_requests(expo: Expo) -> None:
    to_ana = await expo.booked("cara", "ana", FIRST_SLOT)
    await expo.booked("cara", "dan", SECOND_SLOT)
    query = "{ organizationMeetingRequests(status: [PENDING]) { id invitee { name } } }"
    assert await expo.data("ben", query) == {
        "organizationMeetingRequests": [{"id": to_ana["id"], "invitee": {"name": "Ana Alvarez"}}]
    }
    by_id = "query($id: ID!) { meeting(id: $id) { message } }"
    assert await expo.data("ben", by_id, id=to_ana["id"]) == {"meeting": {"message": None}}
    assert error_of(await expo.run("ana", query)) == {"code": "FORBIDDEN"}
