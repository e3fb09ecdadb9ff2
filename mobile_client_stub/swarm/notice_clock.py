"""Notice latency, mutation to subscriber: when a phone sends a change that promises another
phone a notice, and when that notice reaches the other phone's live inbox, whichever is known
first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

# notice kind -> what the swarm measures
KIND_LABELS = {
    "MEETING_REQUEST": "meeting request",
    "MEETING_ACCEPTED": "meeting answer",
    "MEETING_DECLINED": "meeting answer",
    "ANNOUNCEMENT": "announcement",
}

Key = tuple[str, str, str]  # person id, label, meeting or announcement id


def notice_key(person_id: str, notice: dict[str, Any]) -> Key | None:
    label = KIND_LABELS.get(notice["kind"])
    subject = notice["meetingId"] or (notice["announcement"] or {}).get("id")
    return (person_id, label, subject) if label and subject else None


@dataclass
class NoticeClock:
    sent: dict[Key, float] = field(default_factory=dict)
    arrived: dict[Key, float] = field(default_factory=dict)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def expect(self, person_id: str, label: str, subject: str, sent_at: float) -> None:
        """A change was sent at `sent_at` that promises `person_id` a notice."""
        key = (person_id, label, subject)
        self.sent[key] = sent_at
        if key in self.arrived:
            self.latencies[label].append(self.arrived[key] - sent_at)

    def arrive(self, person_id: str, notice: dict[str, Any], arrived_at: float) -> None:
        key = notice_key(person_id, notice)
        if key is None or key in self.arrived:
            return
        self.arrived[key] = arrived_at
        if key in self.sent:
            self.latencies[key[1]].append(arrived_at - self.sent[key])

    def expected(self, label: str) -> int:
        return sum(1 for key in self.sent if key[1] == label)

    def labels(self) -> list[str]:
        return sorted({key[1] for key in self.sent})
