"""Fixtures for the notification tests: the loopback fake FCM and a recording gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from server.notifications.gateways.recording import RecordingGateway
from tests.support.fake_fcm import FakeFcm


@pytest.fixture
async def fake_fcm(tmp_path: Path) -> AsyncIterator[FakeFcm]:
    async with FakeFcm.running(tmp_path / "fcm") as fake:
        yield fake


@pytest.fixture
def recording() -> RecordingGateway:
    return RecordingGateway()
