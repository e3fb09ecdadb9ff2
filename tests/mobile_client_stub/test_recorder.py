"""The swarm's bookkeeping: nearest-rank percentiles, refusals apart from errors, and the
codes that count as each."""

from __future__ import annotations

from collections import Counter

import pytest

from mobile_client_stub.swarm.recorder import Recorder, percentile


def test_percentiles_are_nearest_rank() -> None:
    ordered = [float(n) for n in range(1, 101)]
    assert [percentile(ordered, share) for share in (0.5, 0.95, 0.99, 1.0)] == [50, 95, 99, 100]
    assert percentile([0.25], 0.99) == 0.25


def test_refusals_are_kept_apart_from_errors() -> None:
    recorder = Recorder()
    recorder.observe("RequestMeeting", 0.02, None)
    recorder.observe("RequestMeeting", 0.03, "CONFLICT")
    recorder.observe("Suggestions", 0.5, "INTERNAL")
    recorder.observe("Suggestions", 30.0, "TRANSPORT")
    recorder.failure("ask_to_meet", KeyError("slots"))
    assert recorder.refusals == Counter({("RequestMeeting", "CONFLICT"): 1})
    assert recorder.errors == Counter(
        {("Suggestions", "INTERNAL"): 1, ("Suggestions", "TRANSPORT"): 1,
         ("ask_to_meet", "KeyError"): 1}
    )  # fmt: skip
    assert recorder.calls == 4
    assert recorder.summary("RequestMeeting") == (2, 0.02, 0.03, 0.03)


@pytest.mark.parametrize(
    ("code", "refusal"),
    [
        ("CONFLICT", True),  # a slot just taken, a request already waiting, a quota
        ("FORBIDDEN", True),  # the vendor rule
        ("BAD_USER_INPUT", False),  # the swarm builds its inputs itself
        ("NOT_FOUND", False),  # only people suggested, badges in the hall, its own meetings
        ("UNAUTHENTICATED", False),  # the phone signs in again; one that surfaces is wrong
        ("RATE_LIMITED", False),
        ("INTERNAL", False),
        ("TIMEOUT", False),
        ("TRANSPORT", False),
    ],
)
def test_only_the_expos_rules_saying_no_are_refusals(code: str, refusal: bool) -> None:
    recorder = Recorder()
    recorder.observe("RequestMeeting", 0.02, code)
    recorder.noted(code, RuntimeError(f"RequestMeeting: {code}: why"))
    counted = Counter({("RequestMeeting", code): 1})
    assert (recorder.refusals, recorder.errors) == (
        (counted, Counter()) if refusal else (Counter(), counted)
    )
    assert recorder.first_messages == ({} if refusal else {code: f"RequestMeeting: {code}: why"})
