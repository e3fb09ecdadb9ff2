"""Linear programs of the timetable: the exact slot-indexed model and a small pair-level bound."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from server.matchmaking.timetable.model import Floats, Ints, Model

MASK_CUT_SLOTS = 16  # slot-set cuts enumerate all 2**slots subsets only up to this many slots


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


def _common_bits(model: Model) -> np.ndarray:  # type: ignore[type-arg]
    masks = np.array(model.common, dtype=np.int64)
    return ((masks[:, None] >> np.arange(model.slots)) & 1).astype(bool)


def slot_indexed(model: Model) -> SlotIndexed:
    """One column per (pair, common slot); rows: person-slot, slot tables, pair once, person total."""
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


def _person_cuts(model: Model) -> tuple[list[Ints], list[Ints], list[float]]:
    """Pairs of person p that can only meet within slot set C take distinct slots of C."""
    by_person: dict[int, list[int]] = defaultdict(list)
    for e in range(model.pairs):
        by_person[int(model.a[e])].append(e)
        by_person[int(model.b[e])].append(e)
    rows: list[Ints] = []
    columns: list[Ints] = []
    upper: list[float] = []
    for person, edges in by_person.items():
        limit = int(model.capacity[person])
        for mask in {model.common[e] for e in edges}:
            size = mask.bit_count()
            inside = [e for e in edges if model.common[e] & ~mask == 0]
            if size < limit and len(inside) > size:
                columns.append(np.array(inside, dtype=np.int64))
                rows.append(np.full(len(inside), len(upper), dtype=np.int64))
                upper.append(float(size))
    return rows, columns, upper


def _slot_set_cuts(model: Model) -> tuple[list[Ints], list[Ints], list[float]]:
    """All pairs that can only meet within slot set C share its |C| x tables places."""
    everything = (1 << model.slots) - 1
    masks = np.array(model.common, dtype=np.int64)
    chosen = {everything}
    if model.slots <= MASK_CUT_SLOTS and model.pairs:
        within = np.bincount(masks, minlength=1 << model.slots).astype(np.int64)
        for bit in range(model.slots):  # subset sums: within[C] = pairs whose mask is inside C
            has = (np.arange(1 << model.slots) >> bit) & 1 == 1
            within[has] += within[np.flatnonzero(has) ^ (1 << bit)]
        for mask in set(model.common):
            if within[mask] > mask.bit_count() * model.tables:
                chosen.add(mask)
    rows, columns, upper = [], [], []
    for mask in sorted(chosen):
        inside = np.flatnonzero(masks & ~mask == 0)
        if len(inside) > mask.bit_count() * model.tables:
            columns.append(inside)
            rows.append(np.full(len(inside), len(upper), dtype=np.int64))
            upper.append(float(mask.bit_count() * model.tables))
    return rows, columns, upper


def pair_level(model: Model) -> Program:
    """Relaxation over pairs only (y[e] = pair e meets), tightened by slot-set cuts."""
    edges = np.arange(model.pairs)
    rows = [model.a, model.b]
    columns = [edges, edges]
    upper = [model.capacity.astype(float)]
    offset = model.people
    for cut_rows, cut_columns, cut_upper in (_person_cuts(model), _slot_set_cuts(model)):
        rows += [r + offset for r in cut_rows]
        columns += cut_columns
        upper.append(np.array(cut_upper, dtype=float))
        offset += len(cut_upper)
    return Program(
        model.weight, _matrix(rows, columns, (offset, model.pairs)), np.concatenate(upper)
    )
