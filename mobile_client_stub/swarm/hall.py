"""What the phones of a swarm share, as people in one hall do: the badges walking past a booth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Hall:
    badges: list[str] = field(default_factory=list)  # scan codes of the phones signed in

    def passer_by(self, rng: random.Random) -> str | None:
        return rng.choice(self.badges) if self.badges else None
