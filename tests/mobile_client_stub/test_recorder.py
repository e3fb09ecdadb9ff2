"""The swarm's bookkeeping: nearest-rank percentiles, refusals apart from errors."""

from __future__ import annotations

from collections import Counter

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
