"""`python -m server import-people`: bad rows reported by line, good rows upserted, re-runs safe."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from server.db.client import Database
from server.db.collections import INTERESTS, ORGANIZATIONS, PEOPLE
from server.services.people.import_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

HEADER = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
GOOD_AND_BAD = f"""{HEADER}
ana@acme.example,Ana Alvarez,ATTENDEE,Acme Imaging,Biomed lead,Imaging service;AI diagnostics,CROSS_REFERRAL,,true,true,,,SERVICE_ORGANIZATION,imaging-service,B10
not-an-email,Nobody,,,,,,,,,,,,,
bo@bolt.example,Bo Berg,WIZARD,,,,,,,,,,,,
cy@bolt.example,Cy Cole,EXHIBITOR,Bolt Medical,,Imaging service,,TELEPATHY,,,,,VENDOR,imaging-service,B20
ana@acme.example,Ana Again,,,,,,,,,,,,,
dee@city.example,,,,,,,,,,,,,,
eli@city.example,Eli Estrada,,City Hospital,,,,,maybe,,,,PROVIDER,,
fay@city.example,Fay Fox,ORGANIZER,City Hospital,,,,,,,,FAY-BADGE-1,,,
"""


def _run(settings_env: dict[str, str], path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", "import-people", str(path), *extra],
        env={**os.environ, **settings_env}, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def _env(mongo_uri: str, database_name: str) -> dict[str, str]:
    return {"MONGODB_URI": mongo_uri, "DATABASE_NAME": database_name, "LOG_LEVEL": "WARNING"}


async def test_import_reports_bad_rows_and_imports_the_rest(
    tmp_path: Path, mongo_uri: str, database_name: str, db: Database
) -> None:
    source = tmp_path / "people.csv"
    source.write_text(GOOD_AND_BAD)
    done = _run(_env(mongo_uri, database_name), source)

    assert done.returncode == 1, done.stderr
    problems = [line for line in done.stderr.splitlines() if line.startswith("line ")]
    assert problems == [
        "line 3: email: 'not-an-email' is not a valid email address",
        "line 4: role: 'WIZARD' is not one of ATTENDEE, EXHIBITOR, SPEAKER, ORGANIZER",
        "line 5: offering: 'TELEPATHY' is not one of CROSS_REFERRAL, SHARE_INFORMATION, "
        "JOINT_RESEARCH, PATIENT_RECRUITMENT, EDUCATION_TRAINING, JOINT_PROJECT, CARE_HANDOFF, "
        "MENTORSHIP, PARTNERSHIP, PROCUREMENT",
        "line 6: email: ana@acme.example already appears on line 2",
        "line 7: name: must not be empty",
        "line 8: open_to_competitors: 'maybe' is not true or false",
    ]
    assert "Traceback" not in done.stderr
    assert done.stdout.strip().startswith("2 created, 0 updated, 6 rows with errors")
    emails = sorted([doc["email"] async for doc in db[PEOPLE.name].find()])
    assert emails == ["ana@acme.example", "fay@city.example"]
    ana = await db[PEOPLE.name].find_one({"email": "ana@acme.example"})
    assert ana is not None
    organization = await db[ORGANIZATIONS.name].find_one({"_id": ana["organization_id"]})
    assert organization is not None
    assert (organization["name"], organization["sector"], organization["booth"]) == (
        "Acme Imaging", "SERVICE_ORGANIZATION", "B10",
    )  # fmt: skip
    labels = sorted([doc["label"] async for doc in db[INTERESTS.name].find()])
    assert labels == ["AI diagnostics", "Imaging service"]
    codes = list(csv.reader((tmp_path / "people.codes.csv").read_text().splitlines()))
    assert codes[0] == ["email", "badge_code", "scan_code"]
    (ana_email, ana_code, ana_scan), (fay_email, fay_code, fay_scan) = codes[1:]
    assert (ana_email, fay_email, fay_code) == ("ana@acme.example", "fay@city.example", "")
    assert len(ana_code) == 14  # generated; Fay's sign-in code came with her, so it is not here
    assert [ana_scan[:2], fay_scan[:2]] == ["S-", "S-"]
    assert ana_scan != fay_scan


async def test_reimport_is_safe_and_keeps_what_people_chose_themselves(
    tmp_path: Path, mongo_uri: str, database_name: str, db: Database
) -> None:
    source = tmp_path / "people.csv"
    source.write_text(GOOD_AND_BAD)
    env = _env(mongo_uri, database_name)
    _run(env, source)
    ana = await db[PEOPLE.name].find_one({"email": "ana@acme.example"})
    assert ana is not None
    await db[PEOPLE.name].update_one(
        {"_id": ana["_id"]},
        {"$set": {"headline": "Chosen in the app"}, "$inc": {"profile_version": 1}},
    )
    renamed = GOOD_AND_BAD.replace("Ana Alvarez", "Ana Alvarez-Ruiz").replace(
        "Biomed lead", "Reset"
    )
    source.write_text(renamed)
    (tmp_path / "people.codes.csv").unlink()

    again = _run(env, source)

    assert again.stdout.strip().startswith("0 created, 2 updated, 6 rows with errors")
    assert await db[PEOPLE.name].count_documents({}) == 2
    updated = await db[PEOPLE.name].find_one({"_id": ana["_id"]})
    assert updated is not None
    assert (updated["name"], updated["headline"]) == ("Ana Alvarez-Ruiz", "Chosen in the app")
    assert updated["badge_code_hash"] == ana["badge_code_hash"]  # the printed badge still works
    assert not (tmp_path / "people.codes.csv").exists()


def test_file_without_required_columns_is_refused_with_exit_code_2(
    tmp_path: Path, mongo_uri: str, database_name: str
) -> None:
    source = tmp_path / "wrong.csv"
    source.write_text("mail,fullname\na@b.example,A\n")
    done = _run(_env(mongo_uri, database_name), source)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"Cannot import {source}: the file has no email, name column (header: ['mail', 'fullname'])"
    )
