"""The attendee: registers the phone, says what they are after, reads suggestions with reasons,
finds a slot common to both, asks for a meeting, gets the live notice of the answer, and reads
the schedule and calendar feed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from mobile_client_stub.errors import Conflict
from mobile_client_stub.journeys.notices import receive_answer_notice, register_phone
from mobile_client_stub.live import Notice
from mobile_client_stub.phone import Phone
from mobile_client_stub.transcript import Transcript, count

WANTED_INTEREST = "device-cybersecurity"
MESSAGE = "Hello! I'd like to compare notes on monitor alarm fatigue and patching schedules."
# A slot can be taken between reading it and asking for it; then the next one is tried.
SLOT_TAKEN = {"YOU_ARE_BUSY", "OTHER_PERSON_BUSY", "NO_LOCATION_FREE", "OTHER_PERSON_UNAVAILABLE"}


@dataclass(frozen=True)
class AttendeeOutcome:
    device: dict[str, Any]
    meeting: dict[str, Any]
    suggestions: list[dict[str, Any]]
    answer_notice: Notice | None
    calendar: str


async def attendee_journey(
    phone: Phone,
    transcript: Transcript,
    meet: str | None,
    while_waiting: Callable[[dict[str, Any]], Awaitable[float]],
) -> AttendeeOutcome:
    """`meet`: the person to ask (the top suggestion if None); `while_waiting` is what the
    other side does between the request and the schedule (the demo: the exhibitor answers),
    returning the `notices.now()` at which the answer was sent."""
    person = await phone.sign_in()
    transcript.heading(f"Attendee: {person['name']} on their phone")
    transcript.step(f"signed in as {person['name']} ({person['role']})")
    device = await register_phone(phone, transcript)
    await set_interests_and_intents(phone, transcript)
    suggestions = await read_suggestions(phone, transcript)
    invitee = meet or suggestions[0]["person"]["id"]
    meeting = await request_meeting(phone, transcript, invitee)
    answered_at = await while_waiting(meeting)
    notice = await receive_answer_notice(phone, transcript, meeting, answered_at)
    schedule = await read_schedule(phone, transcript)
    calendar = await read_calendar_feed(phone, transcript)
    answered = next(item for item in schedule if item["id"] == meeting["id"])
    return AttendeeOutcome(device, answered, suggestions, notice, calendar)


async def set_interests_and_intents(phone: Phone, transcript: Transcript) -> None:
    me = (await phone.call("Me"))["me"]
    interest_ids = [interest["id"] for interest in me["interests"]]
    if WANTED_INTEREST not in interest_ids:
        interest_ids.append(WANTED_INTEREST)
    seeking = sorted(set(me["seeking"]) | {"SHARE_INFORMATION", "CROSS_REFERRAL"})
    profile = await phone.call(
        "UpdateProfile",
        input={"interestIds": interest_ids, "seeking": seeking, "offering": me["offering"]},
    )
    updated = profile["updateProfile"]
    transcript.step("sets interests and intents:")
    transcript.detail("interests: " + ", ".join(i["label"] for i in updated["interests"]))
    transcript.detail(f"seeking {', '.join(updated['seeking'])}; offering "
                      f"{', '.join(updated['offering'])}")  # fmt: skip
    transcript.detail("(the suggestion list is refreshed a few seconds after an edit)")


async def read_suggestions(phone: Phone, transcript: Transcript) -> list[dict[str, Any]]:
    suggestions: list[dict[str, Any]] = (await phone.call("Suggestions", first=5))["suggestions"]
    transcript.step(f"reads suggestions: {len(suggestions)} people, best first; the top three:")
    for rank, suggestion in enumerate(suggestions[:3], start=1):
        person = suggestion["person"]
        where = person["organization"]["name"] if person["organization"] else "no organization"
        transcript.detail(f"{rank}. {person['name']}, {where} (score {suggestion['score']:.2f})")
        for reason in suggestion["reasons"]:
            transcript.detail(f"   * {reason['detail']}")
    return suggestions


async def request_meeting(phone: Phone, transcript: Transcript, invitee: str) -> dict[str, Any]:
    slots = (await phone.call("AvailableSlots", withPersonId=invitee))["availableSlots"]
    if not slots:
        raise RuntimeError("no free slot in common")
    first = transcript.when(slots[0]["startsAt"])
    transcript.step(f"finds {count(len(slots), 'free slot')} in common; the first is {first}")
    for slot in slots[:5]:
        request = {"inviteeId": invitee, "startsAt": slot["startsAt"], "message": MESSAGE}
        try:
            meeting: dict[str, Any] = (await phone.call("RequestMeeting", input=request))[
                "requestMeeting"
            ]
        except Conflict as conflict:
            if conflict.reason not in SLOT_TAKEN:
                raise
            transcript.detail(f"that slot was just taken ({conflict.reason}); trying the next")
            continue
        transcript.step(
            f"asks {meeting['invitee']['name']} to meet {transcript.when(meeting['startsAt'])} "
            f"at {meeting['location']['name']}: {meeting['status']}"
        )
        return meeting
    raise RuntimeError("no slot in common could be booked")


async def read_schedule(phone: Phone, transcript: Transcript) -> list[dict[str, Any]]:
    statuses = ["PENDING", "ACCEPTED"]
    schedule: list[dict[str, Any]] = (await phone.call("MyMeetings", status=statuses))["myMeetings"]
    transcript.step(f"reads the schedule: {count(len(schedule), 'meeting')} pending or accepted")
    for meeting in schedule:
        other = (
            meeting["invitee"]
            if meeting["requester"]["id"] == phone.person_id
            else meeting["requester"]
        )
        place = meeting["location"]["name"] if meeting["location"] else "place to be set"
        transcript.detail(f"{transcript.when(meeting['startsAt'])}  {meeting['status']:<8} "
                          f"with {other['name']} at {place}")  # fmt: skip
    return schedule


async def read_calendar_feed(phone: Phone, transcript: Transcript) -> str:
    url = (await phone.call("CreateCalendarFeed"))["createCalendarFeed"]["url"]
    calendar = (await phone.get(url)).text
    events = calendar.count("BEGIN:VEVENT")
    transcript.step(f"subscribes a calendar app to its feed: {count(events, 'event')} in the .ics")
    return calendar
