"""The organizer's announcement to one segment of the event, and its delivery statistics."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from mobile_client_stub.journeys.notices import now
from mobile_client_stub.phone import Phone
from mobile_client_stub.transcript import Transcript

SEGMENT = {"interestIds": ["device-cybersecurity"]}
SEGMENT_NAME = "people interested in medical device cybersecurity"
ANNOUNCEMENT = {
    "title": "Cybersecurity roundtable moved",
    "body": "Today's device cybersecurity roundtable is now in Room 3 at 14:00.",
    "audience": SEGMENT,
}
DELIVERY_WAIT_SECONDS = 20.0


async def announce_to_a_segment(
    phone: Phone,
    transcript: Transcript,
    audience_reacts: Callable[[dict[str, Any], float], Awaitable[int]],
) -> dict[str, Any]:
    sent_at = now()
    sent: dict[str, Any] = (await phone.call("SendAnnouncement", input=ANNOUNCEMENT))[
        "sendAnnouncement"
    ]
    targeted = sent["stats"]["targeted"]
    audience = "1 person" if targeted == 1 else f"{targeted} people"
    transcript.step(f"announces \"{sent['title']}\" to {SEGMENT_NAME}: {sent['status']}, "
                    f"{audience} targeted")  # fmt: skip
    readers = await audience_reacts(sent, sent_at)
    delivered = await read_statistics(phone, sent["id"], readers)
    stats = delivered["stats"]
    transcript.step(f"reads its delivery: {stats['targeted']} targeted, {stats['pushed']} "
                    f"pushed, {stats['failed']} failed, {stats['read']} read")  # fmt: skip
    return delivered


async def read_statistics(phone: Phone, announcement_id: str, readers: int) -> dict[str, Any]:
    """The announcement once its pushes are settled and its readers counted (or the wait ends)."""
    deadline = asyncio.get_running_loop().time() + DELIVERY_WAIT_SECONDS
    while True:
        announcement: dict[str, Any] = (await phone.call("Announcement", id=announcement_id))[
            "announcement"
        ]
        stats = announcement["stats"]
        settled = stats["pushed"] + stats["failed"] > 0 and stats["read"] >= readers
        if settled or asyncio.get_running_loop().time() > deadline:
            return announcement
        await asyncio.sleep(0.5)
