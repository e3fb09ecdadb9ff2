"""Swarm benchmark: phones against one fresh `python -m server serve` (embedded database) each,
side by side: throughput, p50/p95/p99 per operation, errors, and the CPU each process used.

    python -m bench.swarm [--phones 200,1000] [--minutes 3] [--think-seconds 5] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mobile_client_stub.swarm.plan import SwarmPlan
from mobile_client_stub.swarm.report import SwarmReport
from mobile_client_stub.swarm.run import act, prepare
from mobile_client_stub.transcript import Transcript
from server.db.embedded import free_loopback_port
from tests.support.served import Served, serving

TICKS = os.sysconf("SC_CLK_TCK")
STOP_SECONDS = 600.0


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def other_test_runs() -> int:
    """Test runs of other people on this machine (pytest processes that are not ours)."""
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            arguments = command.split(b"\0")[:3]
            count += any(argument.rsplit(b"/", 1)[-1] == b"pytest" for argument in arguments)
    return count


@dataclass(frozen=True)
class Run:
    report: SwarmReport
    server_cpu: float
    database_cpu: float
    load: tuple[float, float]  # 1-minute load average as the phones started and stopped
    other_test_runs: tuple[int, int]
    server_log: list[str]  # what the server printed (at LOG_LEVEL=WARNING) during the run


async def _measured(plan: SwarmPlan, server: Served) -> Run:
    transcript = Transcript(io.StringIO())
    crowd = await prepare(plan, transcript, server.env)
    processes = [server.pid, *children(server.pid)]  # the app and its embedded database
    cpu_before = [cpu_seconds(pid) for pid in processes]
    load_before, others_before = os.getloadavg()[0], other_test_runs()
    report = await act(plan, crowd, transcript)
    cpu = [cpu_seconds(pid) - before for pid, before in zip(processes, cpu_before, strict=True)]
    return Run(report, cpu[0], sum(cpu[1:]), (load_before, os.getloadavg()[0]),
               (others_before, other_test_runs()), server.later)  # fmt: skip


def one_run(phones: int, minutes: float, think_seconds: float) -> Run:
    """One fresh server for one crowd; the run is printed before the server stops, which waits
    for the requests still in flight."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-swarm-") as folder,
        serving(Path(folder), free_loopback_port(), stop_seconds=STOP_SECONDS) as server,
    ):
        plan = SwarmPlan(server.url, phones, minutes, think_seconds)
        run = asyncio.run(_measured(plan, server))
        print_runs([run])
        return run


def print_runs(runs: Sequence[Run]) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"\nSwarm benchmark: {machine}; client, server and database on this machine")
    header = "".join(f"{run.report.plan.phones:>17} phones" for run in runs)
    print(f"{'':<34}{header}")
    rows = {
        "minutes": [f"{run.report.plan.minutes:g}" for run in runs],
        "phones signed in": [str(run.report.phones_signed_in) for run in runs],
        "calls": [str(run.report.recorder.calls) for run in runs],
        "calls/s": [f"{run.report.calls_per_second:.1f}" for run in runs],
        "errors": [str(run.report.error_count) for run in runs],
        "refusals": [str(sum(run.report.recorder.refusals.values())) for run in runs],
        "client CPU % of a core": [_share(run.report.client_cpu_seconds, run) for run in runs],
        "server CPU % of a core": [_share(run.server_cpu, run) for run in runs],
        "database CPU % of a core": [_share(run.database_cpu, run) for run in runs],
        "load average at start / end": [f"{run.load[0]:.1f} / {run.load[1]:.1f}" for run in runs],
        "other test runs at start / end": [
            f"{run.other_test_runs[0]} / {run.other_test_runs[1]}" for run in runs
        ],
    }
    for label, cells in rows.items():
        print(f"{label:<34}" + "".join(f"{cell:>24}" for cell in cells))
    print(f"\n{'p50 / p95 / p99 ms':<34}" + header)
    operations = sorted({op for run in runs for op in run.report.recorder.latencies})
    for operation in operations:
        cells = []
        for run in runs:
            calls, p50, p95, p99 = run.report.recorder.summary(operation)
            cells.append(f"{p50 * 1e3:.0f} / {p95 * 1e3:.0f} / {p99 * 1e3:.0f}" if calls else "-")
        print(f"{operation:<34}" + "".join(f"{cell:>24}" for cell in cells))
    labels = sorted({label for run in runs for label in run.report.recorder.notices.labels()})
    print(f"\n{'notices: arrived of sent; ms':<34}" + header)
    for label in labels:
        cells = []
        for run in runs:
            arrived, p50, p95, p99 = run.report.recorder.notice_summary(label)
            sent = run.report.recorder.notices.expected(label)
            timing = f" {p50 * 1e3:.0f}/{p95 * 1e3:.0f}/{p99 * 1e3:.0f}" if arrived else ""
            cells.append(f"{arrived}/{sent}{timing}")
        print(f"{label:<34}" + "".join(f"{cell:>24}" for cell in cells))
    for run in runs:
        errors = dict(run.report.recorder.errors)
        print(f"\nerrors at {run.report.plan.phones} phones: {errors or 'none'}")
        print(f"refusals at {run.report.plan.phones} phones: {dict(run.report.recorder.refusals)}")
        for code, message in run.report.recorder.first_messages.items():
            print(f"  first {code}: {message}")
        print(f"server log lines during the run: {len(run.server_log)}")
        errors_logged = [line for line in run.server_log if " ERROR " in line]
        print(f"  of which ERROR lines: {len(errors_logged)}; the first: "
              f"{errors_logged[0][:200] if errors_logged else '-'}")  # fmt: skip
        causes = Counter(line for line in run.server_log if line.startswith("pymongo.errors."))
        for cause, times in causes.most_common(3):
            print(f"  {times} x {cause[:200]}")


def _share(cpu_seconds: float, run: Run) -> str:
    return f"{cpu_seconds / run.report.seconds:.0%}"


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.swarm", description=__doc__)
    parser.add_argument("--phones", default="200,1000", help="comma-separated phone counts")
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--think-seconds", type=float, default=5.0)
    parser.add_argument("--quick", action="store_true", help="20 phones for 0.25 min")
    parser.add_argument("--server-log", help="write each run's server log to FILE.<phones>")
    args = parser.parse_args(argv)
    counts = [20] if args.quick else [int(n) for n in args.phones.split(",")]
    minutes = 0.25 if args.quick else args.minutes
    runs = [one_run(phones, minutes, args.think_seconds) for phones in counts]
    for run in runs if args.server_log else []:
        path = f"{args.server_log}.{run.report.plan.phones}"
        with open(path, "w", encoding="utf-8") as log:
            log.write("\n".join(run.server_log) + "\n")
    if len(runs) > 1:
        print_runs(runs)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
