"""The test expo's people, signed in on demand, for communities, the board and projects."""

from __future__ import annotations

import pytest

from tests.support.graphql import GraphQLClient
from tests.support.meetings import Expo
from tests.support.world import World


@pytest.fixture
def expo(api: GraphQLClient, world: World) -> Expo:
    return Expo(api, world)
