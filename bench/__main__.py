"""Runs every benchmark module in turn: `python -m bench [--quick]` (arguments passed to each)."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = [
    "bench.matchmaking",
    "bench.push",
    "bench.swarm",
]  # add further benchmark modules here; each has main(argv)


def main(argv: list[str]) -> int:
    for name in BENCHMARKS:
        code = importlib.import_module(name).main(argv)
        if code:
            return int(code)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
