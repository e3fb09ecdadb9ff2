"""The recording gateway, for tests: keeps every message and answers as scripted per token."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from server.notifications.gateways.base import SENT, Outcome, PushMessage, PushResult


@dataclass
class RecordingGateway:
    sent: list[PushMessage] = field(default_factory=list)
    batches: list[int] = field(default_factory=list)  # the size of each send call
    # token -> results to give, one per attempt; once used up, the token is sent
    scripts: dict[str, list[PushResult]] = field(default_factory=dict)

    def script(self, token: str, *results: PushResult) -> None:
        self.scripts[token] = list(results)

    async def send(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        self.batches.append(len(messages))
        results = []
        for message in messages:
            script = self.scripts.get(message.token)
            result = script.pop(0) if script else SENT
            if result.outcome is Outcome.SENT:
                self.sent.append(message)
            results.append(result)
        return results

    def tokens(self) -> list[str]:
        return [message.token for message in self.sent]

    async def aclose(self) -> None:
        return None
