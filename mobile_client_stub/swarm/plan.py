"""What a swarm run may do: how many phones, for how long, how often each acts. Checked before
any traffic is sent."""

from __future__ import annotations

from dataclasses import dataclass

from mobile_client_stub.loopback import require_loopback

MAX_PHONES = 2000
MAX_MINUTES = 30.0
MAX_RAMP_SECONDS = 30.0


@dataclass(frozen=True)
class SwarmPlan:
    url: str
    phones: int
    minutes: float
    think_seconds: float = 5.0  # mean pause between one phone's actions
    seed: int = 7

    def __post_init__(self) -> None:
        require_loopback(self.url)
        if not 1 <= self.phones <= MAX_PHONES:
            raise ValueError(f"--phones must be between 1 and {MAX_PHONES}")
        if not 0 < self.minutes <= MAX_MINUTES:
            raise ValueError(f"--minutes must be more than 0 and at most {MAX_MINUTES:g}")
        if not 0 < self.think_seconds <= 600:
            raise ValueError("--think-seconds must be more than 0 and at most 600")

    @property
    def seconds(self) -> float:
        return self.minutes * 60

    @property
    def ramp_seconds(self) -> float:
        """Phones start spread over this long, as people come through the doors."""
        return min(MAX_RAMP_SECONDS, self.seconds / 4)
