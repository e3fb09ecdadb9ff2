"""`python -m mobile_client_stub demo | swarm`: play the journeys, or a crowd of phones, against
a server running on this machine."""

from __future__ import annotations

import argparse
import asyncio
import sys

from mobile_client_stub.errors import ApiError, TransportFailure
from mobile_client_stub.importer import ImportFailed, require_local_database
from mobile_client_stub.journeys.demo import run_demo
from mobile_client_stub.loopback import NotLoopback, require_loopback
from mobile_client_stub.swarm.plan import MAX_MINUTES, MAX_PHONES, SwarmPlan
from mobile_client_stub.swarm.run import run_swarm

DEFAULT_URL = "http://127.0.0.1:8000"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mobile_client_stub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="run every journey and print a transcript")
    swarm = commands.add_parser("swarm", help="many phones at once; reports latencies")
    for command in (demo, swarm):
        command.add_argument("--url", default=DEFAULT_URL, help=f"server (default {DEFAULT_URL})")
    swarm.add_argument("--phones", type=int, required=True, help=f"1 to {MAX_PHONES}")
    swarm.add_argument("--minutes", type=float, required=True, help=f"at most {MAX_MINUTES:g}")
    swarm.add_argument("--think-seconds", type=float, default=5.0,
                       help="mean pause between one phone's actions (default 5)")  # fmt: skip
    swarm.add_argument("--seed", type=int, default=7, help="the synthetic crowd and its choices")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        require_loopback(args.url)
        require_local_database()  # both import people: refused now, before any traffic
        if args.command == "demo":
            asyncio.run(run_demo(args.url))
            return 0
        plan = SwarmPlan(args.url, args.phones, args.minutes, args.think_seconds, args.seed)
        report = asyncio.run(run_swarm(plan))
        return 1 if report.error_count else 0
    except (NotLoopback, ValueError) as refused:
        print(refused, file=sys.stderr)
        return 2
    except TransportFailure as failure:
        print(f"Cannot reach the server at {args.url}: {failure}. Is `make run` up?",
              file=sys.stderr)  # fmt: skip
        return 1
    except (ApiError, ImportFailed) as error:
        print(f"The {args.command} stopped: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
