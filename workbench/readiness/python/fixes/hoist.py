"""LMI102/LMI103 fix: the client, resource, connection or pool moves to module scope (once per process). Safe for an
SDK client whose arguments are constants and module names; needs review otherwise (the arguments are then
evaluated at import, and a connection's ``close()`` in the handler goes with it).
"""

from __future__ import annotations

import builtins
import re
from typing import Any

import libcst as cst

from workbench.readiness.model import Applicability, Fix
from workbench.readiness.python.fixes.names import constant_name, cst_walk, dotted, local_names, referenced
from workbench.readiness.python.fixes.tree import Tree

_BUILTINS = frozenset(dir(builtins))
_SAFE_ARG_CALLS = frozenset({"os.environ.get", "os.getenv", "Config", "botocore.config.Config", "str", "int",
                             "float", "bool"})


def _dedent_call(tree: Tree, node: cst.CSTNode, stmt: cst.CSTNode) -> str:
    # code_for_node renders continuation lines relative to the enclosing block: ready for module level
    return tree.code(node)


def _blank_lines_before(tree: Tree, index: int) -> tuple[cst.EmptyLine, ...]:
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

def hoist(tree: Tree, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    found = tree.call_in_function(cand)
    if found is None:
        return None
    call, fn = found
    is_connection = cand["code"] == "LMI102"
    params, counts = local_names(fn)
    module_names = set(facts["module_names"])
    refs = referenced(call)
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
        name = constant_name(f"_{base}_{kind}", module_names | set(counts) | params)
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
    for node in cst_walk(call):
        if node is call:
            continue
        if isinstance(node, cst.Call):
            name = dotted(node.func)
            if name not in _SAFE_ARG_CALLS:
                return False
        if isinstance(node, cst.Name) and node.value not in imports and node.value not in ("True", "False", "None"):
            # a module-level name is fine when it is a constant (upper case by convention)
            if not node.value.isupper():
                return False
    return True


def _used_as_context(fn: cst.FunctionDef, name: str | None) -> bool:
    found = False

    class V(cst.CSTVisitor):
        def visit_WithItem(self, node: cst.WithItem) -> None:
            nonlocal found
            if isinstance(node.item, cst.Name) and node.item.value == name:
                found = True

    fn.visit(V())
    return found


def _drop_close_calls(tree: Tree, fn: cst.FunctionDef, name: str) -> None:
    """Remove ``name.close()`` statements; a ``finally`` left empty goes, and a try with nothing else unwraps."""

    class V(cst.CSTVisitor):
        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
            if len(node.body) == 1 and isinstance(node.body[0], cst.Expr) and isinstance(node.body[0].value, cst.Call):
                func = node.body[0].value.func
                if dotted(func) in (f"{name}.close", f"{name}.dispose"):
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
