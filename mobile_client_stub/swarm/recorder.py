"""What the swarm saw: every call's latency and outcome, and how long notices took to arrive."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from mobile_client_stub.swarm.notice_clock import NoticeClock

# Refusals a person at the expo meets and the app explains: the server working as designed.
# CONFLICT: a slot just taken, a request already waiting, a quota reached, a meeting answered or
# expired meanwhile; FORBIDDEN: an exhibitor asking someone who takes no vendor requests. Every
# other code is an error: the swarm builds its inputs itself (grid slots from AvailableSlots,
# people from Suggestions, badges of strangers in the hall, its own meetings), so BAD_USER_INPUT
# or NOT_FOUND means the client or the server is wrong.
REFUSALS = frozenset({"CONFLICT", "FORBIDDEN"})


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Recorder:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    refusals: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: Counter[tuple[str, str]] = field(default_factory=Counter)
    notices: NoticeClock = field(default_factory=NoticeClock)
    first_messages: dict[str, str] = field(default_factory=dict)  # error code -> first message

    def observe(self, operation: str, seconds: float, code: str | None) -> None:
        """A Phone's observer: one call done."""
        self.latencies[operation].append(seconds)
        if code in REFUSALS:
            self.refusals[operation, code] += 1
        elif code is not None:
            self.errors[operation, code] += 1

    def failure(self, action: str, error: BaseException) -> None:
        """Something no call reported: an answer the phone could not use, a crash."""
        self.errors[action, type(error).__name__] += 1
        self.noted(type(error).__name__, error)

    def noted(self, code: str, error: BaseException) -> None:
        """Keeps the first message of each kind of error, to show what went wrong."""
        if code not in REFUSALS:
            self.first_messages.setdefault(code, str(error)[:300])

    @property
    def calls(self) -> int:
        return sum(len(values) for values in self.latencies.values())

    def summary(self, operation: str) -> tuple[int, float, float, float]:
        """Calls, and p50, p95, p99 in seconds."""
        return _summary(self.latencies[operation])

    def notice_summary(self, label: str) -> tuple[int, float, float, float]:
        """Notices that arrived, and p50, p95, p99 of mutation-to-subscriber seconds."""
        return _summary(self.notices.latencies[label])


def _summary(values: list[float]) -> tuple[int, float, float, float]:
    ordered = sorted(values)
    p50, p95, p99 = (percentile(ordered, share) for share in (0.5, 0.95, 0.99))
    return len(ordered), p50, p95, p99
