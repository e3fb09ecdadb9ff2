"""Fuzz cases from the hardening issue, as a regression table: whatever a client sends, the
answer is a JSON GraphQL error with a code (400/413/415 when no GraphQL ran), never a 500 or
INTERNAL. Through the real served app."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.support.graphql import GraphQLClient, ws_execute, ws_init
from tests.support.world import World

SIGN_IN = "mutation($e: String!, $c: String!) { signIn(email: $e, code: $c) { token } }"
RENAME = "mutation($n: String!) { updateProfile(input: {name: $n}) { name } }"
PROFILE = "mutation($p: ProfileInput!) { updateProfile(input: $p) { name } }"
PUSH = "mutation($t: String!) { registerDevice(token: $t, platform: ANDROID) { token } }"
DIRECTORY = "query($after: String) { people(after: $after) { edges { node { id } } } }"
LONE = "\ud800"


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _error(message: str, **extensions: Any) -> dict[str, Any]:
    return {
        "errors": [{"message": message, "extensions": {"code": "BAD_USER_INPUT", **extensions}}]
    }


def _not_json(reason: str) -> dict[str, Any]:
    return _error(f"The request is not valid JSON: {reason}.")


def _not_text(field: str) -> dict[str, Any]:
    return _error(f"{field} is not valid text (it has an unpaired surrogate).", field=field)


def _bad_cursor(line: int = 1, column: int = 25) -> dict[str, Any]:
    error = {
        "message": "the cursor is not one this server gave out.",
        "locations": [{"line": line, "column": column}],
        "path": ["people"],
        "extensions": {"code": "BAD_USER_INPUT", "field": "after"},
    }
    return {"data": None, "errors": [error]}


def _body(query: str, variables: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


NOT_AN_OBJECT = _error("A GraphQL request is a JSON object with a `query`.")
HUGE = "9" * 5000

# name: (body, signed in, status, the whole JSON answer)
CASES: dict[str, tuple[bytes, bool, int, dict[str, Any]]] = {
    "json nested 1,000 deep": (
        b"[" * 1000 + b"]" * 1000,
        False,
        400,
        _not_json("nested too deeply"),
    ),
    "variables nested 1,000 deep": (
        b'{"query": "{ __typename }", "variables": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1001,
        False,
        400,
        _not_json("nested too deeply"),
    ),
    "invalid utf-8": (b'{"query": "{ __typename \xff }"}', False, 400, _not_json("not UTF-8")),
    "a top-level string": (b'"x"', False, 400, NOT_AN_OBJECT),
    "a top-level null": (b"null", False, 400, NOT_AN_OBJECT),
    "a top-level number": (b"1", False, 400, NOT_AN_OBJECT),
    "a batch": (b"[]", False, 400, _error("Batching is not enabled")),
    "no query": (b"{}", False, 400, _error("No GraphQL query found in the request")),
    "truncated json": (
        b'{"query": "{ __typ',
        False,
        400,
        _not_json("Unterminated string starting at"),
    ),
    "surrogate in sign-in": (_body(SIGN_IN, {"e": LONE, "c": "x"}), False, 200, _not_text("email")),
    "surrogate in a name": (_body(RENAME, {"n": f"Ana {LONE}"}), True, 200, _not_text("name")),
    "surrogate in an input object": (
        _body(PROFILE, {"p": {"name": LONE}}),
        True,
        200,
        _not_text("name"),
    ),
    "surrogate in a push token": (_body(PUSH, {"t": LONE}), True, 200, _not_text("token")),
    "a 5,000-digit integer variable": (
        b'{"query": "query($n: Int!) { people(first: $n) { pageInfo { hasNextPage } } }", '
        b'"variables": {"n": ' + HUGE.encode() + b"}}",
        True,
        400,
        _not_json("a number too long"),
    ),
    "a 5,000-digit integer literal": (
        _body("{ people(first: " + HUGE + ") { pageInfo { hasNextPage } } }"),
        True,
        200,
        {
            "errors": [
                {
                    "message": "An integer in the query has too many digits.",
                    "locations": [{"line": 1, "column": 17}],
                    "extensions": {"code": "BAD_USER_INPUT"},
                }
            ]
        },
    ),
    "a forged nested cursor": (
        _body(DIRECTORY, {"after": _cursor("[" * 5000 + "]" * 5000)}),
        True,
        200,
        _bad_cursor(),
    ),
    "a forged cursor holding a surrogate": (
        _body(DIRECTORY, {"after": _cursor('["\\ud800", "x"]')}),
        True,
        200,
        _bad_cursor(),
    ),
    "a subscription over http": (
        _body("subscription { notifications { id } }"),
        True,
        400,
        _error(
            "Subscriptions run over the WebSocket at /graphql (graphql-transport-ws), "
            "not over HTTP POST."
        ),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_malformed_requests_get_a_coded_json_error(
    api: GraphQLClient, world: World, case: str
) -> None:
    body, signed_in, status, answer = CASES[case]
    headers = {"content-type": "application/json"}
    if signed_in:
        token = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
        headers["authorization"] = f"Bearer {token}"
    response = await api.http.post("/graphql", content=body, headers=headers)
    assert (response.status_code, response.headers["content-type"]) == (status, "application/json")
    assert response.json() == answer


async def _closed_with(ws: Any) -> tuple[int, str]:
    with pytest.raises(ConnectionClosed) as closed:
        await ws.recv()
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def test_the_legacy_graphql_ws_subprotocol_is_refused_cleanly(api: GraphQLClient) -> None:
    async with connect(api.ws_url, subprotocols=["graphql-ws"]) as ws:
        assert await _closed_with(ws) == (4406, "Subprotocol not acceptable")


async def test_a_surrogate_in_the_subscriptions_after_is_bad_user_input(
    api: GraphQLClient, world: World
) -> None:
    token = await api.sign_in("cara@bolt.example", world.code("cara@bolt.example"))
    query = "subscription($after: ID) { notifications(after: $after) { id } }"
    async with api.websocket() as ws:
        await ws_init(ws, {"authorization": f"Bearer {token}"})
        frame = await ws_execute(ws, query, {"after": LONE})
    assert frame["payload"] == {"data": None, **_not_text("after")}


async def test_a_websocket_message_nested_1000_deep_closes_with_4400(api: GraphQLClient) -> None:
    async with api.websocket() as ws:
        await ws_init(ws)
        await ws.send(
            '{"id": "1", "type": "subscribe", "payload": ' + '{"a": ' * 1000 + "1" + "}" * 1001
        )
        assert await _closed_with(ws) == (4400, "WebSocket message must be valid JSON")


async def test_a_surrogate_in_the_connections_authorization_is_refused(api: GraphQLClient) -> None:
    async with api.websocket() as ws:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {LONE}"}}
        await ws.send(json.dumps(init))
        assert await _closed_with(ws) == (4403, "Forbidden")
