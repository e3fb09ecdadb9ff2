"""A readable account of a journey: who did what, and what the server answered."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo


def count(number: int, noun: str) -> str:
    """`1 meeting`, `2 meetings`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class Transcript:
    def __init__(self, out: TextIO | None = None, timezone: str = "UTC") -> None:
        self.out = out if out is not None else sys.stdout
        self.zone = ZoneInfo(timezone)
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        self._write("")
        self._write(f"== {text} ==")

    def step(self, text: str) -> None:
        self._write(f"  - {text}")

    def detail(self, text: str) -> None:
        self._write(f"      {text}")

    def block(self, lines: list[str]) -> None:
        """Lines printed as they are, such as a report's table."""
        for line in lines:
            self._write(line)

    def when(self, iso: str) -> str:
        """An API time as the people at the expo read it: local time of the event."""
        return datetime.fromisoformat(iso).astimezone(self.zone).strftime("%a %d %b %H:%M")

    def _write(self, line: str) -> None:
        self.lines.append(line)
        print(line, file=self.out, flush=True)
