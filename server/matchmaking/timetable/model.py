"""The instance as arrays: people, slots and usable pairs numbered, availability as bit masks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from server.matchmaking.timetable.instance import TimetableInstance

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Model:
    """Usable pairs only: positive weight and at least one slot both people are free in.

    `common[e]` is a bit mask of the slots pair e could meet in (bit s = slot s);
    `capacity[p]` is how many meetings person p can have at most.
    """

    instance: TimetableInstance
    slots: int
    tables: int
    capacity: Ints
    available: list[int]
    a: Ints
    b: Ints
    weight: Floats
    common: list[int]
    pair_number: Ints  # index in instance.pairs of each usable pair

    @property
    def pairs(self) -> int:
        return len(self.a)

    @property
    def people(self) -> int:
        return len(self.capacity)


def build_model(instance: TimetableInstance) -> Model:
    slot_bit = {s.id: 1 << n for n, s in enumerate(instance.slots)}
    person = {p.id: n for n, p in enumerate(instance.people)}
    available = [sum(slot_bit[s] for s in p.available) for p in instance.people]
    capacity = np.array(
        [
            min(p.max_meetings, m.bit_count())
            for p, m in zip(instance.people, available, strict=True)
        ],
        dtype=np.int64,
    )
    kept: list[tuple[int, int, int, float, int]] = []
    for n, pair in enumerate(instance.pairs):
        a, b = person[pair.a], person[pair.b]
        common = available[a] & available[b]
        if pair.weight > 0 and common and capacity[a] > 0 and capacity[b] > 0:
            kept.append((n, a, b, pair.weight, common))
    return Model(
        instance=instance,
        slots=len(instance.slots),
        tables=len(instance.locations),
        capacity=capacity,
        available=available,
        a=np.array([k[1] for k in kept], dtype=np.int64),
        b=np.array([k[2] for k in kept], dtype=np.int64),
        weight=np.array([k[3] for k in kept], dtype=np.float64),
        common=[k[4] for k in kept],
        pair_number=np.array([k[0] for k in kept], dtype=np.int64),
    )


def slot_bits(mask: int) -> list[int]:
    """Slot numbers set in a bit mask, lowest first."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found
