"""The committed `schema.graphql` is the schema the code builds, and keeps the sketch's names."""

from __future__ import annotations

from pathlib import Path

from graphql import build_schema as parse_sdl

from server.config import Settings
from server.schema import build_schema

ROOT = Path(__file__).resolve().parents[2]

# names from ../shared/api/schema-sketch.graphql that this part of the product serves
SKETCH_FIELDS = {
    "Query": {"event", "me", "person", "interests"},
    "Mutation": {"signIn", "updateProfile"},
    "Person": {"id", "name", "headline", "role", "organization", "interests", "seeking",
               "offering", "openToCompetitors", "email"},
    "Organization": {"id", "name", "sector", "segments", "booth"},
    "Event": {"id", "name", "venue", "timezone", "startsAt", "endsAt"},
    "Interest": {"id", "label", "category"},
    "MeetingLocation": {"id", "name"},
    "AuthPayload": {"token", "person"},
    "ProfileInput": {"headline", "interestIds", "seeking", "offering", "openToCompetitors"},
}  # fmt: skip


def test_committed_schema_matches_the_code() -> None:
    built = build_schema(Settings(_env_file=None)).as_str()  # type: ignore[call-arg]
    committed = (ROOT / "schema.graphql").read_text()
    assert committed.strip() == built.strip(), "schema.graphql is stale: run `make schema`"


def test_schema_keeps_the_names_clients_rely_on() -> None:
    schema = parse_sdl((ROOT / "schema.graphql").read_text())
    missing = {
        type_name: sorted(fields - set(schema.type_map[type_name].fields))  # type: ignore[attr-defined]
        for type_name, fields in SKETCH_FIELDS.items()
    }
    assert {name: gone for name, gone in missing.items() if gone} == {}
