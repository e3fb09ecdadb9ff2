"""The exhibitor: sees the requests to their organization, accepts one, scans a visitor's badge
for a lead, and exports the organization's leads."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from mobile_client_stub.journeys.notices import now
from mobile_client_stub.phone import Phone
from mobile_client_stub.transcript import Transcript, count


@dataclass(frozen=True)
class ExhibitorOutcome:
    accepted: dict[str, Any]
    accepted_at: float  # notices.now() as the answer was sent
    lead: dict[str, Any]
    leads_csv: str


async def exhibitor_journey(
    phone: Phone, transcript: Transcript, accept_from: str | None, badge_scan_code: str
) -> ExhibitorOutcome:
    """`accept_from`: whose request to accept (the earliest waiting for this exhibitor if None);
    `badge_scan_code`: the barcode on the badge of a visitor at the booth."""
    person = await phone.sign_in() if phone.person is None else phone.person
    transcript.heading(f"Exhibitor: {person['name']} at the booth")
    waiting = await read_requests(phone, transcript)
    accepted_at = now()
    accepted = await accept_one(phone, transcript, waiting, accept_from)
    lead = await capture_lead(phone, transcript, badge_scan_code)
    leads_csv = await export_leads(phone, transcript)
    return ExhibitorOutcome(accepted, accepted_at, lead, leads_csv)


async def read_requests(phone: Phone, transcript: Transcript) -> list[dict[str, Any]]:
    requests: list[dict[str, Any]] = (
        await phone.call("OrganizationMeetingRequests", status=["PENDING"])
    )["organizationMeetingRequests"]
    transcript.step(f"sees {count(len(requests), 'pending request')} to the organization's staff")
    for request in requests[:5]:
        requester = request["requester"]
        where = f", {requester['organization']['name']}" if requester["organization"] else ""
        transcript.detail(f"{transcript.when(request['startsAt'])}  {requester['name']}{where} "
                          f"-> {request['invitee']['name']}")  # fmt: skip
    return [
        request
        for request in requests
        if (request["awaitingResponseFrom"] or {}).get("id") == phone.person_id
    ]


async def accept_one(
    phone: Phone, transcript: Transcript, waiting: list[dict[str, Any]], requester: str | None
) -> dict[str, Any]:
    chosen = next(
        (request for request in waiting if requester in {None, request["requester"]["id"]}), None
    )
    if chosen is None:
        raise RuntimeError("no request waits for this exhibitor's answer")
    meeting: dict[str, Any] = (
        await phone.call("RespondToMeeting", meetingId=chosen["id"], accept=True)
    )["respondToMeeting"]
    transcript.step(f"accepts {meeting['requester']['name']}'s request: {meeting['status']} "
                    f"at {meeting['location']['name']}")  # fmt: skip
    return meeting


async def capture_lead(phone: Phone, transcript: Transcript, scan_code: str) -> dict[str, Any]:
    lead: dict[str, Any] = (
        await phone.call(
            "CaptureLead", scanCode=scan_code, notes="Wants a telemetry demo", rating=4
        )
    )["captureLead"]
    transcript.step(f"scans {lead['person']['name']}'s badge: a lead from "
                    f"{' and '.join(lead['sources'])}, rated {lead['rating']}")  # fmt: skip
    return lead


async def export_leads(phone: Phone, transcript: Transcript) -> str:
    me = (await phone.call("Me"))["me"]
    text: str = (await phone.call("LeadsCsv", organizationId=me["organization"]["id"]))["leadsCsv"]
    rows = list(csv.reader(io.StringIO(text)))
    transcript.step(f"exports {me['organization']['name']}'s leads: {count(len(rows) - 1, 'row')}")
    transcript.detail("columns: " + ", ".join(rows[0]))
    return text
