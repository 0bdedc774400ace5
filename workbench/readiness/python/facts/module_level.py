"""The module of a Python file at import: what it imports and binds, and its module-level statements (the header
expressions of if/for/with/try blocks included) read for the facts at import: /tmp paths and files opened, the
loggers and sessions made, models loaded, big literals, and whether it runs as a script
(``if __name__ == "__main__"``).
"""

from __future__ import annotations

import ast
from typing import Any

from workbench.readiness.python.facts.clients import SESSION_CALLS
from workbench.readiness.python.facts.logs import LogFacts
from workbench.readiness.python.facts.memory import MemoryFacts
from workbench.readiness.python.facts.tmp_names import is_tmp_dir, is_tmp_path
from workbench.readiness.python.facts.tmp_paths import TmpFacts
from workbench.readiness.python.facts.vocabulary import dotted
from workbench.readiness.python.facts.walk import breadth_first


class ModuleFacts(LogFacts, TmpFacts, MemoryFacts):
    def _module_level(self, stmts: list[ast.stmt]):
        for stmt in stmts:
            yield stmt
            if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.AsyncWith, ast.AsyncFor)):
                yield from self._module_level(stmt.body)
                yield from self._module_level(getattr(stmt, "orelse", []))
            elif isinstance(stmt, (ast.Try, ast.TryStar)):
                yield from self._module_level(stmt.body)
                for handler in stmt.handlers:
                    yield from self._module_level(handler.body)
                yield from self._module_level(stmt.orelse)
                yield from self._module_level(stmt.finalbody)

    def _import(self, stmt: ast.Import | ast.ImportFrom) -> None:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    self.imports.setdefault(alias.asname, [alias.name, None, 0])
                else:
                    head = alias.name.split(".")[0]
                    self.imports.setdefault(head, [head, None, 0])
                    if "." in alias.name:
                        self.imports.setdefault(alias.name, [alias.name, None, 0])
        else:
            for alias in stmt.names:
                if alias.name == "*":
                    continue
                self.imports.setdefault(alias.asname or alias.name, [stmt.module or "", alias.name, stmt.level])

    def _bind_module(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.module_names.add(stmt.name)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                self.module_names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name):
                        self.module_names.add(sub.id)

    def _module_stmt(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            kind = self._logger_kind(stmt.value)
            if kind:
                for name in names:
                    self.module_loggers[name] = kind
                    self._logger_name(name, stmt.value)
            elif isinstance(stmt.value, ast.Call):
                self._chalice_app(stmt.value, names)
            elif any(isinstance(t, ast.Attribute) and t.attr == "debug" and
                     self.module_loggers.get(f"{dotted(t.value)}.log") == "chalice" for t in targets):
                self.log["chalice_level"] = not (isinstance(stmt.value, ast.Constant) and not stmt.value.value)
            elif isinstance(stmt.value, ast.Attribute) and (dotted(stmt.value) or "") in self.module_loggers:
                for name in names:   # log = app.log
                    self.module_loggers[name] = self.module_loggers[dotted(stmt.value) or ""]
            if isinstance(stmt.value, ast.Call) and self.full_name(dotted(stmt.value.func)) in SESSION_CALLS:
                self.module_sessions.update(names)
            if len(names) == 1 and len(targets) == 1 and is_tmp_dir(stmt.value):
                self.tmp_names.add(names[0])
            self._big_literal(stmt, names)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for deco in stmt.decorator_list:
                self._module_expr(deco)
            return
        if isinstance(stmt, ast.If) and "__name__" in ast.unparse(stmt.test) and "__main__" in ast.unparse(stmt.test):
            self.main_guard = True
        if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.AsyncWith, ast.AsyncFor, ast.Try)):
            # their bodies are visited as module statements of their own; here only the header expressions
            for field in ("test", "iter", "items", "target"):
                value = getattr(stmt, field, None)
                if isinstance(value, list):
                    for item in value:
                        self._module_expr(item)
                elif isinstance(value, ast.AST):
                    self._module_expr(value)
            return
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            return  # docstring
        self._module_expr(stmt)

    def _module_expr(self, root: ast.AST) -> None:
        """Module-level code (import time): /tmp paths, loaders, logging set-up.

        Every Python process of the execution environment (one per concurrent invocation slot) imports the
        module, and they all share /tmp: a fixed /tmp path set or written at import is one file for all of them
        (the shared-directory problem), unless the process id or a uuid is in its name."""
        inside: set[int] = set()
        var = None
        if isinstance(root, (ast.Assign, ast.AnnAssign)):
            targets = root.targets if isinstance(root, ast.Assign) else [root.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name):
                var = targets[0].id
        node: Any
        for node in breadth_first(root):   # ast.walk's order; contexts and operators say nothing here
            t = type(node)
            if t is ast.Name or (inside and id(node) in inside):
                continue
            if (t is ast.JoinedStr or t is ast.Call or t is ast.BinOp) and is_tmp_path(node):
                inside.update(id(n) for n in ast.walk(node))
                self._module_tmp_path(node, var)
                continue
            if t is ast.Call:
                name = self.full_name(dotted(node.func))
                if _touch(node, self.full_name):   # open(path, "a").close(): an empty file, nothing written
                    inside.update(id(n) for n in ast.walk(node))
                    continue
                self._module_tmp_call(node, name)
                self._log_setup(node, name)
                self._module_loader(node, name)
            elif t is ast.Attribute and isinstance(node.ctx, ast.Store):
                if node.attr in ("handlers",):
                    self._handlers_replaced = True
            elif t is ast.Constant and isinstance(node.value, str) and node.value.startswith("/tmp/") \
                    and len(node.value) > 5 and "*" not in node.value:
                self._module_tmp_literal(node, var)
        self._log_propagate(root)


def _touch(node: ast.Call, full_name: Any) -> bool:
    """``open(path, "a").close()``: makes sure an empty file exists (every process of the environment does the
    same, idempotently) and writes nothing into it."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "close" and not node.args and
            isinstance(func.value, ast.Call) and full_name(dotted(func.value.func)) in ("open", "io.open")):
        return False
    opened = func.value
    mode = opened.args[1] if len(opened.args) > 1 else next((k.value for k in opened.keywords if k.arg == "mode"),
                                                             None)
    return isinstance(mode, ast.Constant) and mode.value in ("a", "ab")
