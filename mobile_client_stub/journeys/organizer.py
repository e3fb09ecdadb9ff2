"""The organizer: imports people who registered at the door, runs matchmaking for the whole
event, timetables the pairs who both asked to meet, and sends an announcement to a segment."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

from mobile_client_stub.importer import import_people
from mobile_client_stub.journeys.announcements import announce_to_a_segment
from mobile_client_stub.journeys.walk_ins import walk_ins_csv
from mobile_client_stub.phone import Credentials, Phone
from mobile_client_stub.transcript import Transcript, count

MATCHMAKING_WAIT_SECONDS = 300.0


# What the audience does once an announcement is sent (given it and notices.now() at sending);
# returns how many of them read it.
AudienceReaction = Callable[[dict[str, Any], float], Awaitable[int]]


@dataclass(frozen=True)
class OrganizerOutcome:
    imported: str
    run: dict[str, Any]
    walk_in_suggestions: list[int]
    schedule: dict[str, Any]
    announcement: dict[str, Any]


async def organizer_journey(
    phone: Phone,
    transcript: Transcript,
    open_phone: Callable[[Credentials], Phone],
    audience_reacts: AudienceReaction,
    server_env: Mapping[str, str] | None = None,
) -> OrganizerOutcome:
    """`open_phone` gives the walk-ins their phones; `server_env` points the import at the
    server's database (DATA_DIR or MONGODB_URI) when this process's environment does not."""
    person = await phone.sign_in()
    transcript.heading(f"Organizer: {person['name']} in the show office")
    csv_text, walk_ins = walk_ins_csv()
    imported = await import_people(csv_text, server_env)
    transcript.step(f"imports {len(walk_ins)} people who registered at the door: {imported}")
    run = await run_matchmaking(phone, transcript)
    async with AsyncExitStack() as stack:
        phones = [await stack.enter_async_context(open_phone(c)) for c in walk_ins[:2]]
        counts = [await walk_in_reads_suggestions(p, transcript) for p in phones]
        await both_ask_to_meet(phones, transcript)
    schedule = await auto_schedule(phone, transcript)
    announcement = await announce_to_a_segment(phone, transcript, audience_reacts)
    return OrganizerOutcome(imported, run, counts, schedule, announcement)


async def run_matchmaking(phone: Phone, transcript: Transcript) -> dict[str, Any]:
    run: dict[str, Any] = (await phone.call("RunMatchmaking"))["runMatchmaking"]
    transcript.step("runs matchmaking for the whole event")
    deadline = asyncio.get_running_loop().time() + MATCHMAKING_WAIT_SECONDS
    while run["status"] == "RUNNING":
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"matchmaking run {run['id']} still running")
        await asyncio.sleep(0.5)
        run = (await phone.call("MatchmakingRun", id=run["id"]))["matchmakingRun"]
    if run["status"] != "DONE":
        raise RuntimeError(f"matchmaking run failed: {run['error']}")
    exposure = run["exposure"] or {}
    done = f"{run['peopleDone']} of {run['peopleTotal']} people"
    cap = f"exposure cap {exposure.get('cap')} reached by {exposure.get('peopleAtCap')}"
    moved = f"{exposure.get('shareReplaced', 0):.0%} of list places moved by the cap"
    people = "1 person" if run["peopleTold"] == 1 else f"{run['peopleTold']} people"
    told = f"{people} told their list gained someone"
    transcript.detail(f"{run['status']}: {done}; {cap}; {moved}; {told}")
    return run


async def walk_in_reads_suggestions(phone: Phone, transcript: Transcript) -> int:
    person = await phone.sign_in()
    suggestions = (await phone.call("Suggestions", first=10))["suggestions"]
    top = suggestions[0]["person"]["name"] if suggestions else "nobody yet"
    transcript.step(f"walk-in {person['name']} signs in: {count(len(suggestions), 'suggestion')}, "
                    f"first {top}")  # fmt: skip
    return len(suggestions)


async def both_ask_to_meet(phones: list[Phone], transcript: Transcript) -> None:
    first, second = phones
    await first.call("ExpressInterest", personId=second.person_id)
    interest = (await second.call("ExpressInterest", personId=first.person_id))["expressInterest"]
    mutual = "mutual" if interest["mutual"] else "not mutual yet"
    transcript.step(f"both walk-ins tap 'I want to meet' on each other: {mutual}")


async def auto_schedule(phone: Phone, transcript: Transcript) -> dict[str, Any]:
    settings = {"mode": "MUTUAL_INTEREST", "maxMeetingsPerPerson": 2, "timeLimitSeconds": 5.0}
    report: dict[str, Any] = (await phone.call("AutoSchedule", input=settings))["autoSchedule"]
    booked = count(report["meetingsCreated"], "meeting")
    transcript.step(f"auto-schedules the mutual-interest pairs: {booked} booked of "
                    f"{count(report['pairsConsidered'], 'pair')} "
                    f"({report['method']}, gap {report['gap']:.1%})")  # fmt: skip
    for meeting in report["meetings"][:5]:
        pair = f"{meeting['requester']['name']} + {meeting['invitee']['name']}"
        place = meeting["location"]["name"] if meeting["location"] else "a place to be set"
        transcript.detail(f"{transcript.when(meeting['startsAt'])}  {pair} at {place}")
    return report
