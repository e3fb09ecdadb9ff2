"""The log gateway: the default without Firebase credentials, so `make run` works offline."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from server.notifications.gateways.base import SENT, PushMessage, PushResult

log = logging.getLogger("server.push")


class LogGateway:
    """Writes each push to the log instead of sending it; every push counts as sent."""

    async def send(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        for message in messages:
            log.info(
                "push to %s…%s (%s): %s — %s",
                message.token[:6], message.token[-4:], message.platform.value,
                message.title, message.body,
            )  # fmt: skip
        return [SENT for _ in messages]

    async def aclose(self) -> None:
        return None
