"""A Python module parsed with libcst for a fix: node positions and parents, the node at a place, and the edits to
make (replace, remove, insert before, wrap in try/finally, statements and imports added at module level) applied
in one pass; parsed once per text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from workbench.readiness.model import Fix
from workbench.readiness.python.fixes.names import bound_names

_NodeT = TypeVar("_NodeT", bound=cst.CSTNode)
# a statement that stands directly in a block, and the block (a function's or the module's body)
_Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement
_Block = cst.IndentedBlock | cst.Module
# a parsed text: the module, node positions, each node's parent, nodes by (line, 0-based column) of their start
_Base = tuple[cst.Module, Mapping[cst.CSTNode, CodeRange], dict[cst.CSTNode, cst.CSTNode],
              dict[tuple[int, int], list[cst.CSTNode]]]


class Tree:
    """A parsed module with positions and parents, and the edits to make in one pass."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.module, self.positions, self.parents, self._starts = _base(text)
        self.replace: dict[int, Any] = {}          # id(original) -> new node, or a function of the updated node
        self.remove: set[int] = set()
        self.insert_before: dict[int, list[cst.BaseStatement]] = {}   # id(statement) -> statements to put before it
        self.wrap_from: dict[int, tuple[cst.CSTNode, Any]] = {}  # id(block) -> (first statement, finally stmts)
        self.module_inserts: list[tuple[int, _Statement]] = []  # (index in module.body, statement)
        self.imports: set[str] = set()

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def at(self, line: int, column: int, types: tuple[type[_NodeT], ...],
           end: tuple[int, int] | None = None) -> _NodeT | None:
        """The node of one of ``types`` starting at (1-based) line and column; ending at ``end`` when given."""
        best: _NodeT | None = None
        for node in self._starts.get((line, column - 1), ()):
            pos = self.positions[node]
            if isinstance(node, types):
                if end is not None and (pos.end.line, pos.end.column + 1) == end:
                    return node
                if best is None or (pos.end.line, pos.end.column) > (self.positions[best].end.line,
                                                                     self.positions[best].end.column):
                    best = node
        return best

    def call_in_function(self, cand: dict[str, Any]) -> tuple[cst.Call, cst.FunctionDef] | None:
        """The call a candidate hit is at (its exact range) and the function around it; None when either is
        missing (the fix builders of calls start here)."""
        call = self.at(cand["line"], cand["col"], (cst.Call,), (cand["end_line"], cand["end_col"]))
        fn = self.function(call) if call is not None else None
        return (call, fn) if call is not None and fn is not None else None

    def ancestors(self, node: cst.CSTNode):
        while node in self.parents:
            node = self.parents[node]
            yield node

    def function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        return next((a for a in self.ancestors(node) if isinstance(a, cst.FunctionDef)), None)

    def statement(self, node: cst.CSTNode) -> tuple[_Statement, _Block] | None:
        """(statement, its block) for the statement that contains ``node`` directly in a block."""
        child = node
        for parent in self.ancestors(node):
            if isinstance(parent, (cst.IndentedBlock, cst.Module)) and isinstance(
                    child, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                return child, parent
            child = parent
        return None

    def top_level(self, node: cst.CSTNode) -> int:
        child = node
        for parent in self.ancestors(node):
            if isinstance(parent, cst.Module):
                statements: list[cst.CSTNode] = list(parent.body)
                return statements.index(child)
            child = parent
        return 0

    def module_binding_index(self, name: str) -> int | None:
        last = None
        for index, stmt in enumerate(self.module.body):
            if name in bound_names(stmt):
                last = index
        return last

    def ensure_import(self, module: str) -> None:
        for stmt in self.module.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.Import) and any(
                            self.code(a.name) == module and a.asname is None for a in small.names):
                        return
        self.imports.add(module)

    def render(self) -> str:
        return self.module.visit(_Apply(self)).code


_BASES: dict[str, _Base] = {}


def _base(text: str) -> _Base:
    """The parsed module, its positions and parents, and nodes by start position: built once per text (a file
    with several findings is parsed once; libcst trees are immutable, so every fix can start from it)."""
    base = _BASES.get(text)
    if base is None:
        module = cst.parse_module(text)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
        parents = parent_map(module)
        starts: dict[tuple[int, int], list[cst.CSTNode]] = {}
        for node, pos in positions.items():
            starts.setdefault((pos.start.line, pos.start.column), []).append(node)
        base = (module, positions, parents, starts)
        _BASES.clear()  # the scanner builds a file's fixes one after another: keep the last file only
        _BASES[text] = base
    return base


class _ParentsVisitor(cst.CSTVisitor):
    """Each node's parent from one pass down the tree: the map libcst's ParentNodeProvider builds (the same
    children, visited in the same order), in about a third of its time (it lists every node's children again)."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._stack:
            self.parents[node] = self._stack[-1]
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


def parent_map(module: cst.Module) -> dict[cst.CSTNode, cst.CSTNode]:
    visitor = _ParentsVisitor()
    module.visit(visitor)
    return visitor.parents



class _Apply(cst.CSTTransformer):
    def __init__(self, tree: Tree) -> None:
        super().__init__()
        self.t = tree

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):  # type: ignore[override]
        key = id(original)
        if key in self.t.remove:
            return cst.RemoveFromParent()
        if key in self.t.replace:
            new = self.t.replace[key]
            updated = new(updated) if callable(new) else new
        if isinstance(updated, cst.IndentedBlock) and isinstance(original, cst.IndentedBlock):
            # a replacement is never a block (calls, strings and try statements are replaced): a block stays one
            updated = self._block(original, updated)
        if isinstance(updated, cst.Module):
            updated = self._module(updated)
        return updated

    def _block(self, original: cst.IndentedBlock, updated: cst.IndentedBlock) -> cst.IndentedBlock:
        body: list[cst.BaseStatement] = []
        originals = {id(s) for s in original.body}
        pairs = list(zip(original.body, updated.body)) if len(original.body) == len(updated.body) else None
        wrap = self.t.wrap_from.get(id(original))
        if pairs is None:
            # a statement was removed (or flattened): no insertions or wrapping in this block
            if not updated.body:
                return updated.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
            return updated
        for index, (orig, new) in enumerate(pairs):
            for extra in self.t.insert_before.get(id(orig), []):
                body.append(extra)
            if wrap is not None and orig is wrap[0]:
                rest = [n for _, n in pairs[index:]]
                head = rest[0]
                # libcst's only statements are these two (BaseStatement is there to type a block's body)
                assert isinstance(head, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
                final = cst.Finally(body=cst.IndentedBlock(body=list(wrap[1])))
                body.append(cst.Try(body=cst.IndentedBlock(body=rest), finalbody=final,
                                    leading_lines=head.leading_lines))
                rest[0] = head.with_changes(leading_lines=())
                body[-1] = body[-1].with_changes(body=cst.IndentedBlock(body=rest))
                break
            body.append(new)
        del originals
        return updated.with_changes(body=body)

    def _module(self, module: cst.Module) -> cst.Module:
        body = list(module.body)
        for index, stmt in sorted(self.t.module_inserts, key=lambda p: p[0], reverse=True):
            body.insert(index, stmt)
        if self.t.imports:
            at = 0
            for i, stmt in enumerate(body):
                if isinstance(stmt, cst.SimpleStatementLine) and any(
                        isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body):
                    at = i + 1
                elif at == 0 and i == 0 and isinstance(stmt, cst.SimpleStatementLine) and isinstance(
                        stmt.body[0], cst.Expr) and isinstance(stmt.body[0].value, cst.SimpleString):
                    at = 1
            for name in sorted(self.t.imports, reverse=True):
                body.insert(at, cst.parse_statement(f"import {name}\n"))
        return module.with_changes(body=body)


def build_with(text: str, cand: dict[str, Any], facts: dict[str, Any], builder: Any) -> Fix | None:
    """The fix ``builder`` makes on ``text`` parsed; None when libcst cannot parse it."""
    try:
        tree = Tree(text)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    return builder(tree, cand, facts)
