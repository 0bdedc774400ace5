"""What one Python file says, read with ``ast`` on the fast path: imports, functions and what they call,
handler-shaped functions, and the candidate hits of the Python rules with the function they sit in.

The facts depend on the file's text only (so they are cached by content hash); which candidates become findings
is decided later, project-wide, by what the handlers reach (``python_reach``). Columns are 1-based characters
(``ast`` counts UTF-8 bytes; they are converted).
"""

from __future__ import annotations

import ast
from typing import Any

from workbench.readiness.model import ParseFailure
from workbench.readiness.python.facts.functions import FunctionFacts
from workbench.readiness.python.facts.module_level import ModuleFacts
from workbench.readiness.python.facts.newer_syntax import may_be_newer, older_syntax
from workbench.readiness.python.facts.vocabulary import dotted
from workbench.readiness.python.facts.walk import breadth_first

FACTS_VERSION = 11
# Libraries that exist to run inside Lambda: a module importing one is Lambda code even if no handler of the scan
# imports it (a handler module whose template is elsewhere).
LAMBDA_LIBRARIES = ("aws_lambda_powertools", "awslambdaric", "aws_lambda_typing")

PARSER_AST = "python-ast"
PARSER_NEWER = "libcst (Python 3.12+ syntax)"


class Extractor(FunctionFacts, ModuleFacts):
    """The facts of one parsed file: the fact families (mixins) over one shared state, one walk per function."""

    def run(self) -> dict[str, Any]:
        body = self.tree.body
        module_stmts = list(self._module_level(body))
        for stmt in module_stmts:
            self._bind_module(stmt)
        imports, module_defs = self._collect_defs(body)
        for stmt in imports:
            self._import(stmt)  # function-level imports too: they name modules the code calls
        for stmt in module_stmts:
            self._module_stmt(stmt)
        self._module_tmp_opened()
        # dispatch tables: a module-level dict, list, tuple or set of functions (TOOLS = {"q": query}); a function
        # that reads the table may call any of them
        tables = self.tables
        for stmt in module_stmts:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if not isinstance(value, (ast.Dict, ast.List, ast.Tuple, ast.Set)):
                continue
            refs = [n for v in (value.values if isinstance(value, ast.Dict) else value.elts)
                    if isinstance(v, (ast.Name, ast.Attribute)) and (n := dotted(v))]
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if refs and isinstance(target, ast.Name):
                    tables[target.id] = refs
        self._registries(module_stmts, module_defs)
        # module-level objects of a class (ops = Operations()): a method called on one is that class's method
        classes = {stmt.name for stmt in module_stmts if isinstance(stmt, ast.ClassDef)}
        for stmt in module_stmts:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            made = dotted(value.func) if isinstance(value, ast.Call) else None
            if made and made.rsplit(".", 1)[-1][:1].isupper() and (made.split(".")[0] in self.imports or
                                                                    made in classes):
                for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]):
                    if isinstance(target, ast.Name):
                        self.instances[target.id] = made
        logging_args = self._logging_module_args(module_stmts) if any(
            isinstance(stmt, ast.ClassDef) for stmt in module_stmts) else {}
        for stmt in module_stmts:
            if isinstance(stmt, ast.ClassDef):
                self._class_loggers(stmt, logging_args)
        for stmt in module_defs:
            self._shape(stmt)
        for qualname, (node, cls) in self._defs.items():
            self._function(qualname, node, cls)
        self._removed_by_callees()
        if self._formatter_without_rid and self._handlers_replaced:
            self.log["std_lost"] = True
        if self._debug_dropped:   # the standard library's debug lines of this file are not written at all
            self.cands = [c for c in self.cands if not (c["code"] == "LMI104" and c.get("kind") == "std" and
                                                        c.get("method") == "debug")]
        return {
            "v": FACTS_VERSION, "imports": self.imports, "funcs": self.funcs, "classes": self.classes,
            "module_names": sorted(self.module_names), "cands": self.cands, "shapes": self.shapes,
            "routes": self.routes, "routed_by": self.routed_by, "log": self.log, "main": self.main_guard,
            "tables": self.tables, "registers": self.registers,
            "lambda_code": any((target[0] or "").split(".")[0] in LAMBDA_LIBRARIES or
                               (not target[0] and (target[1] or "").split(".")[0] in LAMBDA_LIBRARIES)
                               for target in self.imports.values()),
        }

    def _registries(self, module_stmts: list[ast.stmt], module_defs: list[ast.FunctionDef | ast.AsyncFunctionDef]
                    ) -> None:
        """Decorators that store the function they decorate (or the wrapper they make of it) in a module-level
        dict, list or set (``_states[kind] = wrapper``, ``_funcs.append(func)``): a function that reads the
        container may run every function so decorated (``python_reach``)."""
        containers: set[str] = set()
        for stmt in module_stmts:
            if not isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                continue
            value = stmt.value
            if isinstance(value, (ast.Dict, ast.List, ast.Set)) or isinstance(value, ast.Call) and \
                    (dotted(value.func) or "").rsplit(".", 1)[-1] in ("dict", "list", "set", "defaultdict",
                                                                       "OrderedDict"):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                containers.update(t.id for t in targets if isinstance(t, ast.Name))
        if not containers:
            return
        for fn in module_defs:
            nodes = breadth_first(fn)   # ast.walk's order, without contexts and operators (none is looked at)
            inner = [n for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            local = {a.arg for n in inner for a in n.args.posonlyargs + n.args.args} | {n.name for n in inner[1:]}
            stored = set()
            for node in nodes:
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in local:
                    for target in node.targets:
                        base = target
                        while isinstance(base, ast.Subscript):
                            base = base.value
                        if base is not target and isinstance(base, ast.Name) and base.id in containers:
                            stored.add(base.id)
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                        node.func.attr in ("append", "add") and isinstance(node.func.value, ast.Name) and \
                        node.func.value.id in containers and len(node.args) == 1 and \
                        isinstance(node.args[0], ast.Name) and node.args[0].id in local:
                    stored.add(node.func.value.id)
            if stored:
                self.registers[fn.name] = sorted(stored)


def extract(text: str) -> dict[str, Any]:
    """The facts of one Python file; ``ParseFailure`` with the line when it is not valid Python.

    Parsed with this interpreter's ``ast``; a file it rejects is parsed again with libcst's native parser, which
    knows the newest grammar (PEP 701 f-strings that reuse their quotes, PEP 695 type parameters and ``type``
    aliases), and read through an equivalent text the interpreter accepts (same lines). ``facts["parser"]``
    says which. A UTF-8 byte-order mark is not part of the code (columns on line 1 still count it)."""
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    parser = PARSER_AST
    try:
        tree = ast.parse(body)
    except SyntaxError as error:
        newer = may_be_newer(body, error)
        downgraded = older_syntax(body) if newer else None
        if downgraded is None:
            also = "; libcst's parser for newer Python rejects it too" if newer else ""
            raise ParseFailure((error.msg or "invalid syntax") + also, error.lineno) from None
        body, tree = downgraded
        parser = PARSER_NEWER
    except (ValueError, MemoryError) as error:
        raise ParseFailure(str(error) or "invalid source", None) from None
    facts = Extractor(body, tree).run()
    if bom:
        for cand in facts["cands"]:
            if cand["line"] == 1:
                cand["col"] += 1
            if cand["end_line"] == 1:
                cand["end_col"] += 1
    facts["parser"] = parser
    return facts
