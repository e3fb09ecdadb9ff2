"""Every action a meeting's status does not allow is CONFLICT (WRONG_STATE) with that status:
in the state machine itself, and through the API for each status a meeting can reach."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from server.errors import Conflict
from server.services.meetings.states import TRANSITIONS, Action, next_status
from server.vocabulary import MeetingStatus
from tests.support.clock import ManualClock
from tests.support.meetings import CANCEL, PROPOSE, RESPOND, RULES, Expo, at, error_of, iso

NOW = datetime(2027, 4, 12, 16, tzinfo=UTC)
REFUSED = [
    (status, action)
    for status in MeetingStatus
    for action in Action
    if (status, action) not in TRANSITIONS
]
API_ACTIONS = (Action.ACCEPT, Action.DECLINE, Action.CANCEL, Action.PROPOSE_TIME)
SLOT, OTHER_SLOT = at(13, 17), at(13, 17, 20)


def test_every_refused_pair_is_counted() -> None:
    assert len(REFUSED) == len(MeetingStatus) * len(Action) - len(TRANSITIONS) == 21


@pytest.mark.parametrize(("status", "action"), REFUSED, ids=lambda x: x.value)
def test_the_state_machine_refuses_with_the_current_status(
    status: MeetingStatus, action: Action
) -> None:
    meeting = {"status": status.value, "expires_at": SLOT, "starts_at": SLOT}
    with pytest.raises(Conflict) as refused:
        next_status(meeting, action, NOW)
    assert refused.value.extensions == {"reason": "WRONG_STATE", "status": status.value}


async def _meeting_in(expo: Expo, clock: ManualClock, status: MeetingStatus) -> str:
    """Ana's request to Cara, taken to `status` the way people (and time) take it there."""
    await expo.data("olga", RULES, input={"requestTtlHours": 1})
    meeting_id: str = (await expo.booked("ana", "cara", SLOT))["id"]
    if status is MeetingStatus.ACCEPTED:
        await expo.data("cara", RESPOND, id=meeting_id, accept=True)
    elif status is MeetingStatus.DECLINED:
        await expo.data("cara", RESPOND, id=meeting_id, accept=False)
    elif status is MeetingStatus.CANCELLED:
        await expo.data("ana", CANCEL, id=meeting_id)
    elif status is MeetingStatus.EXPIRED:
        clock.advance(hours=1)
    return meeting_id


async def _act(expo: Expo, action: Action, meeting_id: str) -> dict[str, Any]:
    if action in (Action.ACCEPT, Action.DECLINE):
        return await expo.run("cara", RESPOND, id=meeting_id, accept=action is Action.ACCEPT)
    if action is Action.CANCEL:
        return await expo.run("ana", CANCEL, id=meeting_id)
    return await expo.run("ana", PROPOSE, id=meeting_id, startsAt=iso(OTHER_SLOT))


@pytest.mark.parametrize(
    ("status", "action"),
    [(status, action) for status, action in REFUSED if action in API_ACTIONS],
    ids=lambda x: x.value,
)
async def test_an_action_the_status_does_not_allow_is_wrong_state(
    expo: Expo, clock: ManualClock, status: MeetingStatus, action: Action
) -> None:
    meeting_id = await _meeting_in(expo, clock, status)
    result = await _act(expo, action, meeting_id)
    assert error_of(result) == {"code": "CONFLICT", "reason": "WRONG_STATE", "status": status.value}
    [meeting] = (await expo.data("ana", "{ myMeetings { id status } }"))["myMeetings"]
    assert meeting == {"id": meeting_id, "status": status.value}  # unchanged
