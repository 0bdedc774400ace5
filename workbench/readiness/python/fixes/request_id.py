"""The request id in reach of a function for a fix: its Lambda context parameter's ``aws_request_id`` when that is
certain, else a uuid.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from workbench.readiness.python.facts.vocabulary import CONTEXT_NAMES
from workbench.readiness.python.fixes.names import dotted
from workbench.readiness.python.fixes.tree import Tree

# Decorators that hand the function something else than Lambda's context object as its second parameter: the
# AWS Durable Execution SDK passes a DurableContext (or StepContext...) that has no aws_request_id ("Python SDK",
# AWS Durable Execution SDK reference: @durable_execution, @durable_step, @durable_with_child_context...).
_NOT_LAMBDA_CONTEXT_DECORATORS = ("durable_execution", "durable_step", "durable_with_child_context",
                                  "durable_parallel_branch", "durable_wait_for_callback")


def lambda_context(tree: Tree, fn: cst.FunctionDef) -> str | None:
    """The parameter holding Lambda's context object (with ``aws_request_id``), when that is certain: named like
    one, not annotated with another type, and the function (or one it is nested in) is not decorated by a
    framework that passes its own context."""
    for scope in (fn, *(a for a in tree.ancestors(fn) if isinstance(a, cst.FunctionDef))):
        for deco in scope.decorators:
            target = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
            name = (dotted(target) or "").rsplit(".", 1)[-1]
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


def request_id(tree: Tree, fn: cst.FunctionDef, facts: dict[str, Any]) -> str:
    param = lambda_context(tree, fn)
    if param is not None:
        return f"{param}.aws_request_id"
    tree.ensure_import("uuid")
    return "uuid.uuid4().hex"
