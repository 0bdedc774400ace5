"""What the extractor of one Python file has gathered so far, and the helpers every fact family uses to report a
candidate (``add``: the place in characters, the function it sits in, the message) and to name what a call
refers to (``full_name``: through the file's imports).

The families are mixins of ``ExtractorState`` (``tmp_paths``, ``clients``, ``logs``, ``memory``, ``module_level``,
``functions``), put together by ``extractor.Extractor``; they share this state and one walk of each function.
"""

from __future__ import annotations

import ast
from typing import Any, TypedDict

from workbench.readiness.python.facts.vocabulary import Located


class LogState(TypedDict):
    std_lost: bool          # the standard library's logging handlers replaced without the request id
    std_force_lost: bool
    inject: list[str]       # functions decorated with inject_lambda_context (or calling it on a handler)
    inject_calls: list[str]  # functions calling logger.inject_lambda_context(handler): their own lines run outside it
    rid_bound: bool         # a structlog logger bound the request id
    chalice: list[str]      # app_name of each Chalice app that configures its own logger (Chalice's default)
    chalice_level: bool     # a Chalice app's level lowered from ERROR (debug=True, app.log.setLevel(...))


class ExtractorState:
    def __init__(self, text: str, tree: ast.Module) -> None:
        self.text = text
        self.tree = tree
        self._lines: list[str] | None = None
        self.imports: dict[str, list[Any]] = {}
        self.module_names: set[str] = set()
        self.module_loggers: dict[str, str] = {}     # name -> std | powertools | structlog
        self.class_loggers: dict[tuple[str, str], str] = {}   # (class, attribute of self) -> logger kind
        self.module_sessions: set[str] = set()
        self.funcs: dict[str, dict[str, Any]] = {}
        self.classes: dict[str, list[str]] = {}
        self.cands: list[dict[str, Any]] = []
        self.shapes: list[str] = []
        self.routes: list[str] = []
        # route functions of an object imported by name (``from resolver import app``): function -> the name;
        # ``python_reach`` keeps the ones whose object comes from a module of the project
        self.routed_by: dict[str, str] = {}
        self.tables: dict[str, list[str]] = {}   # module-level dispatch tables: name -> the functions listed
        self.instances: dict[str, str] = {}      # module-level objects: name -> the class that made them
        self.log: LogState = {"std_lost": False, "std_force_lost": False, "inject": [], "inject_calls": [],
                               "rid_bound": False, "chalice": [], "chalice_level": False}
        self.logger_names: dict[str, str] = {}   # module logger -> the name given to getLogger (a literal)
        self.registers: dict[str, list[str]] = {}   # decorator -> module containers it stores the decorated in
        self._formatter_without_rid = False
        self._handlers_replaced = False
        self._debug_dropped = False   # a function's logging set-up replaced Lambda's handler at a level above DEBUG
        self._module_chdir_tmp = False
        self._param_removers: dict[str, set[int]] = {}   # function name -> positions of parameters it removes
        self._fn: dict[str, Any] = {}
        self._mod_tmp: list[tuple[ast.AST, dict[str, Any], str | None]] = []   # module /tmp path, its cand, name
        self._opened_ids: set[int] = set()     # nodes passed to a file opener at import
        self._opened_names: set[str] = set()   # names passed to a file opener at import
        self.main_guard = False
        self.tmp_names: set[str] = set()       # module names bound to /tmp itself (TMP_DIR = "/tmp")
        # (function node id, its parameters) -> ``clients._from_event`` of it: asked at every call site with arguments
        self._from_event_memo: dict[tuple[int, tuple[str, ...]], frozenset[str]] = {}

    # ----- helpers -------------------------------------------------------------------------------------------

    def col(self, line: int, byte_col: int) -> int:
        if self._lines is None:
            self._lines = self.text.split("\n")
        if 0 < line <= len(self._lines):
            src = self._lines[line - 1]
            if not src.isascii():
                return len(src.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore")) + 1
        return byte_col + 1

    def span(self, node: Located) -> tuple[int, int, int, int]:
        line, end_line = node.lineno, node.end_lineno or node.lineno
        return (line, self.col(line, node.col_offset), end_line,
                self.col(end_line, node.end_col_offset if node.end_col_offset is not None else node.col_offset))

    def full_name(self, name: str | None) -> str | None:
        """``name`` with its first part replaced by what it was imported as (``pm.connect`` → ``pymysql.connect``)."""
        if name is None:
            return None
        head, _, rest = name.partition(".")
        target = self.imports.get(head)
        if target is None:
            return name
        module, attr, level = target
        if level:
            return None  # a local module
        base = module if attr is None else f"{module}.{attr}" if module else attr
        return f"{base}.{rest}" if rest else base

    def add(self, code: str, node: Located, ctx: str, message: str, **data: Any) -> dict[str, Any]:
        line, col, end_line, end_col = self.span(node)
        cand = {"code": code, "line": line, "col": col, "end_line": end_line, "end_col": end_col, "ctx": ctx,
                "msg": message}
        cand.update(data)
        self.cands.append(cand)
        return cand
