"""The functions of a Python file: their qualified names, the classes and their methods, the handler-shaped
functions and route registrations, what each function calls, and the one walk of each function's body that hands
its calls, /tmp strings and names to the fact families (``clients``, ``logs``, ``tmp_paths``, ``memory``).
"""

from __future__ import annotations

import ast
from typing import Any

from workbench.readiness.python.facts.clients import SESSION_CALLS, ClientFacts
from workbench.readiness.python.facts.logs import LogFacts
from workbench.readiness.python.facts.memory import MemoryFacts
from workbench.readiness.python.facts.tmp_names import TmpNode
from workbench.readiness.python.facts.tmp_paths import TmpFacts
from workbench.readiness.python.facts.walk import BACKWARD
from workbench.readiness.python.facts.vocabulary import (
    CHALICE_DECORATORS,
    CONTEXT_NAMES,
    DEFS,
    EVENT_NAMES,
    HANDLER_DECORATORS,
    MEMOISING_DECORATORS,
    ROUTE_ATTRS,
    dotted,
)


Name, Constant, Attribute, Call, Assign, AnnAssign, Expr, JoinedStr, Global, Return, Yield, YieldFrom, Load = (
    ast.Name, ast.Constant, ast.Attribute, ast.Call, ast.Assign, ast.AnnAssign, ast.Expr, ast.JoinedStr, ast.Global,
    ast.Return, ast.Yield, ast.YieldFrom, ast.Load)
_DEFINITIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
Import, ImportFrom = ast.Import, ast.ImportFrom
# What the function-body walk does with a node type besides walking into it (a type not listed: nothing)
_STATEMENT, _ASSIGN, _EXPR, _JOINED, _DEFINITION, _RETURN, _GLOBAL, _BRANCHES, _BRANCH = range(9)
_KIND: dict[type, int] = {t: _STATEMENT for t in ast.stmt.__subclasses__()}
_KIND.update({ast.Assign: _ASSIGN, ast.AnnAssign: _ASSIGN, ast.Expr: _EXPR, ast.JoinedStr: _JOINED,
              ast.FunctionDef: _DEFINITION, ast.AsyncFunctionDef: _DEFINITION, ast.ClassDef: _DEFINITION,
              ast.Return: _RETURN, ast.Yield: _RETURN, ast.YieldFrom: _RETURN, ast.Global: _GLOBAL,
              ast.Try: _BRANCHES, ast.TryStar: _BRANCHES, ast.Match: _BRANCHES,
              ast.ExceptHandler: _BRANCH, ast.match_case: _BRANCH})
# statements that hold no block of statements, nor an import
_SIMPLE = frozenset({ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Raise, ast.Assert, ast.Delete,
                     ast.Pass, ast.Break, ast.Continue, ast.Global, ast.Nonlocal})
# statement type -> its fields that hold blocks of statements, in the order they are read
_BLOCKS: dict[type, tuple[str, ...]] = {}


def _blocks_of(t: type) -> tuple[str, ...]:
    """A statement type's block fields: body, orelse and finalbody, then the bodies of except handlers and of match
    cases."""
    fields = getattr(t, "_fields", ())
    return tuple(f for f in ("body", "orelse", "finalbody", "handlers", "cases") if f in fields)


def _unset_global(test: ast.expr) -> str | None:
    """The name an ``if`` tests for being unset: ``not x``, ``x is None``, ``x == None``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Name):
        return test.operand.id
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and len(test.ops) == 1 and \
            isinstance(test.ops[0], (ast.Is, ast.Eq)) and isinstance(test.comparators[0], ast.Constant) and \
            test.comparators[0].value is None:
        return test.left.id
    return None


class FunctionFacts(ClientFacts, LogFacts, TmpFacts, MemoryFacts):
    def _collect_defs(self, body: list[ast.stmt]) -> tuple[list[ast.Import | ast.ImportFrom], list[ast.FunctionDef |
                                                                                             ast.AsyncFunctionDef]]:
        """One pre-order pass over every statement of the file (the blocks of if/try/with/loops and the bodies of
        functions and classes included): the functions by qualified name with their class, each function's nested
        functions, the classes and their methods. Returns the import statements (function-level ones too: they
        name modules the code calls) and the module-level functions (their handler shapes are read once the
        module's names and imports are known), both in source order."""
        self._defs: dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, str | None]] = {}
        self._children: dict[str, set[str]] = {}
        imports: list[ast.Import | ast.ImportFrom] = []
        top: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        defs, children, classes = self._defs, self._children, self.classes

        # pre-order, source order: a stack of the blocks being read (an iterator over each), the innermost on top;
        # a loop, not a recursive closure (a closure that calls itself is a cycle, and the scanner analyses files
        # with the collector off, so the cycle would keep every file's tree alive until the scan ends)
        stack: list[tuple[Any, str, str | None]] = [(iter(body), "", None)]
        while stack:
            stmts, prefix, cls = stack[-1]
            stmt = next(stmts, None)
            if stmt is None:
                stack.pop()
                continue
            t = type(stmt)
            if t in _SIMPLE:
                continue  # no block of statements in it (most statements)
            if t is Import or t is ImportFrom:
                imports.append(stmt)
                continue
            if t in DEFS:
                qualname = f"{prefix}{stmt.name}"
                defs[qualname] = (stmt, cls)
                if prefix:
                    children.setdefault(prefix[:-1], set()).add(stmt.name)
                else:
                    top.append(stmt)
                stack.append((iter(stmt.body), qualname + ".", cls))
                continue
            if t is ast.ClassDef:
                qualname = f"{prefix}{stmt.name}"
                classes[qualname] = [s.name for s in stmt.body if isinstance(s, DEFS)]
                stack.append((iter(stmt.body), qualname + ".", qualname))
                continue
            fields = _BLOCKS.get(t)
            if fields is None:
                fields = _BLOCKS[t] = _blocks_of(t)
            blocks = []
            for field in fields:
                value = getattr(stmt, field)
                if field == "handlers" or field == "cases":
                    blocks += [item.body for item in value]
                elif value.__class__ is list and value and isinstance(value[0], ast.stmt):
                    blocks.append(value)
            stack += [(iter(inner), prefix, cls) for inner in reversed(blocks)]   # the first block on top
        return imports, top

    def _shape(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        params = [a.arg for a in node.args.posonlyargs + node.args.args]
        decos = [dotted(d.func if isinstance(d, ast.Call) else d) or "" for d in node.decorator_list]
        if len(params) >= 2 and params[0] in EVENT_NAMES and params[1] in CONTEXT_NAMES or len(params) >= 2 and any(d.endswith(HANDLER_DECORATORS) for d in decos) or node.name in ("handler", "lambda_handler") and len(params) == 2:
            self.shapes.append(node.name)
        elif any(self._chalice_function(d) for d in decos):
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

    def _chalice_function(self, deco: str) -> bool:
        """``@app.lambda_function()``, ``@app.on_sqs_message(...)``, ``@app.route(...)``... on a module-level
        ``app = Chalice(...)``: Chalice deploys each such function as (or behind) a Lambda function of its own, whatever
        its parameters are called (Chalice docs, "Lambda Functions", "Event Sources", "Routing")."""
        head, _, attr = deco.rpartition(".")
        made = self.instances.get(head) if head and "." not in head else None
        return made is not None and attr in CHALICE_DECORATORS and \
            (self.full_name(made) or "").split(".")[0] == "chalice"

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
        scope = qualname.rpartition(".")[0]
        while scope:   # functions nested in an enclosing function see its other nested functions (not a class's)
            if scope in self._defs and self._children.get(scope):
                local_defs = local_defs | self._children[scope]
            scope = scope.rpartition(".")[0]
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
        results: list[ast.expr] = []       # what ``return`` gives back (client factories)
        bound_calls: set[int] = set()   # calls whose result is kept (``x = f()``, ``f().g()``)
        self._bound_calls = bound_calls
        once_nodes: set[int] = set()   # names in an ``if not <global>:`` block that sets it (once per process)
        calls_once: set[str] = set()
        imports = self.imports
        module_names = self.module_names
        tmp_names = self.tmp_names
        tables = self.tables
        instances = self.instances
        any_tmp_names = bool(local_tmp_names or tmp_names)
        # A pre-order walk of the body with a stack of nodes. ``stmt`` is the statement the node popped is in: set
        # by each statement popped (its expressions come before its blocks of statements, so they are popped
        # before any statement under it); an except handler or a match case (popped after the statements of the
        # block before it) and a function or class directly in its body are in the try or match statement
        # (``owner``). The loop dispatches on ``type(node) is ...`` (faster than a chain of isinstance calls, and
        # ast node types have no subclasses), most frequent types first; mypy cannot follow that, so the nodes are
        # ``Any`` here (no ``cast`` call per node either)
        nodes: list[Any] = fn.body[::-1]
        pop = nodes.pop
        kids_of = BACKWARD
        stmt: Any = None
        owner: dict[int, Any] = {}
        while nodes:
            node = pop()
            t = type(node)
            if t is Name:
                ident = node.id
                if node.ctx.__class__ is Load:
                    if any_tmp_names and (ident in local_tmp_names or (ident in tmp_names and ident not in shadowed)):
                        tmp.append((node, stmt))   # the module's (or a parameter's default) name for /tmp itself
                    if ident in local_defs or (ident not in shadowed and (ident in module_names or ident in imports)):
                        if once_nodes and id(node) in once_nodes:
                            calls_once.add(ident)
                        else:
                            calls.add(ident)
                else:
                    shadowed.add(ident)
                continue
            if t is Constant:
                value = node.value
                if value.__class__ is str and value.startswith("/tmp"):
                    tmp.append((node, stmt))
                continue
            if t is Attribute:
                base = node.value
                if base.__class__ is Call:
                    bound_calls.add(id(base))   # ``make("glue").get_databases()``: the result is used
                while base.__class__ is Attribute:
                    base = base.value
                if base.__class__ is Name:
                    head = base.id
                    if head in ("self", "cls") and cls and node.value.__class__ is Name:
                        calls.add(f"{cls}.{node.attr}")
                    elif head in imports and head not in shadowed:
                        calls.add(dotted(node) or head)  # a Name at its root, so dotted() gives a name
                    elif head in tables and head not in shadowed:
                        calls.add(head)   # TOOLS.get(name): the table's functions may run
                    elif head in instances and head not in shadowed and node.value.__class__ is Name:
                        calls.add(f"{instances[head]}.{node.attr}")   # ops.run(): Operations.run
                    continue
            elif t is Call:
                if cls and node.func.__class__ is Name and node.func.id == "cls" and params[:1] == ["cls"]:
                    calls.add(f"{cls}.__init__")   # ``return cls(**d)`` in a classmethod: the class's constructor
                name = self._call(node, qualname, fn, params, cls, calls, removed, cached_calls, cached_fn,
                                  local_sessions, local_loggers, shadowed)
                if name is not None and not node.args and name.endswith("gettempdir") and \
                        self.full_name(name) == "tempfile.gettempdir":
                    tmp.append((node, stmt))
            else:
                kind = _KIND.get(t)
                if kind == _STATEMENT:
                    stmt = node
                    if t is ast.If and globals_declared:
                        name = _unset_global(node.test)
                        if name in globals_declared and any(
                                isinstance(a, ast.Assign) and any(isinstance(x, ast.Name) and x.id == name
                                                                  for x in a.targets)
                                for b in node.body for a in ast.walk(b)):
                            # ``if not handler_obj: ...; handler_obj = ...`` on a global: runs once per process
                            once = [n for b in node.body for n in ast.walk(b)]
                            cached_calls.update(id(c) for c in once if isinstance(c, ast.Call))
                            once_nodes.update(id(n) for n in once if isinstance(n, ast.Name))
                elif kind == _ASSIGN:
                    stmt = node
                    value = node.value
                    targets = node.targets if t is Assign else [node.target]
                    if value.__class__ is Call:
                        bound_calls.add(id(value))
                        for target in targets:
                            if isinstance(target, ast.Name) and target.id in globals_declared:
                                cached_calls.add(id(value))
                            elif isinstance(target, (ast.Subscript, ast.Attribute)):
                                base = target.value
                                while isinstance(base, (ast.Subscript, ast.Attribute)):
                                    base = base.value
                                if isinstance(base, ast.Name) and base.id not in shadowed and \
                                        base.id in module_names:
                                    cached_calls.add(id(value))
                        full = self.full_name(dotted(value.func))
                        logger_kind = self._logger_kind(value)
                        for target in targets:
                            if isinstance(target, ast.Name):
                                if full in SESSION_CALLS:
                                    local_sessions.add(target.id)
                                if logger_kind:
                                    local_loggers[target.id] = logger_kind
                    if value is not None:
                        for target in targets:
                            if isinstance(target, ast.Name):
                                shadowed.add(target.id)
                                assigned.append((target.id, value))
                            elif isinstance(target, ast.Attribute):
                                returned.append(value)
                elif kind == _EXPR:
                    stmt = node
                    if node.value.__class__ is Constant:
                        continue  # a docstring or a bare string: not a path
                elif kind == _JOINED:
                    values = node.values
                    first = values[0] if values else None
                    if isinstance(first, ast.Constant) and isinstance(first.value, str) and \
                            first.value.startswith("/tmp"):
                        tmp.append((node, stmt))
                    nodes += [part.value for part in reversed(values) if isinstance(part, ast.FormattedValue)]
                    continue
                elif kind == _DEFINITION:
                    stmt = owner.get(id(node), node) if owner else node
                    nested: list[ast.AST] = list(node.decorator_list)
                    if t is not ast.ClassDef:
                        nested += [d for d in node.args.defaults + node.args.kw_defaults if d is not None]
                    else:
                        nested += node.bases
                    nested.reverse()
                    nodes += nested
                    continue
                elif kind == _RETURN:
                    if t is Return:
                        stmt = node
                    result = node.value
                    if result is not None:
                        returned.append(result)
                        if t is Return:
                            results.append(result)
                elif kind == _GLOBAL:
                    stmt = node
                    globals_declared.update(node.names)
                elif kind == _BRANCHES:
                    stmt = node
                    for branch in node.handlers if t is not ast.Match else node.cases:
                        owner[id(branch)] = node
                elif kind == _BRANCH:
                    stmt = owner[id(node)]
                    for inner in node.body:
                        if type(inner) in _DEFINITIONS:
                            owner[id(inner)] = stmt
            kids = kids_of[t](node)
            if kids:
                nodes += kids
        self._function_tmp(qualname, tmp, default_paths, returned, assigned, removed, params)
        self.funcs[qualname] = {"line": fn.lineno, "params": params, "calls": sorted(calls), "deco": decos,
                                "class": cls}
        defined_inside = self._children.get(qualname, set())
        wraps = [f"{qualname}.{r.id}" for r in results if r.__class__ is Name and r.id in defined_inside]
        if wraps:   # a decorator returning a function it defines: that one runs in place of the decorated function
            self.funcs[qualname]["wraps"] = wraps
        if calls_once - calls:   # referred to only in a once-per-process block: their constructors run once
            self.funcs[qualname]["once"] = sorted(calls_once - calls)
        if results and not cached_fn:
            self._factory(qualname, results, assigned, cached_calls)

    def _call(self, node: ast.Call, qualname: str, fn: ast.AST, params: list[str], cls: str | None,
              calls: set[str], removed: set[str], cached_calls: set[int], cached_fn: bool,
              local_sessions: set[str], local_loggers: dict[str, str], shadowed: set[str]) -> str | None:
        """A call in a function, handed to the families: an SDK client or a connection (``clients``), else a print
        or log call or a logger bound to the request id (``logs``; a client or connection call is never one of
        the binding methods); then /tmp (``tmp_paths``). Returns the called name (``dotted``)."""
        name = dotted(node.func)
        if name:
            head = name.partition(".")[0]
            full = self.full_name(name) if head not in shadowed or head in local_sessions else name
        else:
            full = name
        cached = cached_fn or id(node) in cached_calls
        if not self._client_call(node, qualname, fn, params, name, full, cached, local_sessions, shadowed):
            self._log_call(node, qualname, name, local_loggers, shadowed)
            if type(node.func) is ast.Attribute and node.func.attr == "setFormatter":
                self._handler_reformatted(node, fn)
            elif full == "logging.basicConfig":
                self._basic_config_in_function(node, fn)
            if id(node) in self._bound_calls:   # kept once in a global (cached): the factory runs once, no finding
                self._factory_site(node, qualname, name, cls, shadowed, fn, params, once=cached)
        self._tmp_call(node, qualname, name, full, shadowed, removed)
        return name
