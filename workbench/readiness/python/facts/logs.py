"""LMI104 facts of a Python file: print and logger calls without the request id (the log lines of the processes
serving concurrent invocations interleave in one stream), the loggers the file makes, and whether its logging
set-up loses the request id (handlers replaced, a format without it) or binds it.
"""

from __future__ import annotations

import ast

from workbench.readiness.python.facts.state import ExtractorState
from workbench.readiness.python.facts.vocabulary import dotted
from workbench.readiness.python.facts.walk import breadth_first

LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg"})


def has_request_id(node: ast.AST) -> bool:
    for sub in breadth_first(node):
        text = None
        if isinstance(sub, ast.Name):
            text = sub.id
        elif isinstance(sub, ast.Attribute):
            text = sub.attr
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            text = sub.value
        elif isinstance(sub, ast.keyword) and sub.arg:
            text = sub.arg
        if text is not None:
            low = text.lower().replace("-", "_")
            if "request_id" in low or "requestid" in low:
                return True
    return False


class LogFacts(ExtractorState):
    def _logger_kind(self, value: ast.AST) -> str | None:
        if not isinstance(value, ast.Call):
            return None
        name = self.full_name(dotted(value.func)) or ""
        if name in ("logging.getLogger", "logging.Logger", "logging.root", "logging.LoggerAdapter"):
            return "std"
        if name.startswith("aws_lambda_powertools") and name.endswith("Logger"):
            return "powertools"
        if name.startswith("structlog") and name.endswith(("get_logger", "getLogger", "wrap_logger")):
            return "structlog"
        if isinstance(value.func, ast.Attribute) and value.func.attr == "bind":
            inner = self._logger_kind(value.func.value) if isinstance(value.func.value, ast.Call) else \
                self.module_loggers.get(dotted(value.func.value) or "")
            if inner == "structlog":
                if has_request_id(value):
                    self.log["rid_bound"] = True
                return "structlog"
        return None

    def _logger_name(self, name: str, value: ast.AST) -> None:
        """``logging.getLogger("<literal>")``: the name, so that a logger named after a Chalice app is known as the
        app's."""
        if isinstance(value, ast.Call) and value.args and isinstance(value.args[0], ast.Constant) and \
                isinstance(value.args[0].value, str):
            self.logger_names[name] = value.args[0].value

    def _chalice_app(self, value: ast.Call, names: list[str]) -> None:
        """``app = Chalice(app_name=...)`` at import: ``app.log`` is the logger named after ``app_name``, which
        ``Chalice._configure_logging`` gives its own ``StreamHandler(sys.stdout)`` with ``FORMAT_STRING`` (name,
        level, message) and ``propagate = False`` unless ``configure_logs=False`` (aws/chalice ``chalice/app.py``,
        ``Chalice.__init__`` and ``_configure_logging``): its lines never reach Lambda's handler, so they carry no
        request id. ``Blueprint.log`` returns the registered app's logger (same file, ``Blueprint.log``)."""
        made = self.full_name(dotted(value.func)) or ""
        if made in ("chalice.Chalice", "chalice.app.Chalice"):
            if any(k.arg == "configure_logs" and not (isinstance(k.value, ast.Constant) and k.value.value is True)
                   for k in value.keywords):
                return   # configure_logs=False (or not known): the logger propagates to Lambda's handler
            app_name = value.args[0] if value.args else next((k.value for k in value.keywords
                                                              if k.arg == "app_name"), None)
            self.log["chalice"].append(app_name.value if isinstance(app_name, ast.Constant) and
                                       isinstance(app_name.value, str) else "")
            if any(k.arg == "debug" and not (isinstance(k.value, ast.Constant) and not k.value) for k in value.keywords):
                self.log["chalice_level"] = True
        elif made not in ("chalice.Blueprint", "chalice.app.Blueprint"):
            return
        for name in names:
            self.module_loggers[f"{name}.log"] = "chalice"

    def _log_setup(self, node: ast.Call, name: str | None) -> None:
        if name == "logging.basicConfig":
            fmt = next((k.value for k in node.keywords if k.arg == "format"), None)
            force = any(k.arg == "force" and isinstance(k.value, ast.Constant) and k.value.value is True
                        for k in node.keywords)
            if force and isinstance(fmt, ast.Constant) and isinstance(fmt.value, str) and \
                    "aws_request_id" not in fmt.value:
                self.log["std_lost"] = True
                self.log["std_force_lost"] = True
        elif name in ("logging.Formatter",) or (name or "").endswith(".Formatter"):
            fmt = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "fmt"), None)
            if isinstance(fmt, ast.Constant) and isinstance(fmt.value, str) and "aws_request_id" not in fmt.value:
                self._formatter_without_rid = True
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "setLevel" and \
                self.module_loggers.get(dotted(node.func.value) or "") == "chalice":
            self.log["chalice_level"] = True   # app.log.setLevel(...): its info/debug lines are written
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("removeHandler",):
            self._handlers_replaced = True
        elif isinstance(node.func, ast.Attribute) and node.func.attr in (
                "append_keys", "bind_contextvars", "set_correlation_id", "bind", "new", "structure_logs"):
            if has_request_id(node):
                self.log["rid_bound"] = True

    def _is_root_logger(self, expr: ast.AST, root_names: set[str]) -> bool:
        """``logging.getLogger()`` (no name, or None/""), ``logging.root``, or a local name bound to one of them."""
        if isinstance(expr, ast.Name):
            return expr.id in root_names
        if isinstance(expr, ast.Call):
            return self.full_name(dotted(expr.func)) == "logging.getLogger" and not expr.keywords and (
                not expr.args or isinstance(expr.args[0], ast.Constant) and expr.args[0].value in (None, ""))
        return self.full_name(dotted(expr)) == "logging.root"

    def _basic_config_in_function(self, node: ast.Call, fn: ast.AST) -> None:
        """``logging.basicConfig(format=<without the request id>)`` in a function, with ``force=True`` or after the
        function removed the root logger's handlers (``root.removeHandler(h)`` in a loop, ``root.handlers = []``,
        ``root.handlers.clear()``): Lambda's handler (the one that writes the request id) is gone and basicConfig
        installs its own, so every standard-library line of the process after it loses the request id (judged for
        this file's lines: the other modules may serve other functions of the project). Without the
        removal basicConfig does nothing ("This function does nothing if the root logger already has handlers
        configured, unless the keyword argument force is set to True", Python docs, logging.basicConfig)."""
        fmt = next((k.value for k in node.keywords if k.arg == "format"), None)
        if not (isinstance(fmt, ast.Constant) and isinstance(fmt.value, str)) or "aws_request_id" in fmt.value:
            return
        force = any(k.arg == "force" and isinstance(k.value, ast.Constant) and k.value.value is True
                    for k in node.keywords)
        if not force:
            root_names = {t.id for n in ast.walk(fn) if isinstance(n, ast.Assign) and self._is_root_logger(n.value, set())
                          for t in n.targets if isinstance(t, ast.Name)}
            for sub in ast.walk(fn):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
                    owner = sub.func.value
                    if sub.func.attr == "removeHandler" and self._is_root_logger(owner, root_names) or \
                            sub.func.attr == "clear" and isinstance(owner, ast.Attribute) and \
                            owner.attr == "handlers" and self._is_root_logger(owner.value, root_names):
                        force = True
                        break
                elif isinstance(sub, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "handlers" and
                                                         self._is_root_logger(t.value, root_names)
                                                         for t in sub.targets):
                    force = True
                    break
        level = next((k.value for k in node.keywords if k.arg == "level"), None)
        if force and level is not None and not any(
                isinstance(n, ast.Constant) and n.value in ("DEBUG", "debug", 10) or
                isinstance(n, ast.Attribute) and n.attr == "DEBUG" for n in ast.walk(level)):
            self._debug_dropped = True   # the set-up's own level (not DEBUG, nor DEBUG by default): no debug lines
        if force:   # this file's lines; not std_force_lost, which counts for every module of the project (a
            self.log["std_lost"] = True   # set-up run by one function's handler is not every function's)

    def _log_call(self, node: ast.Call, qualname: str, name: str | None, local_loggers: dict[str, str],
                  shadowed: set[str]) -> None:
        """A print or a logger call in a function, without the request id; a call that binds the request id to a
        logger."""
        func = node.func
        if name == "print" and "print" not in shadowed:
            if not has_request_id(node):
                self.add("LMI104", node, qualname,
                         f"print() in {qualname} writes a plain line without the request id: the log lines of the "
                         "processes serving concurrent invocations interleave in one stream and cannot be told "
                         "apart (Lambda's logging handler adds the request id; print does not)",
                         kind="print")
        elif isinstance(func, ast.Attribute) and func.attr in LOG_METHODS:
            logger = dotted(func.value)
            kind = None
            if logger is not None:
                if logger in local_loggers:
                    kind = local_loggers[logger]
                elif logger.startswith("self.") and (qualname.partition(".")[0], logger[5:]) in self.class_loggers:
                    kind = self.class_loggers[(qualname.partition(".")[0], logger[5:])]
                elif logger in self.module_loggers and logger not in shadowed:
                    kind = self.module_loggers[logger]
                elif self.full_name(logger) == "logging":
                    kind = "std"
                else:
                    target = self.imports.get(logger.split(".")[0])
                    if target and target[1] and "logger" in target[1].lower():
                        kind = "imported"
            elif isinstance(func.value, ast.Call):
                kind = self._logger_kind(func.value)
            if kind and not has_request_id(node):
                cand = self.add("LMI104", node, qualname,
                                f"{name or func.attr}(...) in {qualname} logs without the request id", kind=kind,
                                logger=logger or "")
                if kind == "std" and logger in self.logger_names and logger not in local_loggers:
                    cand["lname"] = self.logger_names[logger]   # may be a Chalice app's logger (python_reach)
                if kind in ("chalice", "std"):
                    cand["method"] = func.attr   # Chalice's default level drops info and debug lines
        # Powertools' inject_lambda_context called on a handler (``handler = logger.inject_lambda_context(handler)``
        # in a project middleware built with lambda_handler_decorator), not only used as its decorator
        if isinstance(func, ast.Attribute) and func.attr == "inject_lambda_context" and node.args:
            self.log["inject"].append(qualname)
            self.log["inject_calls"].append(qualname)
        # the request id bound to a logger (powertools append_keys, structlog bind...)
        if isinstance(func, ast.Attribute) and func.attr in (
                "append_keys", "bind_contextvars", "set_correlation_id", "bind", "new") and has_request_id(node):
            self.log["rid_bound"] = True

    def _logging_module_args(self, module_stmts: list[ast.stmt]) -> dict[str, set[int | str]]:
        """Calls in the file that hand the ``logging`` module itself to a callee (``Cleanup(logging)``): the callee's
        last name -> the positions and keywords it is given at. One walk, only for a file that imports ``logging``."""
        given: dict[str, set[int | str]] = {}
        if not any(t[0] == "logging" and t[1] is None and not t[2] for t in self.imports.values()):
            return given
        for node in breadth_first(ast.Module(body=module_stmts, type_ignores=[])):
            if type(node) is not ast.Call or not (callee := dotted(node.func)):
                continue
            for pos, arg in enumerate(node.args):
                if type(arg) is ast.Name and self.full_name(arg.id) == "logging":
                    given.setdefault(callee.rpartition(".")[2], set()).add(pos)
            for k in node.keywords:
                if k.arg and type(k.value) is ast.Name and self.full_name(k.value.id) == "logging":
                    given.setdefault(callee.rpartition(".")[2], set()).add(k.arg)
        return given

    def _class_loggers(self, cls: ast.ClassDef, logging_args: dict[str, set[int | str]] | None = None) -> None:
        """``self.log = logging.getLogger()`` (or a LoggerAdapter) in a method: ``self.log.info(...)`` in the class's
        methods is a standard-library logger call. So is ``self.logging = logging`` in ``__init__`` when the file's
        callers hand the class the ``logging`` module itself for that parameter (``logging_args``)."""
        given = (logging_args or {}).get(cls.name)
        init = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
        if given and init is not None:
            params = [a.arg for a in init.args.posonlyargs + init.args.args][1:]   # without self
            names = {p for i, p in enumerate(params) if i in given or p in given}
            for node in ast.walk(init):
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in names:
                    for target in node.targets:
                        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and \
                                target.value.id == "self":
                            self.class_loggers[(cls.name, target.attr)] = "std"
        for node in breadth_first(cls):   # ast.walk's order, without contexts and operators
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                kind = self._logger_kind(node.value)
                if kind is None:
                    continue
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and \
                            target.value.id == "self":
                        self.class_loggers[(cls.name, target.attr)] = kind

    def _handler_reformatted(self, node: ast.Call, fn: ast.AST) -> None:
        """``<logger>.handlers[0].setFormatter(logging.Formatter(fmt))`` with a format without the request id:
        Lambda's own handler (the root logger's, which writes the request id) gets another format, so the standard
        library's lines of this module lose it, wherever the set-up runs (a wrapper class's method included)."""
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "setFormatter" and node.args and
                isinstance(func.value, ast.Subscript) and isinstance(func.value.value, ast.Attribute) and
                func.value.value.attr == "handlers" and isinstance(node.args[0], ast.Call)):
            return
        made = node.args[0]
        if not (self.full_name(dotted(made.func)) or "").endswith("Formatter"):
            return
        fmt = made.args[0] if made.args else next((k.value for k in made.keywords if k.arg == "fmt"), None)
        if isinstance(fmt, ast.Name):   # the format kept in a variable of the function (or the module) first
            values = [n.value for n in ast.walk(fn) if isinstance(n, ast.Assign) and
                      any(isinstance(t, ast.Name) and t.id == fmt.id for t in n.targets)]
            fmt = values[-1] if len(values) == 1 else None
        if isinstance(fmt, ast.Constant) and isinstance(fmt.value, str) and "aws_request_id" not in fmt.value:
            self.log["std_lost"] = True

    def _log_propagate(self, root: ast.AST) -> None:
        """``logger.propagate = False`` at import: the logger no longer reaches the handler with the request id."""
        if isinstance(root, ast.Assign):
            for target in root.targets:
                if isinstance(target, ast.Attribute) and target.attr == "propagate" and \
                        isinstance(root.value, ast.Constant) and root.value.value is False:
                    self._handlers_replaced = True
