"""LMI101 fix: the ``/tmp`` path gets ``context.aws_request_id`` (or a uuid when the function has no context) in its
name, and the rest of the block runs in ``try``/``finally`` that removes the file.
"""

from __future__ import annotations

import re
from typing import Any

import libcst as cst

from workbench.readiness.model import Applicability, Fix
from workbench.readiness.python.fixes.names import constant_name, local_names
from workbench.readiness.python.fixes.request_id import request_id
from workbench.readiness.python.fixes.tree import Tree


def unique_tmp_path(tree: Tree, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
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
    if cand.get("kind") in ("shared", "object"):
        rid = request_id(tree, fn, facts)
        new_code = _unique_literal(tree, literal, rid, left_of_add=isinstance(parent, cst.BinaryOperation)
                                   and parent.left is literal and isinstance(parent.operator, cst.Add))
        if new_code is None:
            return None
        new_literal = cst.parse_expression(new_code)
    else:
        new_literal = None
    params, counts = local_names(fn)
    first: cst.BaseStatement  # the statement the try/finally starts at
    if var is None:
        # an inline path: name it, so that it can be removed afterwards
        if not isinstance(parent, cst.Arg) or isinstance(stmt, cst.Return):
            return None
        var = constant_name("tmp_path", params | set(counts) | set(facts["module_names"]))
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
    elif cand.get("kind") not in ("shared", "object"):
        return None
    what = "made unique per request and removed in a finally block" if cand.get("kind") in ("shared", "object") else \
        "removed in a finally block"
    return Fix(description=f"/tmp path {what}", applicability=Applicability.NEEDS_REVIEW, new_text=tree.render())


def _unique_literal(tree: Tree, node: cst.CSTNode, rid: str, *, left_of_add: bool) -> str | None:
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


def _cleanup(tree: Tree, fn: cst.FunctionDef, var: str) -> list[cst.BaseStatement] | None:
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
