"""Matchmaking benchmark: timetables against HiGHS and networkx, suggestion speed and fidelity.

Run `python -m bench.matchmaking [--quick]` (or `python -m bench`). The engine imports OR-Tools,
whose bundled HiGHS clashes with highspy in one process, so HiGHS runs in a spawned child and
this module imports the engine only inside functions.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from queue import Empty
from typing import Any

import numpy as np

MILP_SECONDS = 120.0
SEED = 1


@dataclass(frozen=True)
class Solver:
    weight: float
    seconds: float
    status: str
    bound: float = float("inf")


def _highs(arrays: dict[str, Any], integer: bool, seconds: float) -> Solver:
    """HiGHS on `max c.x, A x <= u, 0 <= x <= 1` (run in a child process)."""
    import highspy

    started = time.monotonic()
    columns, rows = len(arrays["cost"]), len(arrays["upper"])
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = columns, rows
    lp.col_cost_ = arrays["cost"]
    lp.col_lower_, lp.col_upper_ = np.zeros(columns), np.ones(columns)
    lp.row_lower_, lp.row_upper_ = np.full(rows, -highspy.kHighsInf), arrays["upper"]
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_ = arrays["indptr"], arrays["indices"]
    lp.a_matrix_.value_ = np.ones(len(arrays["indices"]))
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * columns
    solver = highspy.Highs()  # type: ignore[no-untyped-call]
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("time_limit", seconds)
    solver.passModel(lp)
    solver.run()
    info, status = solver.getInfo(), solver.getModelStatus()
    optimal = status == highspy.HighsModelStatus.kOptimal
    values = np.asarray(solver.getSolution().col_value)
    feasible = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    weight = float(arrays["cost"] @ values) if len(values) == columns and feasible else 0.0
    if integer:
        bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else float("inf")
    else:
        bound = weight if optimal else float("inf")
    text = "optimal" if optimal else solver.modelStatusToString(status)
    return Solver(weight, time.monotonic() - started, text, bound)


def _child(function: Any, args: tuple[Any, ...], queue: Any) -> None:
    queue.put(function(*args))


def _in_child_process(function: Any, args: tuple[Any, ...], seconds: float) -> Any:
    """Run function(*args) in a spawned process; None if it has not answered after `seconds`."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(function, args, queue), daemon=True)
    process.start()
    try:
        return queue.get(timeout=seconds)
    except Empty:
        return None
    finally:
        process.kill()
        process.join()


def _in_child(arrays: dict[str, Any], integer: bool, seconds: float) -> Solver:
    grace = seconds + 60  # HiGHS may overrun its own limit (presolve on huge models)
    solved = _in_child_process(_highs, (arrays, integer, seconds), grace)
    return solved if solved is not None else Solver(0.0, grace, f"killed at {grace:.0f} s")


def _networkx_per_slot(instance: Any, budget: float) -> tuple[Solver, list[Any]]:
    """Each slot in turn: max-weight matching of the pairs still open, heaviest `tables` kept."""
    import networkx as nx  # type: ignore[import-untyped]

    from server.matchmaking import Meeting

    started = time.monotonic()
    left = {p.id: p.max_meetings for p in instance.people}
    free = {p.id: set(p.available) for p in instance.people}
    weight_of = {frozenset((p.a, p.b)): p.weight for p in instance.pairs}
    open_pairs = [p for p in instance.pairs if p.weight > 0]
    meetings: list[Any] = []
    for done, slot in enumerate(instance.slots):
        if time.monotonic() - started > budget:
            return Solver(0.0, time.monotonic() - started, f"stopped after {done} slots"), meetings
        graph = nx.Graph()
        for p in open_pairs:
            if left[p.a] and left[p.b] and slot.id in free[p.a] and slot.id in free[p.b]:
                graph.add_edge(p.a, p.b, weight=p.weight)
        chosen = sorted(nx.max_weight_matching(graph), key=lambda ab: -weight_of[frozenset(ab)])
        for table, (a, b) in zip(instance.locations, chosen, strict=False):
            meetings.append(Meeting(a, b, slot.id, table))
            left[a] -= 1
            left[b] -= 1
        met = {frozenset((m.a, m.b)) for m in meetings}
        open_pairs = [p for p in open_pairs if frozenset((p.a, p.b)) not in met]
    total = sum(weight_of[frozenset((m.a, m.b))] for m in meetings)
    return Solver(total, time.monotonic() - started, "done"), meetings


def _networkx_in_child(instance: Any, budget: float) -> tuple[Solver, list[Any]]:
    if budget <= 0:
        return Solver(0.0, 0.0, "not run: smaller size unfinished"), []
    done = _in_child_process(_networkx_per_slot, (instance, budget), budget + 60)
    return (
        done
        if done is not None
        else (Solver(0.0, budget + 60, f"unfinished at {budget + 60:.0f} s"), [])
    )


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.4f}" if b and np.isfinite(b) and a else "-"


def timetable(people: int, milp_seconds: float, networkx_budget: float) -> dict[str, str]:
    from server.matchmaking import solve_timetable, timetable_violations
    from server.matchmaking.synthetic import synthetic_timetable
    from server.matchmaking.timetable.formulations import slot_indexed
    from server.matchmaking.timetable.model import build_model

    instance = synthetic_timetable(people, seed=SEED)
    started = time.monotonic()
    engine = solve_timetable(instance, time_limit=60)
    engine_seconds = time.monotonic() - started
    program = slot_indexed(build_model(instance))
    arrays = {
        "cost": program.cost,
        "upper": program.upper,
        "indptr": program.rows.indptr,
        "indices": program.rows.indices,
    }
    milp = _in_child(arrays, True, milp_seconds)
    if milp.status == "optimal":
        reference, source = milp.weight, "MILP optimum"
    else:
        lp = _in_child(arrays, False, milp_seconds)
        candidates = [(lp.bound, "LP bound"), (milp.bound, "MILP dual bound")]
        candidates.append((engine.upper_bound, "engine bound"))
        reference, source = min(candidates, key=lambda c: c[0])
    baseline, baseline_meetings = _networkx_in_child(instance, networkx_budget)
    violations = len(timetable_violations(instance, engine.meetings))
    violations += len(timetable_violations(instance, baseline_meetings))
    speedup = milp.seconds / engine_seconds
    return {
        "people": f"{people}",
        "pairs": f"{len(instance.pairs)}",
        "engine weight": f"{engine.total_weight:.2f}",
        "engine s": f"{engine_seconds:.2f}",
        "reference": f"{reference:.2f} ({source})",
        "engine/ref": _ratio(engine.total_weight, reference),
        "engine bound gap": f"{engine.gap:.3%}",
        "MILP weight": f"{milp.weight:.2f}" if milp.weight else "-",
        "MILP s": f"{milp.seconds:.1f}",
        "MILP status": milp.status,
        "MILP/engine time": f"{speedup:.0f}x" if milp.status == "optimal" else f">={speedup:.0f}x",
        "networkx weight": f"{baseline.weight:.2f}" if baseline.status == "done" else "-",
        "networkx s": f"{baseline.seconds:.1f}",
        "engine/networkx": _ratio(engine.total_weight, baseline.weight)
        if baseline.status == "done"
        else baseline.status,
        "violations": f"{violations}",
    }


def _exclusions(profiles: Sequence[Any], rng: np.random.Generator) -> dict[str, set[str]]:
    """About one dismissal and one block (both ways) per person."""
    ids = [p.id for p in profiles]
    exclusions: dict[str, set[str]] = {}
    for a, b in rng.integers(0, len(ids), size=(len(ids), 2)).tolist():
        exclusions.setdefault(ids[a], set()).add(ids[b])
    for a, b in rng.integers(0, len(ids), size=(len(ids), 2)).tolist():
        exclusions.setdefault(ids[a], set()).add(ids[b])
        exclusions.setdefault(ids[b], set()).add(ids[a])
    return exclusions


def _exact_top(index: Any, viewer: int, excluded: set[int], k: int) -> tuple[list[int], np.ndarray]:
    """Brute force: every eligible person, scored exactly in float64, best k."""
    from server.matchmaking.suggestions.scoring import pair_scores

    everyone = np.arange(index.size)
    org = index.organization
    compete = (index.segment_bits @ index.segment_bits[viewer]) > 0
    open_both = index.open_to_competitors & index.open_to_competitors[viewer]
    allowed = index.listed & ~(compete & ~open_both) & (everyone != viewer)
    if org[viewer] >= 0:
        allowed &= org != org[viewer]
    allowed[list(excluded)] = False
    others = everyone[allowed]
    scores, parts = pair_scores(index, np.full(len(others), viewer), others)
    creating = parts[:, [0, 1, 4]].sum(axis=1) > 0
    others, scores = others[creating], scores[creating]
    order = np.lexsort((others, -scores))[:k]
    return others[order].tolist(), scores[order]


def suggestions(people: int, samples: int, cap: int) -> dict[str, str]:
    from server.matchmaking import (
        build_index,
        suggest_all,
        suggest_for,
        suggestion_violations,
        update_profile,
    )
    from server.matchmaking.synthetic import synthetic_event

    rng = np.random.default_rng(SEED)
    profiles, catalog = synthetic_event(people, seed=SEED)
    exclusions = _exclusions(profiles, rng)
    started = time.monotonic()
    index = build_index(profiles, catalog)
    index_seconds = time.monotonic() - started
    started = time.monotonic()
    uncapped = suggest_all(index, exclusions, k=10)
    uncapped_seconds = time.monotonic() - started
    started = time.monotonic()
    capped = suggest_all(index, exclusions, k=10, exposure_cap=cap)
    capped_seconds = time.monotonic() - started
    violations = len(suggestion_violations(profiles, uncapped.lists, exclusions))
    violations += len(suggestion_violations(profiles, capped.lists, exclusions, cap))
    edits = []
    for row in rng.choice(people, size=samples, replace=False).tolist():
        donor = profiles[int(rng.integers(people))]
        edited = replace(profiles[row], interest_ids=donor.interest_ids, seeking=donor.seeking)
        started = time.monotonic()
        updated = update_profile(index, edited)
        fresh = suggest_for(updated, edited.id, exclusions, 10)
        edits.append(time.monotonic() - started)
        violations += len(suggestion_violations(updated.profiles, {edited.id: fresh}, exclusions))
    kept = total = 0
    for row in rng.choice(people, size=samples, replace=False).tolist():
        person = profiles[row].id
        banned = {index.position[o] for o in exclusions.get(person, ())}
        exact, exact_scores = _exact_top(index, row, banned, 10)
        if not exact:
            continue
        floor = exact_scores[-1] - 2e-5  # ranking works on a 1e-5 grid: ties count as kept
        engine = {s.person_id: s.score for s in uncapped.lists[person]}
        total += len(exact)
        kept += sum(1 for s in engine.values() if s >= floor)
    report = capped.exposure
    return {
        "people": f"{people}",
        "index s": f"{index_seconds:.2f}",
        "top-10 all s": f"{uncapped_seconds:.2f}",
        f"top-10 cap {cap} s": f"{capped_seconds:.2f}",
        "one edit ms (median/p90/max)": "/".join(
            f"{1000 * v:.1f}"
            for v in (statistics.median(edits), np.percentile(edits, 90), max(edits))
        ),
        "exact top-10 kept": f"{kept / max(total, 1):.2%} (no pruning)",
        "cap: entries replaced": f"{report.share_replaced:.1%}",
        "cap: mean rank shift": f"{report.mean_rank_displacement:.2f}",
        "cap: score kept": f"{report.score_retained:.1%}",
        "cap: short lists": f"{report.short_lists}",
        "violations": f"{violations}",
    }


def _table(title: str, rows: list[dict[str, str]]) -> None:
    print(f"\n{title}")
    columns = list(rows[0])
    widths = [max(len(c), *(len(r[c]) for r in rows)) for c in columns]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(row[c].rjust(w) for c, w in zip(columns, widths, strict=True)), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.matchmaking")
    parser.add_argument("--quick", action="store_true", help="small sizes, short time limits")
    quick = parser.parse_args(argv).quick
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f", numpy {np.__version__}; seed {SEED}"
    )
    tt_sizes = (300, 1000) if quick else (1000, 5000, 50000)
    milp_seconds = 20.0 if quick else MILP_SECONDS
    networkx_budget = 30.0 if quick else 300.0
    rows: list[dict[str, str]] = []
    for people in tt_sizes:
        finished = all(r["networkx weight"] != "-" for r in rows)
        rows.append(timetable(people, milp_seconds, networkx_budget if finished else 0.0))
        print(f"  timetable {people} people: {rows[-1]}", flush=True)
    _table(
        "Timetable: 12 slots, tables = people/6, ~6 candidate pairs per person "
        f"(MILP limit {milp_seconds:.0f} s, networkx budget {networkx_budget:.0f} s)",
        rows,
    )
    sg_sizes = (2000,) if quick else (10000, 50000)
    rows = []
    for people in sg_sizes:
        rows.append(suggestions(people, samples=20 if quick else 50, cap=30))
        print(f"  suggestions {people} people: {rows[-1]}", flush=True)
    _table("Suggestions: k = 10, about 3 exclusions per person", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
