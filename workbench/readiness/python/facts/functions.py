"""The functions of a Python file: their qualified names, the classes and their methods, the handler-shaped
functions and route registrations, what each function calls, and the one walk of each function's body that hands
its calls, /tmp strings and names to the fact families (``clients``, ``logs``, ``tmp_paths``, ``memory``).
"""

from __future__ import annotations

import ast
from typing import cast

from workbench.readiness.python.facts.clients import SESSION_CALLS, ClientFacts
from workbench.readiness.python.facts.logs import LogFacts
from workbench.readiness.python.facts.memory import MemoryFacts
from workbench.readiness.python.facts.tmp_names import TmpNode, is_tmp_dir
from workbench.readiness.python.facts.tmp_paths import TmpFacts
from workbench.readiness.python.facts.vocabulary import (
    AST,
    CONTEXT_NAMES,
    DEFS,
    EVENT_NAMES,
    HANDLER_DECORATORS,
    MEMOISING_DECORATORS,
    ROUTE_ATTRS,
    dotted,
)


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(t: type) -> tuple[str, ...]:
    """A node type's fields that may hold child nodes (``ctx`` never does), once per type."""
    fields = _CHILD_FIELDS.get(t)
    if fields is None:
        fields = _CHILD_FIELDS[t] = tuple(name for name in t._fields if name != "ctx")  # type: ignore[attr-defined]
    return fields


class FunctionFacts(ClientFacts, LogFacts, TmpFacts, MemoryFacts):
    def _collect_defs(self, stmts: list[ast.stmt], prefix: str, cls: str | None, top: bool) -> None:
        if top:
            self._defs: dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, str | None]] = {}
            self._children: dict[str, set[str]] = {}
        for stmt in self._shallow(stmts):
            if isinstance(stmt, DEFS):
                qualname = f"{prefix}{stmt.name}"
                self._defs[qualname] = (stmt, cls)
                if prefix:
                    self._children.setdefault(prefix[:-1], set()).add(stmt.name)
                if top and not prefix:
                    self._shape(stmt)
                self._collect_defs(stmt.body, qualname + ".", cls, top=False)
            elif isinstance(stmt, ast.ClassDef):
                qualname = f"{prefix}{stmt.name}"
                self.classes[qualname] = [s.name for s in stmt.body if isinstance(s, DEFS)]
                self._collect_defs(stmt.body, qualname + ".", qualname, top=False)

    def _shallow(self, stmts: list[ast.stmt]):
        """Statements of a block and of its nested blocks (if/try/with/loops), not of nested defs."""
        for stmt in stmts:
            yield stmt
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for field in ("body", "orelse", "finalbody"):
                block = getattr(stmt, field, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    yield from self._shallow(block)
            for handler in getattr(stmt, "handlers", []) or []:
                yield from self._shallow(handler.body)
            for case in getattr(stmt, "cases", []) or []:
                yield from self._shallow(case.body)

    def _shape(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        params = [a.arg for a in node.args.posonlyargs + node.args.args]
        decos = [dotted(d.func if isinstance(d, ast.Call) else d) or "" for d in node.decorator_list]
        if len(params) >= 2 and params[0] in EVENT_NAMES and params[1] in CONTEXT_NAMES or len(params) >= 2 and any(d.endswith(HANDLER_DECORATORS) for d in decos) or node.name in ("handler", "lambda_handler") and len(params) == 2:
            self.shapes.append(node.name)
        for deco, d in zip(decos, node.decorator_list):
            head, _, attr = deco.rpartition(".")
            if head and "." not in head and attr in ROUTE_ATTRS and head in self.module_names:
                if head not in self.imports:
                    self.routes.append(node.name)
                elif self.imports[head][1] is not None:
                    self.routed_by[node.name] = head
            if deco.endswith("inject_lambda_context"):
                self.log["inject"].append(node.name)

    def _function(self, qualname: str, fn: ast.FunctionDef | ast.AsyncFunctionDef, cls: str | None) -> None:
        params = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
        if fn.args.vararg:
            params.append(fn.args.vararg.arg)
        if fn.args.kwarg:
            params.append(fn.args.kwarg.arg)
        decos = [dotted(d.func if isinstance(d, ast.Call) else d) or "" for d in fn.decorator_list]
        cached_fn = any(self.full_name(d) in MEMOISING_DECORATORS or d in ("lru_cache", "cache") for d in decos)
        self._unbounded_caches(fn, qualname)
        default_paths, local_tmp_names = self._tmp_defaults(fn)
        local_defs = self._children.get(qualname, set())
        globals_declared: set[str] = set()
        local_sessions: set[str] = set()
        local_loggers: dict[str, str] = {}
        removed: set[str] = set()
        calls: set[str] = set()
        tmp: list[tuple[TmpNode, ast.stmt]] = []
        self._fn = {"chdir": False, "relative": [], "shell": []}
        cached_calls: set[int] = set()
        shadowed = set(params)
        assigned: list[tuple[str, ast.expr]] = []
        returned: list[ast.expr] = []
        # (node, the statement it is in); the loop below dispatches on ``type(node) is ...`` (faster than a chain
        # of isinstance calls, and ast node types have no subclasses), which mypy cannot follow through ``t``:
        # each branch casts ``node`` to the type it has just compared
        stack: list[tuple[ast.AST, ast.stmt]] = [(s, s) for s in reversed(fn.body)]
        while stack:
            node, stmt = stack.pop()
            t = type(node)
            if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                definition = cast(ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, node)
                nested: list[ast.AST] = list(definition.decorator_list)
                if not isinstance(definition, ast.ClassDef):
                    nested += [d for d in definition.args.defaults + definition.args.kw_defaults if d is not None]
                else:
                    nested += definition.bases
                stack.extend((n, stmt) for n in reversed(nested))
                continue
            if t is ast.Expr and isinstance(cast(ast.Expr, node).value, ast.Constant):
                continue  # a docstring or a bare string: not a path
            if t is ast.Global:
                globals_declared.update(cast(ast.Global, node).names)
            elif t is ast.Assign or t is ast.AnnAssign:
                assignment = cast(ast.Assign | ast.AnnAssign, node)
                value = assignment.value
                targets = assignment.targets if isinstance(assignment, ast.Assign) else [assignment.target]
                if isinstance(value, ast.Call):
                    for target in targets:
                        if isinstance(target, ast.Name) and target.id in globals_declared:
                            cached_calls.add(id(value))
                        elif isinstance(target, (ast.Subscript, ast.Attribute)):
                            base = target.value
                            while isinstance(base, (ast.Subscript, ast.Attribute)):
                                base = base.value
                            if isinstance(base, ast.Name) and base.id not in shadowed and \
                                    base.id in self.module_names:
                                cached_calls.add(id(value))
                    full = self.full_name(dotted(value.func))
                    kind = self._logger_kind(value)
                    for target in targets:
                        if isinstance(target, ast.Name):
                            if full in SESSION_CALLS:
                                local_sessions.add(target.id)
                            if kind:
                                local_loggers[target.id] = kind
                if value is not None:
                    for target in targets:
                        if isinstance(target, ast.Name):
                            shadowed.add(target.id)
                            assigned.append((target.id, value))
                        elif isinstance(target, ast.Attribute):
                            returned.append(value)
            elif t in (ast.Return, ast.Yield, ast.YieldFrom):
                result = cast(ast.Return | ast.Yield | ast.YieldFrom, node).value
                if result is not None:
                    returned.append(result)
            elif t is ast.Call:
                call = cast(ast.Call, node)
                self._call(call, qualname, fn, params, cls, calls, removed, cached_calls, cached_fn,
                           local_sessions, local_loggers, shadowed)
                if is_tmp_dir(call) and self.full_name(dotted(call.func)) == "tempfile.gettempdir":
                    tmp.append((call, stmt))
            elif t is ast.Attribute:
                attribute = cast(ast.Attribute, node)
                name = dotted(attribute)
                if name is not None:
                    head = name.split(".", 1)[0]
                    if head in ("self", "cls") and cls and isinstance(attribute.value, ast.Name):
                        calls.add(f"{cls}.{attribute.attr}")
                    elif head in self.imports and head not in shadowed:
                        calls.add(name)
                    elif head in self.tables and head not in shadowed:
                        calls.add(head)   # TOOLS.get(name): the table's functions may run
                    elif head in self.instances and head not in shadowed and isinstance(attribute.value, ast.Name):
                        calls.add(f"{self.instances[head]}.{attribute.attr}")   # ops.run(): Operations.run
                    continue
            elif t is ast.Name:
                ref = cast(ast.Name, node)
                if isinstance(ref.ctx, ast.Load) and (ref.id in local_tmp_names or (
                        ref.id in self.tmp_names and ref.id not in shadowed)):
                    tmp.append((ref, stmt))   # the module's (or a parameter's default) name for /tmp itself
                if isinstance(ref.ctx, ast.Load) and (ref.id in local_defs or (
                        ref.id not in shadowed and (ref.id in self.module_names or ref.id in self.imports))):
                    calls.add(ref.id)
                elif not isinstance(ref.ctx, ast.Load):
                    shadowed.add(ref.id)
                continue
            elif t is ast.Constant:
                constant = cast(ast.Constant, node)
                if isinstance(constant.value, str) and constant.value.startswith("/tmp"):
                    tmp.append((constant, stmt))
                continue
            elif t is ast.JoinedStr:
                fstring = cast(ast.JoinedStr, node)
                first = fstring.values[0] if fstring.values else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and \
                        first.value.startswith("/tmp"):
                    tmp.append((fstring, stmt))
                for part in reversed(fstring.values):
                    if isinstance(part, ast.FormattedValue):
                        stack.append((part.value, stmt))
                continue
            children: list[ast.AST] = []
            for name in _child_fields(t):
                value = getattr(node, name, None)
                if value.__class__ is list:
                    children.extend(v for v in value if isinstance(v, AST))
                elif isinstance(value, AST):
                    children.append(value)
            if isinstance(node, ast.stmt):
                stack.extend((c, c if isinstance(c, ast.stmt) else node) for c in reversed(children))
            else:
                stack.extend((c, stmt) for c in reversed(children))
        self._function_tmp(qualname, tmp, default_paths, returned, assigned, removed)
        self.funcs[qualname] = {"line": fn.lineno, "params": params, "calls": sorted(calls), "deco": decos,
                                "class": cls}

    def _call(self, node: ast.Call, qualname: str, fn: ast.AST, params: list[str], cls: str | None,
              calls: set[str], removed: set[str], cached_calls: set[int], cached_fn: bool,
              local_sessions: set[str], local_loggers: dict[str, str], shadowed: set[str]) -> None:
        """A call in a function, handed to the families: an SDK client or a connection (``clients``), else a print
        or log call or a logger bound to the request id (``logs``; a client or connection call is never one of
        the binding methods); then /tmp (``tmp_paths``)."""
        func = node.func
        name = dotted(func)
        full = self.full_name(name) if name and name.split(".", 1)[0] not in (shadowed - local_sessions) else name
        cached = cached_fn or id(node) in cached_calls
        if not self._client_call(node, qualname, fn, params, name, full, cached, local_sessions, shadowed):
            self._log_call(node, qualname, name, local_loggers, shadowed)
        self._tmp_call(node, qualname, name, full, shadowed, removed)
