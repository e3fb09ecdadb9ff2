"""An expo with meeting hours and three tables, its people ready to sign in."""

from __future__ import annotations

import pytest

from server.db.client import Database
from tests.support.graphql import GraphQLClient
from tests.support.meetings import Expo, open_meeting_grid
from tests.support.world import World


@pytest.fixture
async def expo(api: GraphQLClient, world: World, db: Database) -> Expo:
    await open_meeting_grid(db)
    return Expo(api, world)
