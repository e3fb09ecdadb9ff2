"""Push benchmark: an announcement to 50k phones, from enqueue to the last push accepted by a
loopback fake of FCM (HTTP/2), with one and with two `python -m server worker` processes, beside
the bare firebase-admin client sending the same messages to the same fake in the same run.

    python -m bench.push [--devices 50000] [--processes 1,2] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import firebase_admin
import httpx
from firebase_admin import messaging
from google.oauth2.credentials import Credentials

from server.db.client import Database, create_client
from server.db.collections import PUSH_JOBS, ensure_collections
from server.db.embedded import EmbeddedDatabase
from server.notifications.gateways.base import MAX_BATCH, PushMessage
from server.notifications.gateways.fcm import fcm_message, messaging_service
from server.services.announcements.sending import AnnouncementDraft, create_announcement
from server.vocabulary import Platform
from tests.support.crowd import add_crowd
from tests.support.fake_fcm import FAKE_PROJECT, FAKE_TOKEN

TIMEOUT = 1800.0
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def pid_of(marker: str) -> int:
    """The process whose command line contains `marker` (the database server, by its path)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in command and "secantus" in command:
                return int(entry.name)
    raise LookupError(marker)


@dataclass(frozen=True)
class Cpu:
    """CPU milliseconds per push: the sender's process(es), the database, the fake FCM."""

    sender: float
    database: float
    fake: float


@dataclass
class FakeFcmProcess:
    endpoint: str
    ca_file: Path
    process: subprocess.Popen[str]

    def stats(self) -> dict[str, Any]:
        with httpx.Client(http2=True, verify=str(self.ca_file)) as client:
            result: dict[str, Any] = client.get(f"{self.endpoint}/_fake/stats").json()
            return result

    def reset(self) -> None:
        with httpx.Client(http2=True, verify=str(self.ca_file)) as client:
            client.post(f"{self.endpoint}/_fake/reset")


@contextmanager
def fake_fcm(directory: Path) -> Iterator[FakeFcmProcess]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.fake_fcm", str(directory)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    port = int(process.stdout.readline().strip().removeprefix("port="))
    try:
        yield FakeFcmProcess(f"https://127.0.0.1:{port}", directory / "ca.pem", process)
    finally:
        process.kill()
        process.wait()


def tokens(count: int) -> list[str]:
    return [f"fid-crowd-{n:06d}" for n in range(count)]


async def bare_client(fake: FakeFcmProcess, count: int, db_pid: int) -> Run:
    """firebase-admin alone, in batches of 500, one after another, in this process."""
    app = firebase_admin.initialize_app(
        Credentials(token=FAKE_TOKEN), {"projectId": FAKE_PROJECT}, name=f"bare-{time.time()}"
    )
    service = messaging_service(app, fake.endpoint, fake.ca_file)
    addresses = tokens(count)
    before = _cpu_now(os.getpid(), db_pid, fake.process.pid)
    started = time.perf_counter()
    for start in range(0, count, MAX_BATCH):
        batch = [  # the messages the dispatcher sends, built the same way
            fcm_message(
                PushMessage(
                    token=address,
                    platform=Platform.ANDROID,
                    title="Hall B",
                    body="The keynote moved to Hall B.",
                    data={"messageId": f"bare-{address}", "kind": "ANNOUNCEMENT"},
                )
            )
            for address in addresses[start : start + MAX_BATCH]
        ]
        response = await messaging.send_each_async(batch, app=app)
        assert response.success_count == len(batch), response.failure_count
    elapsed = time.perf_counter() - started
    cpu = _cpu_per_push(before, _cpu_now(os.getpid(), db_pid, fake.process.pid), count)
    await service._async_client.aclose()
    await asyncio.to_thread(firebase_admin.delete_app, app)
    return Run("bare firebase-admin client", count / elapsed, cpu)


def _cpu_now(sender: int | Sequence[int], db_pid: int, fake_pid: int) -> tuple[float, float, float]:
    senders = [sender] if isinstance(sender, int) else list(sender)
    return (sum(map(cpu_seconds, senders)), cpu_seconds(db_pid), cpu_seconds(fake_pid))


def _cpu_per_push(before: tuple[float, ...], after: tuple[float, ...], count: int) -> Cpu:
    sender, database, fake = (1000 * (b - a) / count for a, b in zip(before, after, strict=True))
    return Cpu(sender, database, fake)


def worker_environment(uri: str, database: str, fake: FakeFcmProcess) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"}
    env.update({
        "MONGODB_URI": uri, "DATABASE_NAME": database, "PUSH_GATEWAY": "fcm",
        "FIREBASE_PROJECT_ID": FAKE_PROJECT, "FCM_ACCESS_TOKEN": FAKE_TOKEN,
        "FCM_ENDPOINT": fake.endpoint, "FCM_CA_FILE": str(fake.ca_file), "SEED_DEMO": "false",
        "LOG_LEVEL": "WARNING",
    })  # fmt: skip
    return env


@dataclass(frozen=True)
class Run:
    name: str
    rate: float
    cpu: Cpu
    enqueue_seconds: float | None = None
    duplicates: int | None = None


async def dispatch(
    uri: str, fake: FakeFcmProcess, count: int, processes: int, logs: Path, db_pid: int
) -> Run:
    """Workers wait; the announcement is enqueued; the clock runs until FCM has every push."""
    database = f"bench_push_{processes}_{os.getpid()}"
    client = create_client(uri)
    db = client[database]
    await ensure_collections(db)
    await add_crowd(db, count, datetime.now(UTC))
    await asyncio.to_thread(fake.reset)
    env = worker_environment(uri, database, fake)
    outputs = [logs / f"worker-{processes}-{n}.log" for n in range(processes)]
    workers = [await _start_worker(env, output) for output in outputs]
    try:
        await _wait_for(lambda: _all_printed(outputs, "worker ready"))
        pids = [worker.pid for worker in workers]
        before = _cpu_now(pids, db_pid, fake.process.pid)
        started = time.perf_counter()
        draft = AnnouncementDraft(title="Hall B", body="The keynote moved to Hall B.")
        await create_announcement(db, {"_id": "bench"}, draft, datetime.now(UTC), 60)
        enqueued = time.perf_counter()
        await _wait_for(lambda: _accepted(fake, count))
        done = time.perf_counter()
        await _wait_for(lambda: _no_jobs_left(db))
        cpu = _cpu_per_push(before, _cpu_now(pids, db_pid, fake.process.pid), count)
        stats = await asyncio.to_thread(fake.stats)
    finally:
        for worker in workers:
            worker.terminate()
            await worker.wait()
        await client.drop_database(database)
        await client.close()
    if stats["distinct"] != count or stats["protocols"] != ["h2"]:
        raise RuntimeError(f"not every phone got its push over HTTP/2: {stats}")
    name = f"{processes} dispatcher process{'es' if processes > 1 else ''}"
    rate = count / (done - enqueued)
    return Run(name, rate, cpu, enqueued - started, stats["duplicates"])


async def _start_worker(env: dict[str, str], output: Path) -> asyncio.subprocess.Process:
    with output.open("w") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server", "worker", env=env, stdout=log, stderr=log
        )


async def _wait_for(condition: Callable[[], Awaitable[bool]]) -> None:
    async def poll() -> None:
        while True:
            if await condition():
                return
            await asyncio.sleep(0.25)

    await asyncio.wait_for(poll(), TIMEOUT)


async def _all_printed(outputs: Sequence[Path], text: str) -> bool:
    printed = [await asyncio.to_thread(output.read_text) for output in outputs]
    return all(text in output for output in printed)


async def _accepted(fake: FakeFcmProcess, count: int) -> bool:
    return bool((await asyncio.to_thread(fake.stats))["accepted"] >= count)


async def _no_jobs_left(db: Database) -> bool:
    return await db[PUSH_JOBS.name].count_documents({}) == 0


def _report(
    count: int, rows: Sequence[tuple[Run, Run]], load: tuple[float, ...], durable: bool
) -> str:
    lines = [
        f"push: an announcement to {count:,} phones, loopback fake FCM over HTTP/2",
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"firebase-admin {firebase_admin.__version__}, embedded SecantusDB "
        f"({'with' if durable else 'without'} --sync-on-commit); load average "
        f"before the run {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        "vs bare: against the bare client run just before; CPU ms per push: of the sending",
        "process(es), of the database server, of the fake FCM",
        "",
        f"{'':28} {'enqueue s':>9} {'pushes/s':>9} {'vs bare':>8} {'repeats':>8} "
        f"{'send ms':>8} {'db ms':>6} {'fcm ms':>7}",
    ]
    for bare, dispatched in rows:
        for run in (bare, dispatched):
            enqueue = f"{run.enqueue_seconds:.2f}" if run.enqueue_seconds is not None else ""
            repeats = str(run.duplicates) if run.duplicates is not None else ""
            lines.append(
                f"{run.name:28} {enqueue:>9} {run.rate:>9,.0f} {run.rate / bare.rate:>8.2f} "
                f"{repeats:>8} {run.cpu.sender:>8.2f} {run.cpu.database:>6.2f} "
                f"{run.cpu.fake:>7.2f}"
            )
    return "\n".join(lines)


async def run(count: int, processes: Sequence[int], durable: bool = False) -> str:
    """The bare client runs again before each dispatcher run, so each compares with a ceiling
    measured under the same load (other work on a shared machine comes and goes)."""
    load = os.getloadavg()
    rows: list[tuple[Run, Run]] = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        with (
            EmbeddedDatabase(root / "db", durable=durable) as database,
            fake_fcm(root / "fcm") as fake,
        ):
            db_pid = pid_of(str(root / "db"))
            for n in processes:
                bare = await bare_client(fake, count, db_pid)
                rows.append((bare, await dispatch(database.uri, fake, count, n, root, db_pid)))
    return _report(count, rows, load, durable)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.push", description=__doc__)
    parser.add_argument("--devices", type=int, default=50_000)
    parser.add_argument("--processes", default="1,2", help="dispatcher process counts to run")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2,000 phones")
    parser.add_argument(
        "--durable", action="store_true", help="database with --sync-on-commit, as `serve` runs it"
    )
    args, _ = parser.parse_known_args(argv)  # `python -m bench` hands every module its flags
    if args.quick:
        args.devices = min(args.devices, 2_000)
    counts = [int(part) for part in args.processes.split(",") if part.strip()]
    try:
        import uvloop

        report = uvloop.run(run(args.devices, counts, args.durable))
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        report = asyncio.run(run(args.devices, counts, args.durable))
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
