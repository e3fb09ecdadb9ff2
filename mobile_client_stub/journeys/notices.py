"""The phone's side of notifications: registering for push, going live, and waiting for the
notice that a meeting was answered or an announcement sent."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from mobile_client_stub.live import Notice
from mobile_client_stub.phone import Phone
from mobile_client_stub.transcript import Transcript

ANSWER_KINDS = {"MEETING_ACCEPTED", "MEETING_DECLINED"}
ANSWER_NOTICE_SECONDS = 5.0
ANNOUNCEMENT_NOTICE_SECONDS = 15.0


def device_token(email: str) -> str:
    """A stand-in for the app's Firebase installation ID: the same phone keeps the same one."""
    return "stub-fid-" + hashlib.sha256(email.encode()).hexdigest()[:22]


async def register_phone(phone: Phone, transcript: Transcript | None = None) -> dict[str, Any]:
    """Registers the phone for push, as the app does at every start, and opens its live inbox."""
    assert phone.credentials is not None
    device: dict[str, Any] = (
        await phone.call(
            "RegisterDevice",
            token=device_token(phone.credentials.email),
            platform="ANDROID",
            appVersion="stub-1.0",
        )
    )["registerDevice"]
    phone.go_live()
    if transcript is not None:
        transcript.step(f"registers this {device['platform']} phone for push "
                        "and opens its live inbox (the notifications subscription)")  # fmt: skip
    return device


async def receive_answer_notice(
    phone: Phone, transcript: Transcript, meeting: dict[str, Any], answered_at: float
) -> Notice | None:
    """The live notice that the other person answered; None if none came in time."""
    assert phone.inbox is not None, "register the phone first"
    notice = await phone.inbox.wait_for(
        lambda notice: notice["meetingId"] == meeting["id"] and notice["kind"] in ANSWER_KINDS,
        ANSWER_NOTICE_SECONDS,
    )
    if notice is None:
        transcript.step(f"no live notice of the answer arrived within {ANSWER_NOTICE_SECONDS:g} s")
        return None
    after = (phone.inbox.arrival_of(notice["id"]) - answered_at) * 1000
    transcript.step(f"the phone shows it live, {after:.0f} ms after the answer: "
                    f"\"{notice['title']}\": {notice['body']}")  # fmt: skip
    return notice


async def read_announcement(
    phone: Phone, transcript: Transcript, announcement: dict[str, Any], sent_at: float
) -> Notice | None:
    """Waits for the announcement's live notice, opens it, and marks it read."""
    assert phone.inbox is not None, "register the phone first"
    notice = await phone.inbox.wait_for(
        lambda notice: (notice["announcement"] or {}).get("id") == announcement["id"],
        ANNOUNCEMENT_NOTICE_SECONDS,
    )
    name = phone.person["name"] if phone.person else "the attendee"
    if notice is None:
        transcript.step(f"{name}'s phone got no live notice of it within "
                        f"{ANNOUNCEMENT_NOTICE_SECONDS:g} s")  # fmt: skip
        return None
    after = (phone.inbox.arrival_of(notice["id"]) - sent_at) * 1000
    await phone.call("MarkNotificationsRead", ids=[notice["id"]])
    transcript.step(f"{name}'s phone shows it live, {after:.0f} ms after it was sent; "
                    "opened, it is marked read")  # fmt: skip
    return notice


def now() -> float:
    """The clock notice latencies are measured with (the same as LiveInbox's arrivals)."""
    return time.perf_counter()
