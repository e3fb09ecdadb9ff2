"""The hall the swarm's phones share: booth staff scan the badges of strangers walking past,
never their own or a colleague's (which the server refuses as bad input)."""

from __future__ import annotations

import random

from mobile_client_stub.swarm.hall import Badge, Hall
from mobile_client_stub.swarm.notice_clock import NoticeClock


def test_staff_scan_only_strangers_badges() -> None:
    hall = Hall(NoticeClock())
    hall.badges = {
        "priya": Badge("S-PRIYA", "halcyon"),
        "omar": Badge("S-OMAR", "halcyon"),
        "lena": Badge("S-LENA", "keystone"),
        "jordan": Badge("S-JORDAN", None),
    }
    rng = random.Random(7)
    scanned = {hall.passer_by(rng, "priya") for _ in range(200)}
    assert scanned == {"S-LENA", "S-JORDAN"}


def test_no_stranger_in_the_hall_means_no_scan() -> None:
    hall = Hall(NoticeClock())
    hall.badges = {"priya": Badge("S-PRIYA", "halcyon"), "omar": Badge("S-OMAR", "halcyon")}
    assert hall.passer_by(random.Random(7), "priya") is None
