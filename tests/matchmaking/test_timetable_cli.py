"""`python -m server.matchmaking schedule`: JSON result on stdout, one-line errors and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from server.matchmaking import instance_to_json, parse_instance, timetable_violations
from server.matchmaking.synthetic import synthetic_timetable
from server.matchmaking.timetable.instance import Meeting

GOOD = {
    "slots": [
        {
            "id": "d1-0900",
            "startsAt": "2024-04-08T09:00:00-07:00",
            "endsAt": "2024-04-08T09:20:00-07:00",
        },
        {"id": "d1-0920"},
    ],
    "locations": [{"id": "T01"}],
    "people": [
        {"id": "p1", "organization": "o1", "maxMeetings": 4, "available": ["d1-0900", "d1-0920"]},
        {"id": "p2", "organization": "o2", "maxMeetings": 4, "available": ["d1-0900"]},
        {"id": "p3", "organization": None, "maxMeetings": 1, "available": ["d1-0920"]},
    ],
    "pairs": [{"a": "p1", "b": "p2", "weight": 0.83}, {"a": "p3", "b": "p1", "weight": 0.5}],
}


def _run(tmp_path: Path, content: str, *extra: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "instance.json"
    path.write_text(content, encoding="utf-8")
    command = [sys.executable, "-m", "server.matchmaking", "schedule", str(path), *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _with(section: str, index: int, **changes: object) -> str:
    data = json.loads(json.dumps(GOOD))
    data[section][index].update(changes)
    return json.dumps(data)


def _without(section: str, index: int, key: str) -> str:
    data = json.loads(json.dumps(GOOD))
    del data[section][index][key]
    return json.dumps(data)


def _duplicate(section: str) -> str:
    data = json.loads(json.dumps(GOOD))
    data[section].append(dict(data[section][0]))
    return json.dumps(data)


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (_with("pairs", 1, a="p9"), "unknown person 'p9'"),
        (_with("pairs", 0, weight=-0.2), "negative weight -0.2"),
        (_with("pairs", 0, weight="high"), "weight must be a number"),
        (_duplicate("people"), "duplicate person id 'p1'"),
        (_duplicate("slots"), "duplicate slot id 'd1-0900'"),
        (_duplicate("locations"), "duplicate location id 'T01'"),
        (_duplicate("pairs"), "repeats the pair p1-p2"),
        (_with("pairs", 0, b="p1"), "pairs 'p1' with themselves"),
        ('{"slots": [', "is not valid JSON"),
        ("[1, 2]", "instance must be an object"),
        (_without("people", 0, "maxMeetings"), "people[0] is missing the field 'maxMeetings'"),
        (_without("pairs", 1, "weight"), "pairs[1] is missing the field 'weight'"),
        (
            json.dumps({k: v for k, v in GOOD.items() if k != "locations"}),
            "missing the field 'locations'",
        ),
        (_with("people", 2, available=["d9-1700"]), "unknown slot 'd9-1700'"),
        (_with("people", 1, maxMeetings=-1), "maxMeetings must be a whole number >= 0"),
        (_with("people", 0, available=[{}]), "available must hold slot ids, got {}"),
        (_with("people", 0, available=[["d1-0900"]]), "available must hold slot ids"),
        ("[" * 100_000 + "]" * 100_000, "nests arrays or objects too deeply"),
    ],
)
def test_bad_instance_gets_one_line_naming_the_problem_and_exit_2(tmp_path, content, named):
    finished = _run(tmp_path, content)
    assert (finished.returncode, finished.stdout) == (2, "")
    assert named in finished.stderr
    assert "Traceback" not in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1


def test_missing_file_is_reported_without_traceback(tmp_path):
    command = [sys.executable, "-m", "server.matchmaking", "schedule", str(tmp_path / "none.json")]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert finished.returncode == 2
    assert "cannot read" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_schedule_prints_a_valid_timetable_with_its_bound(tmp_path):
    finished = _run(tmp_path, json.dumps(GOOD), "--time-limit", "5")
    assert finished.returncode == 0
    result = json.loads(finished.stdout)
    assert result == {
        "meetings": [
            {"a": "p1", "b": "p2", "slot": "d1-0900", "location": "T01"},
            {"a": "p3", "b": "p1", "slot": "d1-0920", "location": "T01"},
        ],
        "totalWeight": 1.33,
        "upperBound": 1.33,
    }
    assert "bound" in finished.stderr


def test_schedule_output_on_a_generated_instance_obeys_every_rule(tmp_path):
    instance = synthetic_timetable(200, seed=11)
    finished = _run(tmp_path, json.dumps(instance_to_json(instance)), "--time-limit", "10")
    result = json.loads(finished.stdout)
    meetings = [Meeting(**m) for m in result["meetings"]]
    assert parse_instance(instance_to_json(instance)) == instance
    assert timetable_violations(instance, meetings) == []
    assert result["totalWeight"] <= result["upperBound"] + 1e-9
