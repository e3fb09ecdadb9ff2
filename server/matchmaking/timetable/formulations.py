"""The exact slot-indexed model of the timetable as a 0/1 program."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from server.matchmaking.timetable.model import Floats, Ints, Model


@dataclass(frozen=True)
class Program:
    cost: Floats
    rows: sp.csc_matrix
    upper: Floats


@dataclass(frozen=True)
class SlotIndexed(Program):
    """x[v] = 1 when pair `edge[v]` meets in slot `slot[v]`."""

    edge: Ints
    slot: Ints


def _matrix(row: list[Ints], column: list[Ints], shape: tuple[int, int]) -> sp.csc_matrix:
    r, c = np.concatenate(row), np.concatenate(column)
    return sp.csc_matrix((np.ones(len(r)), (r, c)), shape=shape)


def _common_bits(model: Model) -> npt.NDArray[np.bool_]:
    masks = np.array(model.common, dtype=np.int64)
    return ((masks[:, None] >> np.arange(model.slots)) & 1).astype(bool)


def slot_indexed(model: Model) -> SlotIndexed:
    """Columns: (pair, common slot). Rows: person-slot, slot tables, pair once, person total."""
    people, slots, pairs = model.people, model.slots, model.pairs
    edge, slot = np.nonzero(_common_bits(model)) if pairs else (np.zeros(0, int), np.zeros(0, int))
    var = np.arange(len(edge))
    a, b = model.a[edge], model.b[edge]
    base_slot, base_pair, base_person = (
        people * slots,
        people * slots + slots,
        people * slots + slots + pairs,
    )
    rows = _matrix(
        [
            a * slots + slot,
            b * slots + slot,
            base_slot + slot,
            base_pair + edge,
            base_person + a,
            base_person + b,
        ],
        [var] * 6,
        (base_person + people, len(var)),
    )
    upper = np.concatenate(
        [
            np.ones(people * slots),
            np.full(slots, model.tables),
            np.ones(pairs),
            model.capacity.astype(float),
        ]
    )
    return SlotIndexed(
        model.weight[edge], rows, upper, edge.astype(np.int64), slot.astype(np.int64)
    )
