"""When to try a push again: exponential backoff with jitter; FCM's 429 waits longer."""

from __future__ import annotations

import random

from server.config import Settings


def backoff_seconds(attempt: int, settings: Settings, rng: random.Random) -> float:
    """Attempt 1 waits up to the base, each later one up to twice as long, capped."""
    ceiling = min(
        settings.push_retry_max_seconds, settings.push_retry_base_seconds * 2 ** (attempt - 1)
    )
    return max(1.0, rng.uniform(ceiling / 2, ceiling))


def retry_delay_seconds(
    attempt: int, settings: Settings, rng: random.Random, retry_after: float | None
) -> float:
    """500/503: backoff, or Retry-After when the server asks for longer."""
    return max(backoff_seconds(attempt, settings, rng), retry_after or 0.0)


def quota_wait_seconds(settings: Settings, retry_after: float | None) -> float:
    """429 (quota): Retry-After, and never less than the configured minimum (firebase-admin
    does not retry it)."""
    return max(retry_after or 0.0, settings.push_quota_wait_seconds)
