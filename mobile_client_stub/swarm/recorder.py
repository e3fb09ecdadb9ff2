"""What the swarm saw: every call's latency and outcome, and how long notices took to arrive."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# Refusals a person at the expo meets and the app explains (a slot just taken, a quota, a
# colleague's badge): the server working as designed, not failing.
REFUSALS = frozenset({"CONFLICT", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT"})


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
    notice_latencies: list[float] = field(default_factory=list)
    notices_missed: int = 0

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

    @property
    def calls(self) -> int:
        return sum(len(values) for values in self.latencies.values())

    def summary(self, operation: str) -> tuple[int, float, float, float]:
        """Calls, and p50, p95, p99 in seconds."""
        ordered = sorted(self.latencies[operation])
        p50, p95, p99 = (percentile(ordered, share) for share in (0.5, 0.95, 0.99))
        return len(ordered), p50, p95, p99
