"""The README documents every setting the code reads."""

from __future__ import annotations

from pathlib import Path

from server.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_setting_is_documented_with_its_name() -> None:
    undocumented = [
        name.upper() for name in Settings.model_fields if f"`{name.upper()}`" not in README
    ]
    assert undocumented == []
