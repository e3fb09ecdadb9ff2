"""The FCM gateway: firebase-admin's `send_each_async` over HTTP/2, results mapped per token."""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import firebase_admin
from firebase_admin import exceptions, messaging

from server.config import FCM_DEFAULT_ENDPOINT
from server.notifications.gateways.base import (
    MAX_BATCH,
    SENT,
    Outcome,
    PushMessage,
    PushResult,
)

_TOKEN_GONE = (messaging.UnregisteredError, messaging.SenderIdMismatchError)
_REJECTED = (
    exceptions.InvalidArgumentError,
    exceptions.FailedPreconditionError,
    exceptions.OutOfRangeError,
)


class FcmGateway:
    """Sends through the Firebase app of this process; `endpoint` and `ca_file` aim it at
    another FCM HTTP v1 server (a private gateway, or the loopback fake of the tests)."""

    def __init__(
        self,
        app: firebase_admin.App,
        endpoint: str = FCM_DEFAULT_ENDPOINT,
        ca_file: Path | None = None,
    ) -> None:
        self._app = app
        self._endpoint = endpoint
        self._ca_file = ca_file
        self._service: Any = None  # made on first use: a missing credential shows as a retry

    async def send(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        if len(messages) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} messages per call")
        if not messages:
            return []
        if self._service is None:
            self._service = messaging_service(self._app, self._endpoint, self._ca_file)
        batch = await messaging.send_each_async(
            [fcm_message(message) for message in messages], app=self._app
        )
        return [
            SENT if response.success else _failure(response.exception)
            for response in batch.responses
        ]

    async def aclose(self) -> None:
        # firebase-admin closes this client with asyncio.run() when its app is deleted, which
        # cannot run inside the event loop that opened it: close it here, in that loop.
        if self._service is not None:
            await self._service._async_client.aclose()


@contextmanager
def _trusting(ca_file: Path | None) -> Iterator[None]:
    """httpx reads SSL_CERT_FILE when firebase-admin builds its transport, and only then."""
    if ca_file is None:
        yield
        return
    previous = os.environ.get("SSL_CERT_FILE")
    os.environ["SSL_CERT_FILE"] = str(ca_file)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SSL_CERT_FILE"]
        else:
            os.environ["SSL_CERT_FILE"] = previous


def messaging_service(app: firebase_admin.App, endpoint: str, ca_file: Path | None) -> Any:
    """firebase-admin's messaging service for `app`, created now, aimed at `endpoint`.

    The service reads the class attribute `FCM_URL` once, when it is created for an app; the
    attribute is put back at once, so other apps in the process keep the real endpoint.
    """
    service_class = messaging._MessagingService
    default_url = service_class.FCM_URL
    service_class.FCM_URL = endpoint.rstrip("/") + "/v1/projects/{0}/messages:send"
    try:
        with _trusting(ca_file):
            return messaging._get_messaging_service(app)
    finally:
        service_class.FCM_URL = default_url


def is_legacy_registration_token(address: str) -> bool:
    """FCM registration tokens read "<installation id>:<token>"; a Firebase installation ID
    (FID), which FCM now prefers as the target, has no colon."""
    return ":" in address


def _target(address: str) -> dict[str, str]:
    return {"token": address} if is_legacy_registration_token(address) else {"fid": address}


def fcm_message(message: PushMessage) -> messaging.Message:
    ttl = message.ttl
    apns_headers = {"apns-priority": "10" if message.high_priority else "5"}
    if message.collapse_key:
        apns_headers["apns-collapse-id"] = message.collapse_key[:64]
    if ttl is not None:
        apns_headers["apns-expiration"] = str(int(time.time() + ttl.total_seconds()))
    if not is_legacy_registration_token(message.token):
        return _build_message(message, ttl, apns_headers)
    with warnings.catch_warnings():
        # firebase-admin deprecates `token` for FIDs; FCM still takes the registration tokens
        # that apps built before FIDs registered, so those are sent by `token`, knowingly.
        warnings.simplefilter("ignore", DeprecationWarning)
        return _build_message(message, ttl, apns_headers)


def _build_message(
    message: PushMessage, ttl: timedelta | None, apns_headers: dict[str, str]
) -> messaging.Message:
    return messaging.Message(
        **_target(message.token),
        notification=messaging.Notification(title=message.title, body=message.body),
        data=dict(message.data),
        android=messaging.AndroidConfig(
            collapse_key=message.collapse_key,
            ttl=ttl,
            priority="high" if message.high_priority else "normal",
        ),
        apns=messaging.APNSConfig(headers=apns_headers),
        webpush=messaging.WebpushConfig(headers={"TTL": str(int(ttl.total_seconds()))})
        if ttl is not None
        else None,
    )


def _failure(error: Exception) -> PushResult:
    detail = getattr(error, "code", type(error).__name__)
    if isinstance(error, _TOKEN_GONE):
        return PushResult(Outcome.TOKEN_GONE, _fcm_code(error) or detail)
    if isinstance(error, _REJECTED):
        return PushResult(Outcome.REJECTED, _fcm_code(error) or detail)
    retry_after = _retry_after(error)
    if isinstance(error, exceptions.ResourceExhaustedError):
        return PushResult(Outcome.QUOTA, _fcm_code(error) or detail, retry_after)
    return PushResult(Outcome.RETRY, _fcm_code(error) or detail, retry_after)


def _fcm_code(error: Exception) -> str | None:
    """The errorCode of FCM's error details (UNREGISTERED, QUOTA_EXCEEDED, ...), when sent."""
    response = getattr(error, "http_response", None)
    if response is None:
        return None
    try:
        details = response.json().get("error", {}).get("details", [])
    except ValueError:
        return None
    for detail in details:
        if isinstance(detail, dict) and detail.get("errorCode"):
            return str(detail["errorCode"])
    return None


def _retry_after(error: Exception) -> float | None:
    response = getattr(error, "http_response", None)
    value = response.headers.get("Retry-After") if response is not None else None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: the configured minimum wait applies
