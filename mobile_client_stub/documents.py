"""The client's operations: named GraphQL documents kept in `operations/*.graphql`, one
request per operation with only the fragments it uses."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    Node,
    OperationDefinitionNode,
    parse,
    visit,
)
from graphql.language import Visitor

OPERATIONS_DIR = Path(__file__).parent / "operations"


def operation_files() -> list[Path]:
    return sorted(OPERATIONS_DIR.glob("*.graphql"))


class _SpreadCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: object) -> None:
        self.names.add(node.name.value)


def _spreads(node: Node) -> set[str]:
    collector = _SpreadCollector()
    visit(node, collector)
    return collector.names


def _with_fragments(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> DocumentNode:
    needed: dict[str, FragmentDefinitionNode] = {}
    waiting = _spreads(operation)
    while waiting:
        name = waiting.pop()
        if name not in needed:
            needed[name] = fragments[name]
            waiting |= _spreads(fragments[name])
    return DocumentNode(definitions=(operation, *needed.values()))


@cache
def operations() -> dict[str, DocumentNode]:
    """Every operation by name, each a document the server can run alone."""
    found: dict[str, DocumentNode] = {}
    for path in operation_files():
        document = parse(path.read_text(encoding="utf-8"))
        fragments = {
            node.name.value: node
            for node in document.definitions
            if isinstance(node, FragmentDefinitionNode)
        }
        for node in document.definitions:
            if isinstance(node, OperationDefinitionNode) and node.name is not None:
                if node.name.value in found:
                    raise ValueError(f"operation {node.name.value} is defined twice")
                found[node.name.value] = _with_fragments(node, fragments)
    return found
