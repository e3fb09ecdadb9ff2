"""The mobile client stub against `python -m server serve` in a child process: every journey,
the demo command run again, and a tiny swarm."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator

import pytest

from mobile_client_stub.journeys.demo import run_demo
from mobile_client_stub.swarm.plan import SwarmPlan
from mobile_client_stub.swarm.run import run_swarm
from server.db.embedded import free_loopback_port
from tests.support.served import Served, serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data_dir, port = tmp_path_factory.mktemp("stub-server"), free_loopback_port()
    with serving(data_dir, port) as server:
        yield server


async def test_demo_plays_every_journey(served: Served) -> None:
    demo = await run_demo(served.url, io.StringIO(), served.env)
    assert (demo.attendee.device["platform"], demo.attendee.device["appVersion"]) == (
        "ANDROID", "stub-1.0",
    )  # fmt: skip
    meeting = demo.attendee.meeting
    assert (meeting["status"], meeting["requester"]["name"], meeting["invitee"]["name"]) == (
        "ACCEPTED", "Jordan Reyes", "Priya Raman",
    )  # fmt: skip
    assert f"UID:meeting-{meeting['id']}@" in demo.attendee.calendar
    notice = demo.attendee.answer_notice  # live, over the subscription, as Priya accepted
    assert notice is not None
    assert (notice["kind"], notice["meetingId"]) == ("MEETING_ACCEPTED", meeting["id"])
    assert [reason["kind"] for reason in demo.attendee.suggestions[0]["reasons"]] != []
    lead = demo.exhibitor.lead
    assert (lead["person"]["name"], sorted(lead["sources"])) == (
        "Jordan Reyes", ["BADGE_SCAN", "MEETING"],
    )  # fmt: skip
    assert "Jordan Reyes" in demo.exhibitor.leads_csv
    organizer = demo.organizer
    assert organizer.imported == "3 created, 0 updated, 0 rows with errors"
    assert organizer.run["status"] == "DONE"
    assert all(count > 0 for count in organizer.walk_in_suggestions)
    pairs = {
        frozenset({booked["requester"]["name"], booked["invitee"]["name"]})
        for booked in organizer.schedule["meetings"]
    }
    assert frozenset({"Marisol Vega", "Kwame Mensah"}) in pairs
    announcement = organizer.announcement
    assert (announcement["status"], announcement["audience"]["interestIds"]) == (
        "SENT", ["device-cybersecurity"],
    )  # fmt: skip
    stats = announcement["stats"]
    # the attendee is in the segment, with a registered phone, and read it from the live inbox
    assert (stats["pushed"] >= 1, stats["failed"], stats["read"]) == (True, 0, 1)
    assert stats["targeted"] >= 1
    assert demo.transcript[-1].endswith("so the demo can run again")


def test_demo_command_runs_again_after_a_demo(served: Served) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mobile_client_stub", "demo", "--url", served.url],
        env=served.env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert "== Exhibitor: Priya Raman at the booth ==" in done.stdout
    assert "accepts Jordan Reyes's request: ACCEPTED" in done.stdout


async def test_a_tiny_swarm_reports_every_operation_without_errors(served: Served) -> None:
    plan = SwarmPlan(served.url, phones=3, minutes=0.1, think_seconds=0.5)
    report = await run_swarm(plan, io.StringIO(), served.env)
    assert (report.phones_signed_in, report.error_count) == (3, 0)
    assert {"SignIn", "Me", "RegisterDevice", "SendAnnouncement"} <= set(report.recorder.latencies)
    assert report.recorder.calls > 6
    # one announcement to everyone, as the last phone starts: each live phone times its notice
    arrived, *_ = report.recorder.notice_summary("announcement")
    assert (report.recorder.notices.expected("announcement"), arrived) == (3, 3)
    assert any(line.lstrip().startswith("operation") for line in report.lines())
