"""Running a swarm: enrol the crowd, compute its suggestions, let every phone act until the
time is up, stop them all, and report."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Mapping
from typing import TextIO

from mobile_client_stub.errors import ApiError, TransportFailure
from mobile_client_stub.journeys.notices import now, register_phone
from mobile_client_stub.journeys.organizer import run_matchmaking
from mobile_client_stub.phone import Credentials, Phone
from mobile_client_stub.swarm.actions import actions_for
from mobile_client_stub.swarm.crowd import Crowd, enrol
from mobile_client_stub.swarm.hall import Badge, Hall
from mobile_client_stub.swarm.plan import SwarmPlan
from mobile_client_stub.swarm.recorder import Recorder
from mobile_client_stub.swarm.report import SwarmReport
from mobile_client_stub.transcript import Transcript

GRACE_SECONDS = 30.0  # for calls in flight at the deadline; then the rest are cancelled
LIVE_WAIT_SECONDS = 30.0  # for a phone's subscription socket to be acknowledged
ANNOUNCE_EVERY_SECONDS = 30.0


async def run_swarm(
    plan: SwarmPlan, out: TextIO | None = None, server_env: Mapping[str, str] | None = None
) -> SwarmReport:
    transcript = Transcript(out)
    crowd = await prepare(plan, transcript, server_env)
    return await act(plan, crowd, transcript)


async def prepare(
    plan: SwarmPlan, transcript: Transcript, server_env: Mapping[str, str] | None
) -> Crowd:
    """Imports the crowd and computes its suggestions, before any phone starts."""
    transcript.heading(f"Swarm of {plan.phones} phones against {plan.url}")
    crowd = await enrol(plan.phones, plan.seed, server_env)
    transcript.step(f"imported {plan.phones} phones' people; computing their suggestions")
    async with Phone(plan.url, crowd.organizer) as organizer:
        await run_matchmaking(organizer, transcript)
    return crowd


async def act(plan: SwarmPlan, crowd: Crowd, transcript: Transcript) -> SwarmReport:
    """Every phone acts until the time is up, while the organizer announces; then the report."""
    transcript.step(f"phones acting for {plan.minutes:g} min")
    recorder = Recorder()
    hall = Hall(recorder.notices)
    loop = asyncio.get_running_loop()
    started, cpu_before = loop.time(), time.process_time()
    deadline = started + plan.seconds
    lives = [
        asyncio.create_task(_phone_life(plan, credentials, index, recorder, hall, deadline))
        for index, credentials in enumerate(crowd.phones)
    ]
    lives.append(asyncio.create_task(_announcer(plan, crowd.organizer, recorder, hall, deadline)))
    _, unfinished = await asyncio.wait(lives, timeout=plan.seconds + GRACE_SECONDS)
    for life in unfinished:
        life.cancel()
    await asyncio.gather(*lives, return_exceptions=True)
    elapsed = loop.time() - started
    report = SwarmReport(plan, len(hall.badges), elapsed, time.process_time() - cpu_before,
                         recorder)  # fmt: skip
    transcript.block(["", *report.lines()])
    return report


async def _phone_life(
    plan: SwarmPlan,
    credentials: Credentials,
    index: int,
    recorder: Recorder,
    hall: Hall,
    deadline: float,
) -> None:
    loop = asyncio.get_running_loop()
    rng = random.Random(f"{plan.seed}-{index}")
    await asyncio.sleep(index * plan.ramp_seconds / plan.phones)
    async with Phone(plan.url, credentials, observe=recorder.observe) as phone:
        try:
            await _open_app(phone, recorder, hall)
        except (ApiError, TransportFailure) as error:
            recorder.noted(error.code, error)  # the phone's observer counted it
            return
        weighted = actions_for(phone.person["role"] if phone.person else "ATTENDEE")
        actions, weights = list(weighted), list(weighted.values())
        while True:
            pause = min(rng.expovariate(1 / plan.think_seconds), 4 * plan.think_seconds)
            if loop.time() + pause >= deadline:
                return
            await asyncio.sleep(pause)
            action = rng.choices(actions, weights)[0]
            try:
                await action(phone, hall, rng)
            except (ApiError, TransportFailure) as error:
                recorder.noted(error.code, error)  # the phone's observer counted it
            except Exception as error:  # an answer the phone could not use
                recorder.failure(action.__name__, error)


async def _open_app(phone: Phone, recorder: Recorder, hall: Hall) -> None:
    """Sign in, read oneself, register for push and go live, as the app does at its start."""
    person = await phone.sign_in()
    me = (await phone.call("Me"))["me"]
    hall.badges[person["id"]] = Badge(me["scanCode"], (me["organization"] or {}).get("id"))
    await register_phone(phone)
    assert phone.inbox is not None
    phone.inbox.observe = lambda notice, arrived: recorder.notices.arrive(
        person["id"], notice, arrived
    )
    try:
        await asyncio.wait_for(phone.inbox.ready.wait(), LIVE_WAIT_SECONDS)
    except TimeoutError:
        recorder.failure("go_live", TimeoutError("no connection_ack"))
        return
    hall.live.add(person["id"])


async def _announcer(
    plan: SwarmPlan, organizer: Credentials, recorder: Recorder, hall: Hall, deadline: float
) -> None:
    """The organizer announces to everyone as the last phones start, then every so often."""
    loop = asyncio.get_running_loop()
    moment = loop.time() + plan.ramp_seconds + 1
    async with Phone(plan.url, organizer, observe=recorder.observe) as phone:
        await phone.sign_in()
        while moment < deadline:
            await asyncio.sleep(moment - loop.time())
            moment += ANNOUNCE_EVERY_SECONDS
            announcement = {"title": "From the show office", "body": "Lunch is served in Hall C."}
            sent_at = now()
            try:
                sent = await phone.call("SendAnnouncement", input=announcement)
            except (ApiError, TransportFailure):
                continue  # the phone's observer counted it
            hall.announced(sent["sendAnnouncement"]["id"], sent_at)
