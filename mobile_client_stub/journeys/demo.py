"""The demo: the seeded attendee, exhibitor and organizer play their journeys against a running
server, in one transcript; the attendee's phone stays live throughout, so it also gets the
organizer's announcement. It tidies up after itself so it can run again."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any, TextIO

from mobile_client_stub.journeys.attendee import AttendeeOutcome, attendee_journey
from mobile_client_stub.journeys.exhibitor import ExhibitorOutcome, exhibitor_journey
from mobile_client_stub.journeys.notices import read_announcement
from mobile_client_stub.journeys.organizer import OrganizerOutcome, organizer_journey
from mobile_client_stub.phone import Credentials, Phone
from mobile_client_stub.transcript import Transcript

DEMO_ATTENDEE = Credentials("attendee@demo.example", "DEMO-ATTENDEE")
DEMO_EXHIBITOR = Credentials("exhibitor@demo.example", "DEMO-EXHIBITOR")
DEMO_ORGANIZER = Credentials("organizer@demo.example", "DEMO-ORGANIZER")


@dataclass(frozen=True)
class DemoOutcome:
    attendee: AttendeeOutcome
    exhibitor: ExhibitorOutcome
    organizer: OrganizerOutcome
    transcript: list[str]


async def run_demo(
    base_url: str, out: TextIO | None = None, server_env: Mapping[str, str] | None = None
) -> DemoOutcome:
    def open_phone(credentials: Credentials | None = None) -> Phone:
        return Phone(base_url, credentials)

    async with AsyncExitStack() as stack:
        welcome = await stack.enter_async_context(open_phone())
        event = (await welcome.call("Event"))["event"]
        transcript = Transcript(out, event["timezone"])
        transcript.heading(f"{event['name']}, {event['venue']} ({base_url})")
        attendee = await stack.enter_async_context(open_phone(DEMO_ATTENDEE))
        exhibitor = await stack.enter_async_context(open_phone(DEMO_EXHIBITOR))
        organizer = await stack.enter_async_context(open_phone(DEMO_ORGANIZER))
        answered: list[ExhibitorOutcome] = []

        async def exhibitor_answers(meeting: dict[str, Any]) -> float:
            badge = (await attendee.call("Me"))["me"]["scanCode"]
            transcript.step(f"walks to the booth; their badge barcode reads {badge}")
            answered.append(
                await exhibitor_journey(exhibitor, transcript, attendee.person_id, badge)
            )
            transcript.heading("Attendee, back on their phone")
            return answered[0].accepted_at

        async def attendee_reads_it(announcement: dict[str, Any], sent_at: float) -> int:
            notice = await read_announcement(attendee, transcript, announcement, sent_at)
            return 0 if notice is None else 1

        await exhibitor.sign_in()
        attendee_outcome = await attendee_journey(
            attendee, transcript, exhibitor.person_id, exhibitor_answers
        )
        organizer_outcome = await organizer_journey(
            organizer, transcript, open_phone, attendee_reads_it, server_env
        )
        await tidy_up(attendee, transcript, attendee_outcome.meeting)
    return DemoOutcome(attendee_outcome, answered[0], organizer_outcome, transcript.lines)


async def tidy_up(attendee: Phone, transcript: Transcript, meeting: dict[str, Any]) -> None:
    transcript.heading("Tidying up")
    cancelled = (
        await attendee.call("CancelMeeting", meetingId=meeting["id"], reason="The demo is over.")
    )["cancelMeeting"]
    transcript.step(f"the attendee cancels the demo meeting ({cancelled['status']}), so the "
                    "demo can run again")  # fmt: skip
