"""Fixtures for the notification tests."""

from __future__ import annotations

import pytest

from server.notifications.gateways.recording import RecordingGateway


@pytest.fixture
def recording() -> RecordingGateway:
    return RecordingGateway()
