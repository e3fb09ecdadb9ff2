"""Variables must be text: an unpaired surrogate (JSON's `"\\ud800"`, which no UTF-8 can hold)
is refused before execution as BAD_USER_INPUT naming the argument or input field it was for."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ArgumentNode, DocumentNode, ObjectFieldNode, VariableNode, visit
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from server.errors import BadUserInput
from server.services.common.validation import is_text

Path = tuple[str | int, ...]


def first_bad_text(variables: dict[str, object]) -> Path | None:
    """The path of the first string or key in `variables` that is not text (iteratively: a
    value nested hundreds deep must not exhaust the stack)."""
    stack: list[tuple[Path, object]] = [((name,), value) for name, value in variables.items()]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and not is_text(value):
            return path
        if isinstance(value, dict):
            for key, item in value.items():
                if not is_text(key):
                    return path
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
    return None


class _VariableUse(Visitor):
    """The argument or input field a variable is given to."""

    def __init__(self, variable: str) -> None:
        super().__init__()
        self.variable = variable
        self.field: str | None = None

    def enter_argument(self, node: ArgumentNode, *_: object) -> None:
        self._note(node)

    def enter_object_field(self, node: ObjectFieldNode, *_: object) -> None:
        self._note(node)

    def _note(self, node: ArgumentNode | ObjectFieldNode) -> None:
        if isinstance(node.value, VariableNode) and node.value.name.value == self.variable:
            self.field = self.field or node.name.value


def field_of(path: Path, document: DocumentNode) -> str:
    """An input field inside the variable by its own name, else the argument the variable
    is passed as, else the variable's name."""
    inner = [part for part in path[1:] if isinstance(part, str)]
    if inner:
        return inner[-1]
    use = _VariableUse(str(path[0]))
    visit(document, use)
    return use.field or str(path[0])


class TextVariables(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        bad = first_bad_text(context.variables or {})
        if bad is not None:
            assert context.graphql_document is not None
            field = field_of(bad, context.graphql_document)
            raise BadUserInput(f"{field} is not valid text (it has an unpaired surrogate).", field)
        yield
