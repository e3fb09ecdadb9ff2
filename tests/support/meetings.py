"""Meeting hours and tables for a test's expo, and the GraphQL operations on meetings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from server.db.client import Database
from server.db.collections import EVENTS, LOCATIONS
from tests.support.graphql import GraphQLClient
from tests.support.world import World


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 4, day, hour, minute, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat()


# 10:00-12:00 and 14:00-16:00 in Henderson (UTC-7) on the first day, 10:00-12:00 on the second;
# the test clock starts at 09:00 local on the first day.
MEETING_HOURS = [(at(12, 17), at(12, 19)), (at(12, 21), at(12, 23)), (at(13, 17), at(13, 19))]
FIRST_SLOT, SECOND_SLOT = at(12, 17), at(12, 17, 20)


async def open_meeting_grid(db: Database, tables: int = 3) -> None:
    hours = [{"starts_at": start, "ends_at": end} for start, end in MEETING_HOURS]
    await db[EVENTS.name].update_one({}, {"$set": {"meeting_hours": hours, "slot_minutes": 20}})
    if tables:
        await db[LOCATIONS.name].insert_many(
            [
                {"_id": f"T{n:02}", "name": f"Table {n}", "kind": "TABLE"}
                for n in range(1, tables + 1)
            ]
        )


MEETING_FIELDS = """id status startsAt endsAt message source expiresAt cancelReason
  requester { name } invitee { name } awaitingResponseFrom { name } location { id }"""
REQUEST = f"""mutation($input: MeetingRequestInput!) {{
  requestMeeting(input: $input) {{ {MEETING_FIELDS} }}
}}"""
RESPOND = f"""mutation($id: ID!, $accept: Boolean!) {{
  respondToMeeting(meetingId: $id, accept: $accept) {{ {MEETING_FIELDS} }}
}}"""
CANCEL = f"""mutation($id: ID!, $reason: String) {{
  cancelMeeting(meetingId: $id, reason: $reason) {{ {MEETING_FIELDS} }}
}}"""
PROPOSE = f"""mutation($id: ID!, $startsAt: DateTime!) {{
  proposeNewTime(meetingId: $id, startsAt: $startsAt) {{ {MEETING_FIELDS} }}
}}"""
MY_MEETINGS = f"""query($status: [MeetingStatus!]) {{
  myMeetings(status: $status) {{ {MEETING_FIELDS} }}
}}"""
AVAILABLE = "query($id: ID!) { availableSlots(withPersonId: $id) { startsAt endsAt } }"


class Expo:
    """The test's people signed in, and short ways to act as them."""

    def __init__(self, api: GraphQLClient, world: World) -> None:
        self.api = api
        self.world = world
        self.tokens: dict[str, str] = {}

    async def token(self, name: str) -> str:
        email = self.email(name)
        if email not in self.tokens:
            self.tokens[email] = await self.api.sign_in(email, self.world.code(email))
        return self.tokens[email]

    def email(self, name: str) -> str:
        return next(email for email in self.world.ids if email.startswith(name + "@"))

    def id(self, name: str) -> str:
        return self.world.ids[self.email(name)]

    async def run(self, name: str, query: str, **variables: Any) -> dict[str, Any]:
        return await self.api.execute(query, variables, token=await self.token(name))

    async def data(self, name: str, query: str, **variables: Any) -> dict[str, Any]:
        return await self.api.data(query, variables, token=await self.token(name))

    async def request(
        self, requester: str, invitee: str, starts_at: datetime, message: str | None = None
    ) -> dict[str, Any]:
        variables = {"inviteeId": self.id(invitee), "startsAt": iso(starts_at), "message": message}
        return await self.run(requester, REQUEST, input=variables)

    async def booked(
        self, requester: str, invitee: str, starts_at: datetime, message: str | None = None
    ) -> dict[str, Any]:
        """A request that must succeed."""
        result = await self.request(requester, invitee, starts_at, message)
        assert "errors" not in result, result
        meeting: dict[str, Any] = result["data"]["requestMeeting"]
        return meeting


def error_of(result: dict[str, Any]) -> dict[str, Any]:
    """The code and extensions of the only error of a result."""
    [error] = result["errors"]
    extensions: dict[str, Any] = error["extensions"]
    return extensions


SET_HOURS = """mutation($hours: [TimeRangeInput!]!, $minutes: Int! = 20) {
  setMeetingHours(hours: $hours, slotMinutes: $minutes) {
    moved { id startsAt location { id } } cancelled { id cancelReason }
  }
}"""
PREFERENCES = """mutation($input: MeetingPreferencesInput!) {
  updateMeetingPreferences(input: $input) { acceptsVendorRequests bookmarksBlockMeetings }
}"""
RULES = """mutation($input: MeetingRulesInput!) {
  updateMeetingRules(input: $input) { requestTtlHours maxPendingRequests maxMeetingsPerDay }
}"""
