"""Python fixes as libcst transformations: the fixed module is printed back with every other byte of
formatting and every comment kept, and the patch is the diff of the two texts.

- LMI102/LMI103 hoist: the client, resource, connection or pool moves to module scope (once per process).
  Safe for an SDK client whose arguments are constants and module names; needs review otherwise (the
  arguments are then evaluated at import, and a connection's ``close()`` in the handler goes with it).
- LMI101: the ``/tmp`` path gets ``context.aws_request_id`` (or a uuid when the function has no context) in its
  name, and the rest of the block runs in ``try``/``finally`` that removes the file.
- LMI104: the request id is added to the log call (``extra={"aws_request_id": ...}``, a structlog key, or a
  leading print argument).

Every builder returns None rather than a fix it cannot make correctly (arguments that use request data, a
connection used as a context manager, no request id in reach...).
"""

from __future__ import annotations

import ast
import builtins
import gc
import re
from collections.abc import Mapping
from typing import Any, TypeVar

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from workbench.readiness.model import Applicability, Fix
from workbench.readiness.python.facts.extractor import PARSER_NEWER
from workbench.readiness.python.facts.vocabulary import CONTEXT_NAMES

_BUILTINS = frozenset(dir(builtins))
_SAFE_ARG_CALLS = frozenset({"os.environ.get", "os.getenv", "Config", "botocore.config.Config", "str", "int",
                             "float", "bool"})
_NodeT = TypeVar("_NodeT", bound=cst.CSTNode)
# a statement that stands directly in a block, and the block (a function's or the module's body)
_Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement
_Block = cst.IndentedBlock | cst.Module
# a parsed text: the module, node positions, each node's parent, nodes by (line, 0-based column) of their start
_Base = tuple[cst.Module, Mapping[cst.CSTNode, CodeRange], dict[cst.CSTNode, cst.CSTNode],
              dict[tuple[int, int], list[cst.CSTNode]]]


class _Tree:
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
            if name in _bound_names(stmt):
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
        parents = _parents(module)
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


def _parents(module: cst.Module) -> dict[cst.CSTNode, cst.CSTNode]:
    visitor = _ParentsVisitor()
    module.visit(visitor)
    return visitor.parents


def _bound_names(stmt: cst.CSTNode) -> set[str]:
    names: set[str] = set()
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        names.add(stmt.name.value)
        return names

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            names.add(node.name.value)
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            names.add(node.name.value)
            return False

        def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
            if node.asname is not None and isinstance(node.asname.name, cst.Name):
                names.add(node.asname.name.value)
            else:
                head: cst.BaseExpression = node.name
                while isinstance(head, cst.Attribute):
                    head = head.value
                if isinstance(head, cst.Name):
                    names.add(head.value)

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            names.update(n.value for n in _names(node.target))

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            names.update(n.value for n in _names(node.target))

    stmt.visit(V())
    return names


def _names(node: cst.CSTNode) -> list[cst.Name]:
    """Name nodes of a target (``a``, ``a, b``), not attribute or subscript parts."""
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, (cst.Tuple, cst.List)):
        out = []
        for element in node.elements:
            out.extend(_names(element.value))
        return out
    if isinstance(node, cst.StarredElement):
        return _names(node.value)
    return []


def _referenced(node: cst.CSTNode) -> set[str]:
    """Names an expression reads (not attribute names or keyword argument names)."""
    found: set[str] = set()

    class V(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)
            return False

        def visit_Arg(self, node: cst.Arg) -> bool:
            node.value.visit(self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

    node.visit(V())
    return found


def _local_names(fn: cst.FunctionDef) -> tuple[set[str], dict[str, int]]:
    """(parameter names, how many times each name is bound in the function body)."""
    params = {p.name.value for p in (*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params)}
    for star in (fn.params.star_arg, fn.params.star_kwarg):
        if isinstance(star, cst.Param):
            params.add(star.name.value)
    counts: dict[str, int] = {}

    def bump(name: str) -> None:
        counts[name] = counts.get(name, 0) + 1

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is fn

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            for n in _names(node.target):
                bump(n.value)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            for n in _names(node.target):
                bump(n.value)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            for n in _names(node.target):
                bump(n.value)

        def visit_For(self, node: cst.For) -> None:
            for n in _names(node.target):
                bump(n.value)

        def visit_AsName(self, node: cst.AsName) -> None:
            for n in _names(node.name):
                bump(n.value)

        def visit_Global(self, node: cst.Global) -> None:
            for item in node.names:
                bump(item.name.value)
                bump(item.name.value)

        def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
            for item in node.names:
                bump(item.name.value)
                bump(item.name.value)

        def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
            for name in _bound_names(cst.SimpleStatementLine([cst.Import(names=[node])])):
                bump(name)

    fn.visit(V())
    return params, counts


class _Apply(cst.CSTTransformer):
    def __init__(self, tree: _Tree) -> None:
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


def _dedent_call(tree: _Tree, node: cst.CSTNode, stmt: cst.CSTNode) -> str:
    # code_for_node renders continuation lines relative to the enclosing block: ready for module level
    return tree.code(node)


def _blank_lines_before(tree: _Tree, index: int) -> tuple[cst.EmptyLine, ...]:
    """Blank lines for a statement inserted at ``index`` of the module: those of the statement it goes before
    (comments stay with their statement), else two after a definition."""
    if index < len(tree.module.body):
        blank = tuple(line for line in tree.module.body[index].leading_lines if line.comment is None)
        if blank:
            return blank
    prev = tree.module.body[index - 1] if index > 0 else None
    if isinstance(prev, (cst.FunctionDef, cst.ClassDef)) or (
            isinstance(prev, cst.BaseCompoundStatement) and index < len(tree.module.body) and
            isinstance(tree.module.body[index] if index < len(tree.module.body) else None,
                       (cst.FunctionDef, cst.ClassDef))):
        return (cst.EmptyLine(), cst.EmptyLine())
    return ()


def _constant_name(base: str, taken: set[str]) -> str:
    name = base
    n = 2
    while name in taken:
        name = f"{base}_{n}"
        n += 1
    return name


# ----- LMI102 / LMI103: hoist to module scope --------------------------------------------------------------


def _hoist(tree: _Tree, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    call = tree.at(cand["line"], cand["col"], (cst.Call,), (cand["end_line"], cand["end_col"]))
    if call is None:
        return None
    fn = tree.function(call)
    if fn is None:
        return None
    is_connection = cand["code"] == "LMI102"
    params, counts = _local_names(fn)
    module_names = set(facts["module_names"])
    refs = _referenced(call)
    local = {n for n in refs if n in params or n in counts}
    if local:
        return None  # built from request data or local state: hoisting would change what it connects to
    unknown = {n for n in refs if n not in module_names and n not in _BUILTINS}
    if unknown:
        return None
    located = tree.statement(call)
    if located is None:
        return None
    stmt, block = located
    top_index = tree.top_level(fn)
    # where the module-level statement can go: after every binding of a name it uses, before the function
    after = max((tree.module_binding_index(n) or 0 for n in refs if n in module_names), default=0)
    index = max(after + 1, top_index) if after >= top_index else top_index
    # case A: ``name = <call>`` as its own statement, ``name`` bound nowhere else in the function
    target = None
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign):
        assign = stmt.body[0]
        if assign.value is call and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
            target = assign.targets[0].target.value
    if target is not None and (counts.get(target, 0) != 1 or target in params):
        target = None
    identical = False
    if target is not None and target in module_names:
        bound = tree.module_binding_index(target)
        stmt_code = f"{target} = {_dedent_call(tree, call, stmt)}"
        identical = bound is not None and tree.code(tree.module.body[bound]).strip() == stmt_code.strip()
        if not identical:
            target = None
    if is_connection and target is None:
        return None  # a connection passed around or returned: its lifetime is the caller's business
    if is_connection and _used_as_context(fn, target):
        return None
    value_code = _dedent_call(tree, call, stmt)
    if target is not None:
        tree.remove.add(id(stmt))
        if not identical:
            new = cst.parse_statement(f"{target} = {value_code}\n")
            lead = tuple(line for line in stmt.leading_lines if line.comment is not None)
            new = new.with_changes(leading_lines=_blank_lines_before(tree, index) + lead)
            tree.module_inserts.append((index, new))
        name = target
        if is_connection:
            _drop_close_calls(tree, fn, target)
    else:
        service = cand.get("service")
        base = re.sub(r"\W", "_", str(service)).upper() if service else "AWS"
        kind = "RESOURCE" if call.func and tree.code(call.func).endswith("resource") else "CLIENT"
        name = _constant_name(f"_{base}_{kind}", module_names | set(counts) | params)
        new = cst.parse_statement(f"{name} = {value_code}\n")
        new = new.with_changes(leading_lines=_blank_lines_before(tree, index))
        tree.module_inserts.append((index, new))
        tree.replace[id(call)] = cst.Name(name)
    safe = not is_connection and _constant_args(call, facts)
    what = "connection" if is_connection else "client"
    description = (f"create {name} once at module level instead of on every invocation" +
                   ("" if safe else " (check that its arguments are right at import time"
                    + ("; the handler no longer closes it" if is_connection else "") + ")"))
    return Fix(description=description[:500] if what else description,
               applicability=Applicability.SAFE if safe else Applicability.NEEDS_REVIEW,
               new_text=tree.render())


def _constant_args(call: cst.Call, facts: dict[str, Any]) -> bool:
    """Only literals, imported modules and module-level names in the arguments, and only harmless calls."""
    imports = facts["imports"]
    for node in _walk(call):
        if node is call:
            continue
        if isinstance(node, cst.Call):
            name = _dotted(node.func)
            if name not in _SAFE_ARG_CALLS:
                return False
        if isinstance(node, cst.Name) and node.value not in imports and node.value not in ("True", "False", "None"):
            # a module-level name is fine when it is a constant (upper case by convention)
            if not node.value.isupper():
                return False
    return True


def _walk(node: cst.CSTNode):
    yield node
    for child in node.children:
        if isinstance(node, cst.Attribute) and child is node.attr:
            continue
        if isinstance(node, cst.Arg) and child is node.keyword:
            continue
        yield from _walk(child)


def _dotted(node: cst.CSTNode) -> str | None:
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def _used_as_context(fn: cst.FunctionDef, name: str | None) -> bool:
    found = False

    class V(cst.CSTVisitor):
        def visit_WithItem(self, node: cst.WithItem) -> None:
            nonlocal found
            if isinstance(node.item, cst.Name) and node.item.value == name:
                found = True

    fn.visit(V())
    return found


def _drop_close_calls(tree: _Tree, fn: cst.FunctionDef, name: str) -> None:
    """Remove ``name.close()`` statements; a ``finally`` left empty goes, and a try with nothing else unwraps."""

    class V(cst.CSTVisitor):
        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
            if len(node.body) == 1 and isinstance(node.body[0], cst.Expr) and isinstance(node.body[0].value, cst.Call):
                func = node.body[0].value.func
                if _dotted(func) in (f"{name}.close", f"{name}.dispose"):
                    closes.append(node)

    closes: list[cst.SimpleStatementLine] = []
    fn.visit(V())
    for stmt in closes:
        line_block = tree.parents.get(stmt)
        final = tree.parents.get(line_block) if line_block is not None else None
        if isinstance(final, cst.Finally) and len(final.body.body) == 1:
            try_node = tree.parents[final]
            if isinstance(try_node, cst.Try) and not try_node.handlers and try_node.orelse is None:
                body = list(try_node.body.body)
                lead = try_node.leading_lines
                tree.replace[id(try_node)] = lambda updated, body=body, lead=lead: cst.FlattenSentinel(
                    [body[0].with_changes(leading_lines=lead)] + body[1:])
            elif isinstance(try_node, cst.Try):
                tree.replace[id(try_node)] = lambda updated: updated.with_changes(finalbody=None)
        else:
            tree.remove.add(id(stmt))


# ----- LMI101: unique /tmp path, removed in finally ----------------------------------------------------------


# Decorators that hand the function something else than Lambda's context object as its second parameter: the
# AWS Durable Execution SDK passes a DurableContext (or StepContext...) that has no aws_request_id ("Python SDK",
# AWS Durable Execution SDK reference: @durable_execution, @durable_step, @durable_with_child_context...).
_NOT_LAMBDA_CONTEXT_DECORATORS = ("durable_execution", "durable_step", "durable_with_child_context",
                                  "durable_parallel_branch", "durable_wait_for_callback")


def _lambda_context(tree: _Tree, fn: cst.FunctionDef) -> str | None:
    """The parameter holding Lambda's context object (with ``aws_request_id``), when that is certain: named like
    one, not annotated with another type, and the function (or one it is nested in) is not decorated by a
    framework that passes its own context."""
    for scope in (fn, *(a for a in tree.ancestors(fn) if isinstance(a, cst.FunctionDef))):
        for deco in scope.decorators:
            target = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
            name = (_dotted(target) or "").rsplit(".", 1)[-1]
            if name.startswith(_NOT_LAMBDA_CONTEXT_DECORATORS):
                return None
    for param in (*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params):
        if param.name.value not in CONTEXT_NAMES:
            continue
        if param.annotation is not None:
            annotation = tree.code(param.annotation.annotation).strip().strip("'\"")
            if annotation.rsplit(".", 1)[-1] != "LambdaContext":
                return None
        return param.name.value
    return None


def _request_id(tree: _Tree, fn: cst.FunctionDef, facts: dict[str, Any]) -> str:
    param = _lambda_context(tree, fn)
    if param is not None:
        return f"{param}.aws_request_id"
    tree.ensure_import("uuid")
    return "uuid.uuid4().hex"


def _tmp(tree: _Tree, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    if cand.get("kind") in ("into", "command", "wipe", "cwd", "default"):
        return None  # a folder a call fills, or a command line: which folder to use and remove is for a person
    literal = tree.at(cand["line"], cand["col"], (cst.SimpleString, cst.FormattedString),
                      (cand["end_line"], cand["end_col"]))
    if literal is None:
        return None
    fn = tree.function(literal)
    if fn is None:
        return None
    located = tree.statement(literal)
    if located is None:
        return None
    stmt, block = located
    if not isinstance(block, cst.IndentedBlock):
        return None
    parent = tree.parents.get(literal)
    var = cand.get("var")
    if cand.get("kind") == "shared":
        rid = _request_id(tree, fn, facts)
        new_code = _unique_literal(tree, literal, rid, left_of_add=isinstance(parent, cst.BinaryOperation)
                                   and parent.left is literal and isinstance(parent.operator, cst.Add))
        if new_code is None:
            return None
        new_literal = cst.parse_expression(new_code)
    else:
        new_literal = None
    params, counts = _local_names(fn)
    first: cst.BaseStatement  # the statement the try/finally starts at
    if var is None:
        # an inline path: name it, so that it can be removed afterwards
        if not isinstance(parent, cst.Arg) or isinstance(stmt, cst.Return):
            return None
        var = _constant_name("tmp_path", params | set(counts) | set(facts["module_names"]))
        value = new_literal if new_literal is not None else literal
        assign = cst.SimpleStatementLine([cst.Assign(targets=[cst.AssignTarget(cst.Name(var))], value=value)],
                                         leading_lines=stmt.leading_lines)
        tree.insert_before.setdefault(id(stmt), []).append(assign)
        tree.replace[id(literal)] = cst.Name(var)
        first = stmt
    else:
        if new_literal is not None:
            tree.replace[id(literal)] = new_literal
        body = list(block.body)
        index = body.index(stmt)
        if index + 1 >= len(body):
            return None  # nothing uses it afterwards in this block
        first = body[index + 1]
    cleanup = _cleanup(tree, fn, var)
    if cleanup is not None:
        tree.wrap_from[id(block)] = (first, cleanup)
    elif cand.get("kind") != "shared":
        return None
    what = "made unique per request and removed in a finally block" if cand.get("kind") == "shared" else \
        "removed in a finally block"
    return Fix(description=f"/tmp path {what}", applicability=Applicability.NEEDS_REVIEW, new_text=tree.render())


def _unique_literal(tree: _Tree, node: cst.CSTNode, rid: str, *, left_of_add: bool) -> str | None:
    code = tree.code(node)
    match = re.match(r"^([A-Za-z]*)('''|\"\"\"|'|\")", code)
    if match is None or match.group(2) in ("'''", '"""'):
        return None
    prefix, quote = match.group(1), match.group(2)
    if "b" in prefix.lower():
        return None
    body = code[len(prefix) + len(quote):-len(quote)]
    if not body.startswith("/tmp/"):
        return None
    rest = body[5:]
    if not rest and not left_of_add:
        return None
    if isinstance(node, cst.SimpleString):
        rest = rest.replace("{", "{{").replace("}", "}}")
        prefix = prefix.replace("u", "").replace("U", "")
        prefix = prefix + "f"
    return f"{prefix}{quote}/tmp/{{{rid}}}-{rest}{quote}"


def _cleanup(tree: _Tree, fn: cst.FunctionDef, var: str) -> list[cst.BaseStatement] | None:
    code = tree.code(fn)
    if re.search(rf"\b(os\.remove|os\.unlink|shutil\.rmtree)\(\s*{re.escape(var)}\b", code) or \
            re.search(rf"\b{re.escape(var)}\.unlink\(", code):
        return None
    is_dir = re.search(rf"\b(os\.makedirs|os\.mkdir)\(\s*{re.escape(var)}\b", code) or \
        re.search(rf"\b{re.escape(var)}\.mkdir\(", code)
    if is_dir:
        tree.ensure_import("shutil")
        return [cst.parse_statement(f"shutil.rmtree({var}, ignore_errors=True)\n")]
    tree.ensure_import("os")
    return [cst.parse_statement(f"if os.path.exists({var}):\n    os.remove({var})\n")]


# ----- LMI104: the request id in the log call ----------------------------------------------------------------


def _log(tree: _Tree, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    call = tree.at(cand["line"], cand["col"], (cst.Call,), (cand["end_line"], cand["end_col"]))
    if call is None:
        return None
    fn = tree.function(call)
    if fn is None:
        return None
    ctx = _lambda_context(tree, fn)
    if ctx is None:
        return None  # no Lambda context in reach (or another framework's context object): nothing to add
    rid = f"{ctx}.aws_request_id"
    kind = cand.get("kind")
    if kind == "print":
        arg = cst.Arg(cst.parse_expression(rid))
        tree.replace[id(call)] = lambda updated: updated.with_changes(args=[arg, *updated.args])
        return Fix(description="print the request id first on the line", applicability=Applicability.NEEDS_REVIEW,
                   new_text=tree.render())
    if kind == "structlog":
        arg = cst.Arg(cst.parse_expression(rid), keyword=cst.Name("aws_request_id"),
                      equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
        tree.replace[id(call)] = lambda updated: updated.with_changes(args=[*updated.args, arg])
        return Fix(description="bind the request id to this log event", applicability=Applicability.SAFE,
                   new_text=tree.render())
    extra = next((a for a in call.args if a.keyword is not None and a.keyword.value == "extra"), None)
    entry = f'"aws_request_id": {rid}'
    if extra is None:
        arg = cst.Arg(cst.parse_expression("{" + entry + "}"), keyword=cst.Name("extra"),
                      equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
        tree.replace[id(call)] = lambda updated: updated.with_changes(args=[*updated.args, arg])
    elif isinstance(extra.value, cst.Dict):
        element = cst.DictElement(cst.parse_expression('"aws_request_id"'), cst.parse_expression(rid))
        tree.replace[id(extra.value)] = lambda updated: updated.with_changes(elements=[element, *updated.elements])
    else:
        return None
    safe = kind == "powertools"
    note = "" if safe else " (make sure the log format prints it, e.g. %(aws_request_id)s)"
    return Fix(description=f"pass the request id with the log record{note}",
               applicability=Applicability.SAFE if safe else Applicability.NEEDS_REVIEW, new_text=tree.render())


# ----- entry --------------------------------------------------------------------------------------------------


def build_fix(text: str, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    """The fix for one candidate hit, or None; the fixed text always parses (with the parser that read the file).
    A byte-order mark stays where it is."""
    if text.startswith("\ufeff"):
        shifted = dict(cand)
        if cand["line"] == 1:
            shifted["col"] -= 1
        if cand["end_line"] == 1:
            shifted["end_col"] -= 1
        fix = build_fix(text[1:], shifted, facts)
        if fix is None or fix.new_text is None:
            return fix
        return Fix(fix.description, fix.applicability, new_text="\ufeff" + fix.new_text)
    builder = _BUILDERS.get(cand["code"])
    if builder is None or cand.get("kind") in ("wipe", "cwd"):
        return None  # deleting all of /tmp, or writing relative to a /tmp working directory: no mechanical fix
    if len(text) >= REGION_MIN_CHARS and facts.get("parser") != PARSER_NEWER:
        fix = _build_in_region(text, cand, facts, builder)
    else:
        fix = _build(text, cand, facts, builder)
    if fix is None or fix.new_text is None or fix.new_text == text:
        return None
    if not parses(fix.new_text, newer=facts.get("parser") == PARSER_NEWER):
        return None
    return fix


def _build(text: str, cand: dict[str, Any], facts: dict[str, Any], builder: Any) -> Fix | None:
    try:
        tree = _Tree(text)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    return builder(tree, cand, facts)


# ----- large files: build the fix on the part of the module it changes -----------------------------------------

# From this size the fix is built on a compact module: the top-level statements the fix can touch (the one
# holding the finding, its neighbours, the imports and the statements that bind the names it uses), not the
# whole file. libcst's metadata over a 1 MB module took ~40 s and ~0.5 GB (bench/bench_big_file.py).
REGION_MIN_CHARS = 60_000
_GROUPS: dict[str, list[tuple[int, int, list[ast.stmt]]]] = {}


def _groups(text: str) -> list[tuple[int, int, list[ast.stmt]]]:
    """Top-level statements as (first line, last line, statements): leading comments and blank lines belong to
    the statement below them, statements sharing a line (``a = 1; b = 2``) are one group, and trailing lines
    belong to the last group."""
    cached = _GROUPS.get(text)
    if cached is not None:
        return cached
    enabled = gc.isenabled()
    gc.disable()  # a large tree and nothing to collect: the collector only slows the parse down (design.md)
    try:
        tree = ast.parse(text)
    finally:
        if enabled:
            gc.enable()
    groups: list[list[Any]] = []
    prev_end = 0
    for stmt in tree.body:
        first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())])
        end = stmt.end_lineno or stmt.lineno
        if groups and first <= prev_end:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append(stmt)
        else:
            groups.append([prev_end + 1, end, [stmt]])
        prev_end = max(prev_end, end)
    total = text.count("\n") + (0 if text.endswith("\n") else 1)
    if groups:
        groups[-1][1] = max(groups[-1][1], total)
    out = [(g[0], g[1], g[2]) for g in groups]
    _GROUPS.clear()
    _GROUPS[text] = out
    return out


def _binds(stmt: ast.stmt) -> set[str]:
    names: set[str] = set()
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _build_in_region(text: str, cand: dict[str, Any], facts: dict[str, Any], builder: Any) -> Fix | None:
    import difflib

    try:
        groups = _groups(text)
    except (SyntaxError, ValueError, RecursionError):
        return None
    at = next((i for i, (first, end, _) in enumerate(groups) if first <= cand["line"] <= end), None)
    if at is None or cand["end_line"] > groups[at][1]:
        return None
    used = {n.id for stmt in groups[at][2] for n in ast.walk(stmt) if isinstance(n, ast.Name)}
    keep = {0, at - 1, at, at + 1}
    for index, (_, _, stmts) in enumerate(groups):
        if any(isinstance(st, (ast.Import, ast.ImportFrom)) for st in stmts) or \
                any(_binds(st) & used for st in stmts):
            keep.update((index - 1, index, index + 1))
    kept = sorted(i for i in keep if 0 <= i < len(groups))
    lines = text.split("\n")  # the last element is what follows the final newline ("" when it ends with one)
    compact: list[str] = []
    origin: list[int] = []    # 0-based original line of each compact line
    for index in kept:
        first, end, _ = groups[index]
        for line in range(first - 1, end):
            compact.append(lines[line])
            origin.append(line)
    ends_with_newline = text.endswith("\n")
    if not ends_with_newline and origin and origin[-1] == len(lines) - 1:
        compact_text = "\n".join(compact)
    else:
        compact_text = "\n".join(compact) + "\n"
    shifted = dict(cand)
    shifted["line"] = origin.index(cand["line"] - 1) + 1
    shifted["end_line"] = origin.index(cand["end_line"] - 1) + 1
    fix = _build(compact_text, shifted, facts, builder)
    if fix is None or fix.new_text is None:
        return fix
    before_lines = compact_text.split("\n")
    after_lines = fix.new_text.split("\n")
    if (before_lines[-1] != "" or after_lines[-1] != "") and before_lines[-1] != after_lines[-1]:
        return None  # the last line changed its ending: not worth mapping back
    before_lines, after_lines = before_lines[:-1], after_lines[:-1]
    out = list(lines)
    ops = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag == "equal":
            continue
        if i2 > i1:
            start, stop = origin[i1], origin[i2 - 1] + 1
            if stop - start != i2 - i1:
                return None  # spans lines the compact module left out: build it whole instead (not here)
        else:
            start = stop = origin[i1] if i1 < len(origin) else len(lines) - (0 if not ends_with_newline else 1)
        out[start:stop] = after_lines[j1:j2]
    return Fix(fix.description, fix.applicability, new_text="\n".join(out))


_BUILDERS = {"LMI101": _tmp, "LMI102": _hoist, "LMI103": _hoist, "LMI104": _log}


def parses(text: str, *, newer: bool = False) -> bool:
    """Whether ``text`` is valid Python: this interpreter's ``ast``, or libcst's newer grammar for files that
    use it."""
    try:
        # compiled, not parsed into Python objects: the same syntax check, several times faster on large files
        compile(text, "<fixed>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        if not newer:
            return False
    except RecursionError:
        return False
    try:
        cst.parse_module(text)
        return True
    except Exception:  # noqa: BLE001
        return False
