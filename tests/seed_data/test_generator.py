"""The synthetic event generator: deterministic, valid, skewed like a real expo, and fast."""

from __future__ import annotations

import csv
import io
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seed_data.formats import DEMO_DIR, INTENT_KINDS, LIST_SEPARATOR, ROLES, SECTORS
from seed_data.generate import generate_rows, main, read_column

DOCUMENTED_HEADER = [
    "email", "name", "role", "organization", "headline", "interests", "seeking", "offering",
    "open_to_competitors", "listed", "communities", "badge_code",
    "organization_sector", "organization_segments", "booth",
]  # fmt: skip
INTERESTS = read_column(DEMO_DIR / "interests.csv", "label")
COMMUNITIES = read_column(DEMO_DIR / "communities.csv", "name")


def items(cell: str) -> list[str]:
    return [item for item in cell.split(LIST_SEPARATOR) if item]


def rows_of(people: int, seed: int = 7) -> list[dict[str, str]]:
    return [
        dict(zip(DOCUMENTED_HEADER, row, strict=True))
        for row in generate_rows(people, seed, INTERESTS, COMMUNITIES)
    ]


def run_main(tmp_path: Path, *args: str) -> tuple[list[str], list[dict[str, str]]]:
    out = tmp_path / "people.csv"
    assert main([*args, "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


ROWS = rows_of(3000)


def test_header_and_row_count(tmp_path: Path) -> None:
    header, rows = run_main(tmp_path, "--people", "1234", "--seed", "3")
    assert header == DOCUMENTED_HEADER
    assert len(rows) == 1234


def test_writes_to_stdout_without_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--people", "40"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == DOCUMENTED_HEADER
    assert len(rows) == 41


def test_runs_as_a_module() -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "seed_data.generate", "--people", "5", "--seed", "1"],
        cwd=root, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.splitlines()[0] == ",".join(DOCUMENTED_HEADER)
    assert len(done.stdout.splitlines()) == 6


def test_rejects_a_negative_count() -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--people", "-1"])
    assert raised.value.code == 2


def test_same_seed_same_file_other_seed_other_file(tmp_path: Path) -> None:
    _, first = run_main(tmp_path, "--people", "500", "--seed", "11")
    _, again = run_main(tmp_path, "--people", "500", "--seed", "11")
    _, other = run_main(tmp_path, "--people", "500", "--seed", "12")
    assert first == again
    assert first != other


@settings(max_examples=30, deadline=None)
@given(people=st.integers(min_value=0, max_value=400), seed=st.integers(0, 2**32))
def test_any_size_gives_that_many_rows_with_unique_emails(people: int, seed: int) -> None:
    rows = rows_of(people, seed)
    assert len(rows) == people
    assert len({row["email"] for row in rows}) == people


def test_values_are_valid() -> None:
    labels, communities = set(INTERESTS), set(COMMUNITIES)
    for row in ROWS:
        assert row["email"] == row["email"].lower()
        assert row["email"].endswith(".example")
        assert row["email"].isascii()
        assert row["email"].count("@") == 1
        assert row["name"]
        assert row["headline"]
        assert row["role"] in ROLES
        chosen = items(row["interests"])
        assert 3 <= len(chosen) <= 10
        assert len(set(chosen)) == len(chosen)
        assert set(chosen) <= labels
        for column in ("seeking", "offering"):
            kinds = items(row[column])
            assert len(kinds) <= 3
            assert len(set(kinds)) == len(kinds)
            assert set(kinds) <= set(INTENT_KINDS)
        assert row["open_to_competitors"] in {"true", "false"}
        assert row["listed"] in {"true", "false"}
        assert set(items(row["communities"])) <= communities
        assert row["badge_code"] == ""
        if row["organization"]:
            assert row["organization_sector"] in SECTORS
            assert items(row["organization_segments"])
        else:
            assert row["organization_sector"] == row["organization_segments"] == row["booth"] == ""
    assert {row["role"] for row in ROWS} == set(ROLES)
    assert all(row["booth"] for row in ROWS if row["role"] == "EXHIBITOR"), (
        "exhibitors stand at their organization's booth"
    )


def test_organizations_are_consistent_and_compete() -> None:
    seen: dict[str, tuple[str, str, str]] = {}
    for row in ROWS:
        if row["organization"]:
            details = (row["organization_sector"], row["organization_segments"], row["booth"])
            assert seen.setdefault(row["organization"], details) == details
    assert 0.8 * 3000 / 25 <= len(seen) <= 3000 / 25
    booths = [booth for _, _, booth in seen.values() if booth]
    assert len(booths) == len(set(booths))
    holders: dict[str, int] = defaultdict(int)
    for _, segments, _ in seen.values():
        for segment in items(segments):
            holders[segment] += 1
    assert sum(count >= 3 for count in holders.values()) >= 5
    assert len({sector for sector, _, _ in seen.values()}) >= 8


def test_interest_popularity_is_skewed() -> None:
    counts = Counter(label for row in ROWS for label in items(row["interests"]))
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 5 * statistics.median(ranked)
