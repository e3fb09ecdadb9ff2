"""Notice latency runs from the change to the live inbox, whichever is known first."""

from __future__ import annotations

from mobile_client_stub.swarm.notice_clock import NoticeClock


def _notice(kind: str, meeting_id: str | None = None, announcement_id: str | None = None) -> dict:
    announcement = {"id": announcement_id} if announcement_id else None
    return {"kind": kind, "meetingId": meeting_id, "announcement": announcement}


def test_latency_counts_whether_the_change_or_the_notice_is_known_first() -> None:
    clock = NoticeClock()
    clock.expect("p1", "meeting request", "m1", sent_at=10.0)
    clock.arrive("p1", _notice("MEETING_REQUEST", meeting_id="m1"), arrived_at=10.25)
    clock.arrive("p2", _notice("ANNOUNCEMENT", announcement_id="a1"), arrived_at=11.5)
    clock.expect("p2", "announcement", "a1", sent_at=11.0)
    clock.expect("p3", "announcement", "a1", sent_at=11.0)  # never arrives
    assert dict(clock.latencies) == {"meeting request": [0.25], "announcement": [0.5]}
    assert (clock.expected("announcement"), clock.labels()) == (
        2,
        ["announcement", "meeting request"],
    )


def test_a_notice_nobody_timed_or_a_repeat_is_not_counted() -> None:
    clock = NoticeClock()
    clock.arrive("p1", _notice("NEW_SUGGESTIONS"), arrived_at=1.0)
    clock.expect("p1", "meeting answer", "m1", sent_at=1.0)
    clock.arrive("p1", _notice("MEETING_ACCEPTED", meeting_id="m1"), arrived_at=2.0)
    clock.arrive("p1", _notice("MEETING_ACCEPTED", meeting_id="m1"), arrived_at=3.0)
    assert dict(clock.latencies) == {"meeting answer": [1.0]}
