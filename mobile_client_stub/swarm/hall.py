"""What the phones of a swarm share, as people in one hall do: the badges walking past a booth,
who is in the swarm with a live inbox, and the clock that times the notices between them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mobile_client_stub.swarm.notice_clock import NoticeClock


@dataclass(frozen=True)
class Badge:
    scan_code: str
    organization_id: str | None


@dataclass
class Hall:
    notices: NoticeClock
    badges: dict[str, Badge] = field(default_factory=dict)  # by person id, phones signed in
    live: set[str] = field(default_factory=set)  # person ids of phones with a live inbox

    def passer_by(self, rng: random.Random, scanner_id: str) -> str | None:
        """The scan code of someone walking past the scanner's booth: not the scanner, not a
        colleague (staff do not scan their own people)."""
        own = self.badges.get(scanner_id)
        organization = own.organization_id if own is not None else None
        strangers = [
            badge.scan_code
            for person_id, badge in self.badges.items()
            if person_id != scanner_id
            and (organization is None or badge.organization_id != organization)
        ]
        return rng.choice(strangers) if strangers else None

    def promised(self, person_id: str, label: str, subject: str, sent_at: float) -> None:
        """A change sent at `sent_at` promises `person_id` a notice; timed if they are live."""
        if person_id in self.live:
            self.notices.expect(person_id, label, subject, sent_at)

    def announced(self, announcement_id: str, sent_at: float) -> None:
        for person_id in self.live:
            self.notices.expect(person_id, "announcement", announcement_id, sent_at)
