"""A loopback fake of the FCM HTTP v1 send endpoint: TLS with ALPN h2 (HTTP/2 only, as FCM is
reached by firebase-admin's async client), and the error bodies FCM sends.

In a test: `async with FakeFcm.running(tmp_path) as fcm:` then aim the app at `fcm.endpoint`,
trusting `fcm.ca_file`. For a benchmark, `python -m tests.support.fake_fcm DIR` serves in its own
process, prints `port=N`, and answers `GET /_fake/stats` and `POST /_fake/reset`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import ssl
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h2.config
import h2.connection
import h2.events
import h2.exceptions
import h2.settings

from tests.support.tls import TlsFiles, make_loopback_certificate

FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
FAKE_TOKEN = "fake-access-token"
FAKE_PROJECT = "fake-expo-project"


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, Any]
    retry_after: str | None = None


def _error(
    code: int, status: str, message: str, fcm_code: str, *extra: dict[str, Any]
) -> dict[str, Any]:
    details = [{"@type": FCM_ERROR, "errorCode": fcm_code}, *extra]
    return {"error": {"code": code, "message": message, "status": status, "details": details}}


UNREGISTERED = Reply(
    404, _error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED")
)
INVALID_ARGUMENT = Reply(
    400,
    _error(
        400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token",
        "INVALID_ARGUMENT",
        {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [
            {"field": "message.token",
             "description": "The registration token is not a valid FCM registration token"}]},
    ),
)  # fmt: skip
SENDER_ID_MISMATCH = Reply(
    403, _error(403, "PERMISSION_DENIED", "SenderId mismatch", "SENDER_ID_MISMATCH")
)
UNAVAILABLE = Reply(
    503, _error(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE")
)


def quota_exceeded(retry_after_seconds: int) -> Reply:
    message = "Quota exceeded for quota metric 'Send requests' and limit 'Send requests per minute'"
    return Reply(
        429,
        _error(429, "RESOURCE_EXHAUSTED", message, "QUOTA_EXCEEDED"),
        retry_after=str(retry_after_seconds),
    )


@dataclass
class FakeFcm:
    tls: TlsFiles
    port: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)  # messages FCM accepted
    attempts: Counter[str] = field(default_factory=Counter)  # requests per token, any answer
    authorizations: set[str] = field(default_factory=set)
    protocols: set[str] = field(default_factory=set)  # ALPN of each connection
    scripts: dict[str, list[Reply]] = field(default_factory=dict)
    keep_messages: bool = True  # a benchmark keeps counts only
    # Past this many accepted messages, accept more but answer none of them, as if FCM took them
    # and the answers never came back: a sender killed then has a batch in flight. None: answer.
    silent_after: int | None = None
    accepted: int = 0
    _pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    _server: asyncio.Server | None = None
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)

    @property
    def endpoint(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> Path:
        return self.tls.ca_file

    def script(self, token: str, *replies: Reply) -> None:
        """Answer the next requests for `token` with these replies, then accept."""
        self.scripts[token] = list(replies)

    @property
    def open_connections(self) -> int:
        """Connections not yet closed; every request on a closed one has been answered or not."""
        return len(self._writers)

    def tokens(self) -> list[str]:
        """The device addresses (FIDs or legacy registration tokens) of accepted messages."""
        return [message.get("fid") or message["token"] for message in self.received]

    def duplicates(self) -> int:
        """Messages accepted more than once (same token and message id)."""
        return sum(count - 1 for count in self._pairs.values())

    def delivered_pairs(self) -> set[tuple[str, str]]:
        return set(self._pairs)

    def reset(self) -> None:
        self.received.clear()
        self.attempts.clear()
        self._pairs.clear()
        self.accepted = 0

    def stats(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "distinct": len(self._pairs),
            "duplicates": self.duplicates(),
            "requests": sum(self.attempts.values()),
            "protocols": sorted(self.protocols),
        }

    @classmethod
    @contextlib.asynccontextmanager
    async def running(cls, directory: Path) -> AsyncIterator[FakeFcm]:
        fake = cls(make_loopback_certificate(directory))
        await fake.start()
        try:
            yield fake
        finally:
            await fake.stop()

    async def start(self, port: int = 0) -> None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.tls.cert_file, self.tls.key_file)
        context.set_alpn_protocols(["h2"])
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", port, ssl=context)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.close()
            await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        ssl_object = writer.get_extra_info("ssl_object")
        self.protocols.add(str(ssl_object.selected_alpn_protocol() if ssl_object else None))
        config = h2.config.H2Configuration(client_side=False, header_encoding="utf-8")
        conn = h2.connection.H2Connection(config=config)
        conn.local_settings = h2.settings.Settings(
            client=False, initial_values={h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: 1000}
        )
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        requests: dict[int, tuple[dict[str, str], bytearray]] = {}
        try:
            while data := await reader.read(65536):
                for event in conn.receive_data(data):
                    self._on_event(conn, event, requests)
                writer.write(conn.data_to_send())
                await writer.drain()
        except (h2.exceptions.ProtocolError, ConnectionError, ssl.SSLError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError, ssl.SSLError):
                await writer.wait_closed()

    def _on_event(
        self,
        conn: h2.connection.H2Connection,
        event: h2.events.Event,
        requests: dict[int, tuple[dict[str, str], bytearray]],
    ) -> None:
        if isinstance(event, h2.events.RequestReceived) and event.stream_id is not None:
            requests[event.stream_id] = (dict(event.headers or []), bytearray())  # type: ignore[arg-type]
        elif isinstance(event, h2.events.DataReceived) and event.stream_id is not None:
            requests[event.stream_id][1].extend(event.data or b"")
            conn.acknowledge_received_data(event.flow_controlled_length or 0, event.stream_id)
        elif isinstance(event, h2.events.StreamEnded) and event.stream_id is not None:
            headers, body = requests.pop(event.stream_id)
            accepted_before = self.accepted
            reply = self._answer(headers, bytes(body))
            if self._silent(accepted_before):
                return
            response_headers = [(":status", str(reply.status)),
                                ("content-type", "application/json; charset=UTF-8")]  # fmt: skip
            if reply.retry_after is not None:
                response_headers.append(("retry-after", reply.retry_after))
            conn.send_headers(event.stream_id, response_headers)
            conn.send_data(event.stream_id, json.dumps(reply.body).encode(), end_stream=True)

    def _silent(self, accepted_before: int) -> bool:
        """This message was accepted past `silent_after`: it gets no answer."""
        limit = self.silent_after
        return limit is not None and self.accepted > max(accepted_before, limit)

    def _answer(self, headers: dict[str, str], body: bytes) -> Reply:
        path, method = headers.get(":path", ""), headers.get(":method", "")
        if path == "/_fake/stats":
            return Reply(200, dict(self.stats()))
        if path == "/_fake/reset" and method == "POST":
            self.reset()
            return Reply(200, {})
        if not (method == "POST" and path.endswith("/messages:send")):
            return Reply(
                404, {"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}}
            )
        self.authorizations.add(headers.get("authorization", ""))
        message = json.loads(body)["message"]
        token = message.get("fid") or message.get("token", "")
        self.attempts[token] += 1
        script = self.scripts.get(token)
        if script:
            return script.pop(0)
        self.accepted += 1
        self._pairs[(token, message.get("data", {}).get("messageId", ""))] += 1
        if self.keep_messages:
            self.received.append(message)
        project = path.split("/")[3] if path.count("/") >= 3 else FAKE_PROJECT
        return Reply(200, {"name": f"projects/{project}/messages/0:{self.accepted}"})


async def _serve_forever(directory: Path) -> None:
    fake = FakeFcm(make_loopback_certificate(directory), keep_messages=False)
    await fake.start()
    print(f"port={fake.port}", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the fake FCM endpoint until killed.")
    parser.add_argument("directory", type=Path, help="where its certificate files go")
    args = parser.parse_args()
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        runner = asyncio.run
    with contextlib.suppress(KeyboardInterrupt):
        runner(_serve_forever(args.directory))
    sys.exit(0)


if __name__ == "__main__":
    main()
