"""The swarm's report: throughput, p50/p95/p99 per operation, refusals, errors."""

from __future__ import annotations

from dataclasses import dataclass

from mobile_client_stub.swarm.plan import SwarmPlan
from mobile_client_stub.swarm.recorder import Recorder


@dataclass(frozen=True)
class SwarmReport:
    plan: SwarmPlan
    phones_signed_in: int
    seconds: float
    client_cpu_seconds: float
    recorder: Recorder

    @property
    def calls_per_second(self) -> float:
        return self.recorder.calls / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.recorder.errors.values())

    def lines(self) -> list[str]:
        plan, recorder = self.plan, self.recorder
        lines = [
            f"Swarm: {plan.phones} phones ({self.phones_signed_in} signed in) for "
            f"{plan.minutes:g} min against {plan.url}; mean think time {plan.think_seconds:g} s, "
            f"phones started over {plan.ramp_seconds:g} s",
            f"  {recorder.calls} calls in {self.seconds:.1f} s = {self.calls_per_second:.1f} "
            f"calls/s; {self.error_count} errors; {sum(recorder.refusals.values())} refusals",
            f"  {'operation':<28}{'calls':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}",
        ]
        for operation in sorted(recorder.latencies):
            calls, p50, p95, p99 = recorder.summary(operation)
            lines.append(
                f"  {operation:<28}{calls:>8}{p50 * 1000:>9.1f}{p95 * 1000:>9.1f}{p99 * 1000:>9.1f}"
            )
        lines += self._notice_lines()
        lines.append("  refusals (the expo's rules saying no, as the app would show):")
        lines += _counts(recorder.refusals)
        lines.append("  errors:")
        lines += _counts(recorder.errors)
        firsts = recorder.first_messages.items()
        lines += [f"    first {code}: {message}" for code, message in firsts]
        lines.append(
            f"  this client process used {self.client_cpu_seconds:.1f} CPU s "
            f"({self.client_cpu_seconds / self.seconds:.0%} of one core)"
            if self.seconds
            else "  the run did not start"
        )
        return lines

    def _notice_lines(self) -> list[str]:
        notices = self.recorder.notices
        lines = [f"  {'notices, mutation to live inbox':<32}{'sent':>6}{'arrived':>8}"
                 f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"]  # fmt: skip
        for label in notices.labels():
            arrived, p50, p95, p99 = self.recorder.notice_summary(label)
            timing = f"{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}{p99 * 1000:>9.0f}" if arrived else ""
            lines.append(f"  {label:<32}{notices.expected(label):>6}{arrived:>8}{timing}")
        if not notices.labels():
            lines.append("    none sent")
        return lines


def _counts(counts: dict[tuple[str, str], int]) -> list[str]:
    if not counts:
        return ["    none"]
    return [f"    {op} {code}: {n}" for (op, code), n in sorted(counts.items())]
