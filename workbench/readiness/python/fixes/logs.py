"""LMI104 fix: the request id is added to the log call (``extra={"aws_request_id": ...}``, a structlog key, or a
leading print argument).
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from workbench.readiness.model import Applicability, Fix
from workbench.readiness.python.fixes.request_id import lambda_context
from workbench.readiness.python.fixes.tree import Tree


def log_request_id(tree: Tree, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    found = tree.call_in_function(cand)
    if found is None:
        return None
    call, fn = found
    ctx = lambda_context(tree, fn)
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
