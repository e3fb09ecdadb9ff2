"""Running a swarm: enrol the crowd, compute its suggestions, let every phone act until the
time is up, stop them all, and report."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Mapping
from typing import TextIO

from mobile_client_stub.errors import ApiError, TransportFailure
from mobile_client_stub.journeys.organizer import run_matchmaking
from mobile_client_stub.phone import Credentials, Phone
from mobile_client_stub.swarm.actions import actions_for
from mobile_client_stub.swarm.crowd import Crowd, enrol
from mobile_client_stub.swarm.hall import Hall
from mobile_client_stub.swarm.plan import SwarmPlan
from mobile_client_stub.swarm.recorder import Recorder
from mobile_client_stub.swarm.report import SwarmReport
from mobile_client_stub.transcript import Transcript

GRACE_SECONDS = 30.0  # for calls in flight at the deadline; then the rest are cancelled


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
    """Every phone acts until the time is up; then the report."""
    transcript.step(f"phones acting for {plan.minutes:g} min")
    recorder, hall = Recorder(), Hall()
    loop = asyncio.get_running_loop()
    started, cpu_before = loop.time(), time.process_time()
    deadline = started + plan.seconds
    lives = [
        asyncio.create_task(_phone_life(plan, credentials, index, recorder, hall, deadline))
        for index, credentials in enumerate(crowd.phones)
    ]
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
            await phone.sign_in()
            me = (await phone.call("Me"))["me"]
        except (ApiError, TransportFailure):
            return  # the phone's observer counted it
        hall.badges.append(me["scanCode"])
        weighted = actions_for(me["role"])
        actions, weights = list(weighted), list(weighted.values())
        while True:
            pause = min(rng.expovariate(1 / plan.think_seconds), 4 * plan.think_seconds)
            if loop.time() + pause >= deadline:
                return
            await asyncio.sleep(pause)
            action = rng.choices(actions, weights)[0]
            try:
                await action(phone, hall, rng)
            except (ApiError, TransportFailure):
                pass  # the phone's observer counted it
            except Exception as error:  # an answer the phone could not use
                recorder.failure(action.__name__, error)
