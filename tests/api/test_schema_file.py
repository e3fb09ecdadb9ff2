"""The committed `schema.graphql` is the schema the code builds, and keeps the sketch's names,
shapes and argument types, so that a client written against the sketch works."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLField, GraphQLInputField, GraphQLSchema, print_ast
from graphql import build_schema as parse_sdl

from server.config import Settings
from server.db.client import Database
from server.db.collections import SUGGESTIONS
from server.notifications.outbox import notify
from server.schema import build_schema
from server.vocabulary import NotificationKind
from tests.support.clock import ManualClock
from tests.support.graphql import GraphQLClient
from tests.support.people import add_people
from tests.support.world import World

ROOT = Path(__file__).resolve().parents[2]
SKETCH = parse_sdl((Path(__file__).parent / "schema_sketch.graphql").read_text())


def test_committed_schema_matches_the_code() -> None:
    built = build_schema(Settings(_env_file=None)).as_str()  # type: ignore[call-arg]
    committed = (ROOT / "schema.graphql").read_text()
    assert committed.strip() == built.strip(), "schema.graphql is stale: run `make schema`"


def _signature(field: GraphQLField | GraphQLInputField | None, sketch_field: object) -> str:
    """`(arg: Type = default, ...): Type` of `field`, its arguments named and ordered as in the
    sketch's field (an argument the sketch names and the field lacks reads `missing`)."""
    if field is None:
        return "missing"
    args = getattr(field, "args", {})
    shown = []
    for name in getattr(sketch_field, "args", {}):
        node = args[name].ast_node if name in args else None
        if node is None:
            shown.append(f"{name}: missing")
            continue
        default = print_ast(node.default_value) if node.default_value else "null"
        default = "" if default == "null" else f" = {default}"  # strawberry prints `= null`
        shown.append(f"{name}: {print_ast(node.type)}{default}")
    return f"({', '.join(shown)}): {field.type}"


def _shapes(schema: GraphQLSchema) -> dict[str, dict[str, str]]:
    """For each type of the sketch, each of its fields (or enum values) as `schema` has it."""
    shapes: dict[str, dict[str, str]] = {}
    for name, sketch_type in SKETCH.type_map.items():
        ours = schema.type_map.get(name)
        if name.startswith("__"):
            continue
        if ours is None:
            shapes[name] = {"": "missing"}
            continue
        if isinstance(sketch_type, GraphQLEnumType):
            values = getattr(ours, "values", {})
            shapes[name] = {value: str(value in values) for value in sketch_type.values}
            continue
        fields = getattr(ours, "fields", {})
        shapes[name] = {
            field: _signature(fields.get(field), sketch_field)
            for field, sketch_field in getattr(sketch_type, "fields", {}).items()
        }
    return shapes


def test_schema_keeps_the_sketch_names_shapes_and_argument_types() -> None:
    schema = parse_sdl((ROOT / "schema.graphql").read_text())
    assert _shapes(schema) == _shapes(SKETCH)


def test_arguments_added_to_the_sketch_fields_are_optional() -> None:
    schema = parse_sdl((ROOT / "schema.graphql").read_text())
    required = []
    for name, sketch_type in SKETCH.type_map.items():
        for field_name, sketch_field in getattr(sketch_type, "fields", {}).items():
            field = schema.type_map[name].fields[field_name]  # type: ignore[attr-defined]
            for arg_name, arg in getattr(field, "args", {}).items():
                added = arg_name not in sketch_field.args
                if added and str(arg.type).endswith("!") and arg.ast_node.default_value is None:
                    required.append(f"{name}.{field_name}({arg_name})")
    assert required == []


SUGGESTIONS_AS_SKETCHED = """query($first: Int) {
  suggestions(first: $first) { person { name } }
}"""
NOTIFICATIONS_AS_SKETCHED = """query($first: Int, $unreadOnly: Boolean) {
  notifications(first: $first, unreadOnly: $unreadOnly) { title readAt }
}"""


async def test_sketch_nullable_arguments_take_null_as_their_default(
    api: GraphQLClient, world: World, db: Database, clock: ManualClock
) -> None:
    names = [f"Person {n:02d}" for n in range(1, 13)]
    await add_people(db, [{"email": f"p{n}@x.example", "name": name}
                          for n, name in enumerate(names)], clock())  # fmt: skip
    ids = {doc["name"]: doc["_id"] async for doc in db["people"].find({"name": {"$in": names}})}
    ana = world.ids["ana@acme.example"]
    items = [{"person_id": ids[name], "score": 1.0, "reasons": []} for name in names]
    await db[SUGGESTIONS.name].insert_one({"_id": ana, "items": items})
    for n in range(1, 23):
        await notify(db, None, [ana], kind=NotificationKind.ANNOUNCEMENT, title=f"Notice {n:02d}",
                     body="b", now=clock())  # fmt: skip
        clock.advance(minutes=1)
    token = await api.sign_in("ana@acme.example", world.code("ana@acme.example"))
    read = await api.data("{ notifications(first: 1) { id } }", token=token)
    await api.data("mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
                   {"ids": [read["notifications"][0]["id"]]}, token=token)  # fmt: skip

    suggested = await api.data(SUGGESTIONS_AS_SKETCHED, {"first": None}, token=token)
    notices = await api.data(
        NOTIFICATIONS_AS_SKETCHED, {"first": None, "unreadOnly": None}, token=token
    )
    assert [s["person"]["name"] for s in suggested["suggestions"]] == names[:10]
    # the 20 newest, the one read among them
    assert [(n["title"], n["readAt"] is not None) for n in notices["notifications"]] == [
        (f"Notice {n:02d}", n == 22) for n in range(22, 2, -1)
    ]
    assert await api.data(SUGGESTIONS_AS_SKETCHED, token=token) == suggested
