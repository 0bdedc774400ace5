"""The words the Python facts look for (handler parameter names and decorators, route registrations) and the small
``ast`` helpers every fact family uses: dotted names, string literals, a node's place.
"""

from __future__ import annotations

import ast
from typing import Protocol

EVENT_NAMES = frozenset({"event", "_event", "evt", "_evt", "ev", "e", "payload", "lambda_event", "request"})
CONTEXT_NAMES = frozenset({"context", "_context", "ctx", "_ctx", "lambda_context", "_lambda_context"})
HANDLER_DECORATORS = ("inject_lambda_context", "capture_lambda_handler", "log_metrics", "event_source",
                      "lambda_handler_decorator", "event_parser", "idempotent")
ROUTE_ATTRS = frozenset({"get", "post", "put", "delete", "patch", "head", "options", "route", "api_route",
                         "resolver", "event", "handle", "handler", "register", "on", "websocket"})
# Chalice decorators that make a function a Lambda function (or the request path of its REST API's function): Chalice
# docs, "Lambda Functions" (lambda_function), "Event Sources" (schedule, on_*), "Routing" (route), "Authorization"
CHALICE_DECORATORS = frozenset({"lambda_function", "route", "authorizer", "schedule", "on_s3_event", "on_sns_message",
                                "on_sqs_message", "on_cw_event", "on_kinesis_record", "on_dynamodb_record",
                                "on_ws_connect", "on_ws_message", "on_ws_disconnect"})
MODULE = "<module>"
# decorators that memoise what the function returns (a client built under one is built once per key, not per
# call): functools' and cachetools' (cachetools docs, "Memoizing decorators": cached, cachedmethod, and the
# cachetools.func lru_cache/ttl_cache/... wrappers); matched on the imported full name
MEMOISING_DECORATORS = frozenset({
    "functools.lru_cache", "functools.cache", "cachetools.cached", "cachetools.cachedmethod",
    "cachetools.func.lru_cache", "cachetools.func.ttl_cache", "cachetools.func.lfu_cache", "cachetools.func.fifo_cache",
    "cachetools.func.rr_cache", "cachetools.func.mru_cache",
})

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


class Located(Protocol):
    """A node with a place in the source (statements, expressions, arguments, keywords...)."""

    lineno: int
    end_lineno: int | None
    col_offset: int
    end_col_offset: int | None



AST = ast.AST


def dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, ast.Name):
        return node.id  # the most frequent case (a called name), without the list
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def str_of(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
