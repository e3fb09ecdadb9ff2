"""The README's Configuration table is the settings the code reads, with their real defaults."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import SecretStr, TypeAdapter
from pydantic.fields import FieldInfo

from server.config import DEVELOPMENT_TOKEN_SECRET, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
CONFIGURATION = README.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
# read by firebase-admin itself; the section documents it beside the table
NOT_A_SETTING = {"FIREBASE_AUTH_EMULATOR_HOST"}
# defaults the table states in words
IN_WORDS: dict[str, Any] = {
    "unset": None,
    "empty": [],
    "a development-only value": SecretStr(DEVELOPMENT_TOKEN_SECRET),
}


def _table() -> dict[str, str]:
    """Each variable of the table, with its default cell as written."""
    rows = re.findall(r"^\| `([A-Z0-9_]+)` \| ([^|]+) \|", CONFIGURATION, re.MULTILINE)
    return {name: cell.strip() for name, cell in rows}


def _documented_default(field: FieldInfo, cell: str) -> Any:
    if cell in IN_WORDS:
        return IN_WORDS[cell]
    assert re.fullmatch(r"`[^`]+`", cell), f"a default is in backticks or in words: {cell}"
    return TypeAdapter(field.annotation).validate_python(cell.strip("`"))


def test_the_table_lists_every_setting_and_nothing_else() -> None:
    settings = {name.upper() for name in Settings.model_fields}
    assert sorted(_table()) == sorted(settings)
    prose = "\n".join(line for line in CONFIGURATION.splitlines() if not line.startswith("|"))
    named_in_prose = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", prose))
    assert sorted(named_in_prose - settings) == sorted(NOT_A_SETTING)


def test_every_documented_default_is_the_real_default() -> None:
    wrong = {}
    for name, cell in _table().items():
        field = Settings.model_fields[name.lower()]
        default = field.get_default(call_default_factory=True)
        if _documented_default(field, cell) != default:
            wrong[name] = (cell, default)
    assert wrong == {}
