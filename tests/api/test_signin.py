"""Signing in with the badge code, session tokens, and the rate limits on attempts."""

from __future__ import annotations

from server.config import Settings
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.live import serve_app
from tests.support.world import World

SIGN_IN = """mutation($e: String!, $c: String!) {
  signIn(email: $e, code: $c) { token person { name email } }
}"""
ME = "{ me { name role email } }"


async def test_sign_in_with_badge_code_returns_token_that_identifies_the_person(
    api: GraphQLClient, world: World
) -> None:
    result = await api.data(
        SIGN_IN, {"e": " Ana@Acme.example ", "c": world.code("ana@acme.example").lower()}
    )
    assert result["signIn"]["person"] == {"name": "Ana Alvarez", "email": "ana@acme.example"}
    me = await api.data(ME, token=result["signIn"]["token"])
    assert me == {"me": {"name": "Ana Alvarez", "role": "ATTENDEE", "email": "ana@acme.example"}}


async def test_me_is_null_without_a_token(api: GraphQLClient, world: World) -> None:
    assert await api.data(ME) == {"me": None}


async def test_wrong_code_and_unknown_email_are_unauthenticated(
    api: GraphQLClient, world: World
) -> None:
    wrong = await api.execute(SIGN_IN, {"e": "ana@acme.example", "c": "NOT-HER-CODE"})
    unknown = await api.execute(SIGN_IN, {"e": "nobody@acme.example", "c": "ANA-CODE"})
    for result in (wrong, unknown):
        assert result["data"] is None
        assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
        assert result["errors"][0]["message"] == "That email and badge code do not match."


async def test_empty_or_over_long_fields_are_bad_user_input_naming_the_field(
    api: GraphQLClient, world: World
) -> None:
    cases = [
        ({"e": "  ", "c": "ANA-CODE"}, "email", "email must not be empty."),
        ({"e": "a" * 243 + "@acme.example", "c": "ANA-CODE"}, "email",
         "email must be at most 254 characters."),
        ({"e": "ana@acme.example", "c": ""}, "code", "code must not be empty."),
        ({"e": "ana@acme.example", "c": "X" * 65}, "code", "code must be at most 64 characters."),
    ]  # fmt: skip
    answers = [(await api.execute(SIGN_IN, variables))["errors"][0] for variables, _, _ in cases]
    assert [(a["extensions"], a["message"]) for a in answers] == [
        ({"code": "BAD_USER_INPUT", "field": field}, message) for _, field, message in cases
    ]


async def test_malformed_attempts_count_against_the_client_address(
    settings: Settings, clock: ManualClock, world: World
) -> None:
    limited = settings.model_copy(update={"signin_max_failures_per_address": 2})
    async with serve_app(limited, clock) as app, app.client() as api:
        for variables in ({"e": "", "c": "GUESS-0000"}, {"e": "b@x.example", "c": "X" * 65}):
            result = await api.execute(SIGN_IN, variables)
            assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        result = await api.execute(
            SIGN_IN, {"e": "ana@acme.example", "c": world.code("ana@acme.example")}
        )
    assert result["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_too_many_attempts_for_one_email_are_rate_limited(
    api: GraphQLClient, world: World, settings: Settings
) -> None:
    for _ in range(settings.signin_max_per_email):
        await api.execute(SIGN_IN, {"e": "ana@acme.example", "c": "GUESS-0000"})
    # even the right code is refused now
    result = await api.execute(
        SIGN_IN, {"e": "ana@acme.example", "c": world.code("ana@acme.example")}
    )
    error = result["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert 0 < error["extensions"]["retryAfterSeconds"] <= settings.signin_window_seconds


async def test_rate_limit_window_reopens_after_it_ends(
    api: GraphQLClient, world: World, settings: Settings, clock: ManualClock
) -> None:
    for _ in range(settings.signin_max_per_email + 1):
        await api.execute(SIGN_IN, {"e": "ana@acme.example", "c": "GUESS-0000"})
    clock.advance(seconds=settings.signin_window_seconds)
    result = await api.execute(
        SIGN_IN, {"e": "ana@acme.example", "c": world.code("ana@acme.example")}
    )
    assert "errors" not in result


async def test_failures_from_one_address_are_limited_across_app_processes(
    settings: Settings, clock: ManualClock, world: World
) -> None:
    limited = settings.model_copy(update={"signin_max_failures_per_address": 3})
    async with (
        serve_app(limited, clock) as first,
        serve_app(limited, clock) as second,
        first.client() as api_one,
        second.client() as api_two,
    ):
        for email in ("a@x.example", "b@x.example", "c@x.example"):
            await api_one.execute(SIGN_IN, {"e": email, "c": "GUESS-0000"})
        result = await api_two.execute(
            SIGN_IN, {"e": "ana@acme.example", "c": world.code("ana@acme.example")}
        )
    assert result["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_expired_token_is_refused_with_a_reason(
    api: GraphQLClient, world: World, clock: ManualClock, settings: Settings
) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    clock.advance(hours=settings.token_ttl_hours, seconds=1)
    result = await api.execute("{ people(first: 1) { edges { node { name } } } }", token=token)
    assert result["errors"][0]["message"] == "Your session has expired. Sign in again."
    assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_tampered_token_is_refused(api: GraphQLClient, world: World) -> None:
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    result = await api.execute(
        "{ people(first: 1) { edges { cursor } } }", token=token[:-3] + "abc"
    )
    assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_directory_needs_sign_in(api: GraphQLClient, world: World) -> None:
    result = await api.execute("{ people { edges { cursor } } }")
    assert result["errors"][0]["message"] == "Sign in to see this."
    assert result["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
