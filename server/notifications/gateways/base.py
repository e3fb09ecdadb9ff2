"""The push gateway protocol: send a batch of messages, get one result per message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Protocol

from server.vocabulary import Platform

MAX_BATCH = 500  # FCM's limit for one send_each call


@dataclass(frozen=True)
class PushMessage:
    token: str
    platform: Platform
    title: str
    body: str
    data: Mapping[str, str]  # carries "messageId", so the app can drop a duplicate
    collapse_key: str | None = None
    ttl: timedelta | None = None  # time-bound notices are dropped by FCM after this
    high_priority: bool = False


class Outcome(Enum):
    SENT = "SENT"
    TOKEN_GONE = "TOKEN_GONE"  # UNREGISTERED or SENDER_ID_MISMATCH: forget the device
    REJECTED = "REJECTED"  # INVALID_ARGUMENT and other refusals that a retry cannot fix
    RETRY = "RETRY"  # 500, 503, network trouble: back off and try again
    QUOTA = "QUOTA"  # 429: wait for Retry-After (at least the configured minimum)

    @property
    def settles(self) -> bool:
        return self not in {Outcome.RETRY, Outcome.QUOTA}


@dataclass(frozen=True)
class PushResult:
    outcome: Outcome
    detail: str = ""
    retry_after_seconds: float | None = None


SENT = PushResult(Outcome.SENT)


class PushGateway(Protocol):
    async def send(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        """One result per message, in order; at most MAX_BATCH messages per call."""
        ...

    async def aclose(self) -> None: ...
