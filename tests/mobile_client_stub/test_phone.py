"""The phone client against the real app: errors as exceptions of their code, a new sign-in
when the session expires, short rate limits waited out, every call reported."""

from __future__ import annotations

from typing import Any

import pytest

from mobile_client_stub.errors import BadUserInput, Conflict, Forbidden, NotFound, RateLimited
from mobile_client_stub.phone import Credentials, Phone
from server.config import Settings
from server.db.client import Database
from tests.support.clock import ManualClock
from tests.support.live import LiveApp, serve_app
from tests.support.meetings import FIRST_SLOT, at, iso, open_meeting_grid
from tests.support.world import World

ANA = Credentials("ana@acme.example", "ANA-CODE")


async def test_phone_signs_in_again_when_its_session_expires(
    live_app: LiveApp, world: World, clock: ManualClock
) -> None:
    calls: list[tuple[str, str | None]] = []
    observe = lambda operation, seconds, code: calls.append((operation, code))  # noqa: E731
    async with Phone(live_app.base_url, ANA, observe=observe) as phone:
        assert (await phone.call("MyMeetings"))["myMeetings"] == []
        first_token = phone.token
        clock.advance(hours=24 * 7 + 1)  # past TOKEN_TTL_HOURS
        assert (await phone.call("MyMeetings"))["myMeetings"] == []
    assert phone.token != first_token
    assert calls == [
        ("SignIn", None), ("MyMeetings", None),
        ("MyMeetings", "UNAUTHENTICATED"), ("SignIn", None), ("MyMeetings", None),
    ]  # fmt: skip


async def test_me_answering_null_means_signed_out_and_the_phone_signs_in_again(
    live_app: LiveApp, world: World, clock: ManualClock
) -> None:
    async with Phone(live_app.base_url, ANA) as phone:
        await phone.sign_in()
        first_token = phone.token
        clock.advance(hours=24 * 7 + 1)
        assert (await phone.call("Me"))["me"]["name"] == "Ana Alvarez"
    assert phone.token != first_token


async def test_errors_arrive_as_exceptions_of_their_code(
    live_app: LiveApp, world: World, db: Database
) -> None:
    await open_meeting_grid(db)
    cara = world.ids["cara@bolt.example"]
    async with Phone(live_app.base_url, ANA) as phone:
        with pytest.raises(NotFound):
            await phone.call("RequestMeeting", input=_request("nobody", iso(FIRST_SLOT)))
        with pytest.raises(BadUserInput) as off_grid:
            await phone.call("RequestMeeting", input=_request(cara, iso(at(12, 17, 5))))
        await phone.call("RequestMeeting", input=_request(cara, iso(FIRST_SLOT)))
        with pytest.raises(Conflict) as twice:
            await phone.call("RequestMeeting", input=_request(cara, iso(FIRST_SLOT)))
        with pytest.raises(Forbidden) as not_staff:
            await phone.call("CaptureLead", scanCode="S-CARA")
    assert (off_grid.value.field, off_grid.value.reason) == ("startsAt", "NOT_ON_GRID")
    assert twice.value.reason == "ALREADY_REQUESTED"
    assert not_staff.value.message == "Only exhibitor staff can do this."


async def test_a_long_rate_limit_is_raised_with_its_wait(live_app: LiveApp, world: World) -> None:
    async with Phone(live_app.base_url, Credentials("ana@acme.example", "WRONG")) as phone:
        for _ in range(10):  # SIGNIN_MAX_PER_EMAIL
            with pytest.raises(Exception, match="UNAUTHENTICATED"):
                await phone.sign_in()
        with pytest.raises(RateLimited) as limited:
            await phone.call("Me")
    assert limited.value.retry_after_seconds > phone.max_rate_limit_wait


async def test_a_short_rate_limit_is_waited_out_and_the_call_made_once_more(
    settings: Settings, clock: ManualClock, world: World
) -> None:
    limited = settings.model_copy(
        update={"signin_max_per_email": 2, "signin_window_seconds": 2}
    )  # the clock stands at the start of a window: the wait asked for is the whole 2 s
    calls: list[tuple[str, str | None]] = []

    def observe(operation: str, seconds: float, code: str | None) -> None:
        calls.append((operation, code))
        if code == "RATE_LIMITED":
            clock.advance(seconds=limited.signin_window_seconds)  # the app's time, as it waits

    async with serve_app(limited, clock) as app, Phone(app.base_url, ANA, observe=observe) as phone:
        for _ in range(limited.signin_max_per_email):
            await phone.sign_in()
        person = await phone.sign_in()
    assert person["name"] == "Ana Alvarez"
    assert calls == [
        ("SignIn", None), ("SignIn", None), ("SignIn", "RATE_LIMITED"), ("SignIn", None),
    ]  # fmt: skip


def _request(invitee: str, starts_at: str) -> dict[str, Any]:
    return {"inviteeId": invitee, "startsAt": starts_at, "message": "Coffee?"}
