"""The stub's operations are valid against the committed `schema.graphql`, each on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from mobile_client_stub.documents import operation_files, operations

SCHEMA = build_schema((Path(__file__).resolve().parents[2] / "schema.graphql").read_text())


@pytest.mark.parametrize("path", operation_files(), ids=lambda path: path.name)
def test_operation_file_is_valid_against_the_schema(path: Path) -> None:
    assert validate(SCHEMA, parse(path.read_text())) == []


@pytest.mark.parametrize("name", sorted(operations()))
def test_each_operation_runs_alone_with_only_its_fragments(name: str) -> None:
    assert validate(SCHEMA, operations()[name]) == []


def test_every_operation_is_used_by_the_stub() -> None:
    stub = Path(__file__).resolve().parents[2] / "mobile_client_stub"
    source = "\n".join(path.read_text() for path in stub.rglob("*.py"))
    assert [name for name in operations() if f'"{name}"' not in source] == []
