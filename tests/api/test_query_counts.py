"""N+1 guards: a list of 1 and a list of 3 cost the same number of database commands."""

from __future__ import annotations

from pymongo.monitoring import (
    CommandFailedEvent,
    CommandListener,
    CommandStartedEvent,
    CommandSucceededEvent,
)

from server.config import Settings
from server.db.client import Database
from tests.support.clock import ManualClock
from tests.support.live import serve_app
from tests.support.meetings import FIRST_SLOT, SECOND_SLOT, Expo, at, open_meeting_grid
from tests.support.world import World

PEOPLE = """query($first: Int!) {
  people(first: $first) {
    edges { node { name email organization { name } interests { label } communities { name } } }
  }
}"""
SESSIONS = (
    "{ sessions { title bookmarked speakers { name organization { name } } interests { label } } }"
)


class CommandCounter(CommandListener):
    def __init__(self, database: str) -> None:
        self.database = database
        self.names: list[str] = []

    def started(self, event: CommandStartedEvent) -> None:
        if event.database_name == self.database:
            self.names.append(event.command_name)

    def succeeded(self, event: CommandSucceededEvent) -> None:
        pass

    def failed(self, event: CommandFailedEvent) -> None:
        pass


async def test_people_list_costs_the_same_commands_for_one_and_three(
    settings: Settings, clock: ManualClock, world: World
) -> None:
    counter = CommandCounter(settings.database_name)
    async with serve_app(settings, clock, [counter]) as app, app.client() as api:
        token = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
        costs = []
        for first in (1, 3):
            counter.names.clear()
            result = await api.data(PEOPLE, {"first": first}, token=token)
            assert len(result["people"]["edges"]) == first
            costs.append(list(counter.names))
    assert costs[0] == costs[1]
    # who is asking, the page, organizations, interests, communities, the viewer's connections
    assert len(costs[0]) == 6


async def test_agenda_costs_the_same_commands_whatever_its_length(
    settings: Settings, clock: ManualClock, world: World
) -> None:
    counter = CommandCounter(settings.database_name)
    async with serve_app(settings, clock, [counter]) as app, app.client() as api:
        token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
        sessions = app.services.db["agenda_sessions"]
        every_field_filled = {
            "speaker_ids": [world.ids["renee@city.example"], world.ids["ana@acme.example"]],
            "interest_ids": list(world.interest_ids.values()),
        }
        await sessions.update_many({}, {"$set": every_field_filled})
        counter.names.clear()
        await api.data(SESSIONS, token=token)
        three_sessions = list(counter.names)
        await sessions.delete_many({"_id": {"$ne": "s-keynote"}})
        counter.names.clear()
        await api.data(SESSIONS, token=token)
    assert three_sessions == counter.names
    # who is asking, sessions, bookmarks, speakers, their organizations, interests
    assert len(three_sessions) == 6


MY_MEETINGS = """{ myMeetings {
  status requester { name organization { name } } invitee { name email }
  awaitingResponseFrom { name } location { name } } }"""


async def test_my_meetings_cost_the_same_commands_for_one_and_three(
    settings: Settings, clock: ManualClock, world: World, db: Database
) -> None:
    await open_meeting_grid(db)
    counter = CommandCounter(settings.database_name)
    async with serve_app(settings, clock, [counter]) as app, app.client() as api:
        expo = Expo(api, world)
        await expo.booked("ana", "cara", FIRST_SLOT)
        costs = []
        for invitee, slot in (("dan", SECOND_SLOT), ("renee", at(12, 17, 40))):
            counter.names.clear()
            await api.data(MY_MEETINGS, token=await expo.token("ana"))
            costs.append(list(counter.names))
            await expo.booked("ana", invitee, slot)
        counter.names.clear()
        result = await api.data(MY_MEETINGS, token=await expo.token("ana"))
        costs.append(list(counter.names))
    assert len(result["myMeetings"]) == 3
    assert costs[0] == costs[2]
    # who is asking, the meetings, their people, organizations, places, the viewer's connections
    assert len(costs[0]) == 6


ANNOUNCEMENTS = """query($first: Int!) {
  announcements(first: $first) { title stats { targeted pushed failed read } }
}"""


async def test_announcements_cost_the_same_commands_for_one_and_three(
    settings: Settings, clock: ManualClock, world: World
) -> None:
    counter = CommandCounter(settings.database_name)
    async with serve_app(settings, clock, [counter]) as app, app.client() as api:
        token = await api.sign_in("olga@expo.example", world.code("olga@expo.example"))
        send = 'mutation($t: String!) { sendAnnouncement(input: {title: $t, body: "b"}) { id } }'
        for title in ("Hall B", "Raffle", "Lunch"):
            clock.advance(minutes=1)
            await api.data(send, {"t": title}, token=token)
        costs = []
        for first in (1, 3):
            counter.names.clear()
            result = await api.data(ANNOUNCEMENTS, {"first": first}, token=token)
            assert len(result["announcements"]) == first
            costs.append(list(counter.names))
    assert costs[0] == costs[1]
    # who is asking, the announcements, one aggregate of their reads
    assert costs[0] == ["find", "find", "aggregate"]
