"""LMI104: Log lines without the request id.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#). python: found by
``workbench.readiness.python.facts.extractor:extract``.
"""

from __future__ import annotations

import re

from workbench.readiness import (
    csharp_rules as cs,
    java_rules as java,
    js_rules as js,
)
from workbench.readiness.checks import Rule
from workbench.readiness.frontend import hit_at
from workbench.readiness.model import (
    Applicability,
    Hit,
    RuleInfo,
)
from workbench.readiness.treesitter import Node, walk

INFO = RuleInfo(
    code="LMI104", title="Log lines without the request id",
    runtimes=("nodejs", "java", "dotnet", "python"), severity="info",
    fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": "Concurrent invocations interleave their lines in one log stream. Lambda's console in JSON log "
                  "format adds the requestId to console.* lines, and Powertools Logger adds it once the context is "
                  "injected (injectLambdaContext or addContext); lines written straight to process.stdout, or by a "
                  "logger that never receives the context, cannot be told apart.",
        "java": "Threads interleave their lines in one log stream. LambdaLogger (context.getLogger()) and "
                "Powertools @Logging add the request id; System.out, System.err and printStackTrace do not.",
        "dotnet": "Tasks interleave their lines in one log stream. ILambdaContext.Logger and LambdaLogger add the "
                  "request id, and so does the runtime's Console writer under LMI (per-invocation storage); "
                  "Powertools Logger adds it only on a handler with [Logging].",
        "python": "The processes serving concurrent invocations write to the same log stream, so lines interleave. "
                  "Lambda's Python logging handler adds the request id to every record (the text format's third "
                  "field, requestId in the JSON format of Python 3.12+ runtimes), so plain logging is fine; "
                  "print() bypasses it, and so does a logging set-up that replaces Lambda's handler or format. "
                  "Powertools' Logger adds it once the handler is decorated with inject_lambda_context; structlog "
                  "once the id is bound.",
    },
    example_bad="System.out.println(\"order saved\");",
    example_good="context.getLogger().log(\"order saved\");",
)
LMI104 = INFO   # the name the checks below report with


# --- Node.js (JavaScript, TypeScript) --------------------------------------------------------------------
_NODEJS_LOGGER_PACKAGES = {"pino": "pino", "winston": "winston", "bunyan": "bunyan", "log4js": "log4js",
                           "loglevel": "loglevel"}


_NODEJS_LOG_METHODS = frozenset({"log", "info", "debug", "warn", "error", "trace", "fatal", "critical", "silly",
                                 "verbose"})


_NODEJS_REQUEST_ID = re.compile(r"(?i)request_?id|awsRequestId")


def _nodejs_logger_kind(m: js.JsModule, binding: js.Binding, depth: int = 0) -> str | None:
    value = binding.value
    if value is None and binding.declarator is not None:   # let logger: Logger; (assigned later)
        annotation = m.text(binding.declarator.child_by_field_name("type")).lstrip(":").strip()
        source = m.imports.get(annotation)
        if source is not None and source[0] == "@aws-lambda-powertools/logger":
            return "Powertools"
    return _nodejs_logger_value_kind(m, value, depth)


def _nodejs_logger_value_kind(m: js.JsModule, value: Node | None, depth: int = 0) -> str | None:
    """The logger package whose logger ``value`` builds (``createLogger(...)``, ``pino()``, ``new Logger()``), or
    that the module-level name it refers to holds (``module.exports = log``, ``export { log }``)."""
    value = js._unwrapped(value)
    if value is not None and value.type in ("identifier", "shorthand_property_identifier"):
        binding = m.bindings.get(m.text(value))
        return _nodejs_logger_kind(m, binding, depth + 1) if binding is not None and depth < 4 else None
    while value is not None and value.type in ("call_expression", "new_expression", "member_expression"):
        head = value.child_by_field_name("constructor" if value.type == "new_expression" else "function") \
            if value.type != "member_expression" else value
        found = m.imported(head)
        if found is not None:
            if found[0] == "@aws-lambda-powertools/logger":
                return "Powertools"
            if found[0] in _NODEJS_LOGGER_PACKAGES:
                return _NODEJS_LOGGER_PACKAGES[found[0]]
        value = head.child_by_field_name("object") if head is not None and head.type == "member_expression" \
            else None
    return None


def exported_loggers(m: js.JsModule) -> dict[str, str]:
    """The names the module exports that hold a logger of a logger package (not Powertools, whose context is
    judged where it is injected): a handler importing one logs without the request id unless it adds it
    (``semantic.resolve``: need "logger")."""
    found = {}
    for name, value in m.exports.items():
        kind = _nodejs_logger_value_kind(m, value)
        if kind is not None and kind != "Powertools":
            found[name] = kind
    return found


_NODEJS_INJECTS = re.compile(r"\binjectLambdaContext\s*\(|\.addContext\s*\(")


def injecting_exports(m: js.JsModule) -> list[str]:
    """The names the module exports that stand for a function which gives a Powertools Logger the Lambda context
    (``injectLambdaContext(...)`` in a middy chain, or the Logger's ``addContext(context)``): a shared middleware
    bundle or handler wrapper. A handler that hands its logger to one (``bundle({ logger })``) logs with the request
    id (Powertools for AWS Lambda (TypeScript), Logger: "Capturing Lambda context info")."""
    found = []
    for name, value in m.exports.items():
        if value is not None and value.type in ("identifier", "shorthand_property_identifier"):
            binding = m.bindings.get(m.text(value))
            value = binding.value if binding is not None else None
        if value is not None and value.type in js.FUNCTIONS and _NODEJS_INJECTS.search(m.text(value)):
            found.append(name)
    return found


def _handed_to_project_functions(m: js.JsModule, name: str) -> list[list[str]]:
    """[spec, member] of the project functions the module calls with the logger ``name`` as an argument, or as a
    property of an object argument (``bundle({ logger, ... })``)."""
    found: list[list[str]] = []
    for call in m.parsed.nodes("call_expression"):
        head = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if head is None or args is None or name not in m.text(args):
            continue
        if head.type == "identifier" and m.text(head) in m.rel_imports:
            spec, member = m.rel_imports[m.text(head)]
        elif head.type == "member_expression" and m.text(head.child_by_field_name("object")) in m.rel_imports and \
                m.rel_imports[m.text(head.child_by_field_name("object"))][1] == "*":
            spec, member = m.rel_imports[m.text(head.child_by_field_name("object"))][0], \
                m.text(head.child_by_field_name("property"))
        else:
            continue
        for arg in args.named_children:
            parts = [arg] if arg.type == "identifier" else \
                [p if p.type == "shorthand_property_identifier" else p.child_by_field_name("value")
                 for p in arg.named_children if p.type in ("shorthand_property_identifier", "pair")] \
                if arg.type == "object" else []
            if any(p is not None and p.type in ("identifier", "shorthand_property_identifier") and m.text(p) == name
                   for p in parts):
                found.append([spec, "default" if member == "*" else member])
                break
    return found


def check_nodejs(m: js.JsModule) -> list[Hit]:
    if not m.handlers and not m.extract:
        return []   # logging hygiene is judged in handler files, not in every module a handler may call
    injected = "injectLambdaContext" in m.parsed.text or ".addContext(" in m.parsed.text
    loggers = {name: kind for name, b in m.bindings.items() if (kind := _nodejs_logger_kind(m, b)) is not None}
    per_function: dict[tuple[int, str], list[Node]] = {}
    for call in m.parsed.nodes("call_expression"):
        function = call.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            continue
        obj = function.child_by_field_name("object")
        method = m.text(function.child_by_field_name("property"))
        obj_text = m.text(obj)
        stdout = obj_text in ("process.stdout", "process.stderr") and method == "write"
        if not stdout and (obj is None or obj.type != "identifier" or method not in _NODEJS_LOG_METHODS):
            continue   # no log line (asked before the costlier questions below)
        fn = m.request_function(call)
        if fn is None or _NODEJS_REQUEST_ID.search(m.text(call.child_by_field_name("arguments"))):
            continue
        # an inline callback (an anonymous function written as a call's argument) counts with the function it is
        # written in: one finding per function
        while fn.type in ("function_expression", "arrow_function", "function") and fn.parent is not None and \
                fn.parent.type == "arguments" and (outer := m.request_function(fn.parent)) is not None:
            fn = outer
        if stdout:
            per_function.setdefault((fn.id, obj_text), []).append(call)
        elif obj is not None and (binding := m.module_binding(obj)) is not None and binding.name in loggers:
            kind = loggers[binding.name]
            if kind == "Powertools" and injected:
                continue
            per_function.setdefault((fn.id, binding.name), []).append(call)
        elif obj is not None and obj_text in m.rel_imports and m.imported(obj) is not None:
            # a name imported from a module of the project: a logger when that module exports one it built
            # (resolve checks, need "logger"): a shared utils/logger.ts the handlers import
            per_function.setdefault((fn.id, obj_text), []).append(call)
    hits = []
    for (_, what), calls in per_function.items():
        # in a file that is not a handler's, a Powertools Logger of its own counts only when no file of its package
        # gives one the context (semantic.resolve: need "uninjected"); other loggers are judged in handler files
        need: dict[str, object] = {"uninjected": True} if loggers.get(what) == "Powertools" and not m.handlers and \
            what not in m.exports else {"handler_file": True}   # an exported logger may get the context elsewhere
        imported = what not in loggers and not what.startswith("process.")
        if loggers.get(what) == "Powertools" and (wrappers := _handed_to_project_functions(m, what)):
            need["uninjected_by"] = wrappers   # unless one of these gives it the context (semantic.resolve)
        if imported:
            spec, member = m.rel_imports[what]
            need["logger"] = [spec, "default" if member == "*" else member]
        count = f"{len(calls)} log lines" if len(calls) > 1 else "A log line"
        if what.startswith("process."):
            why = f"written straight to {what}, which Lambda does not tag with the request id"
        elif loggers.get(what) == "Powertools":
            why = (f"from Powertools Logger `{what}`, which never receives the Lambda context (no "
                   "injectLambdaContext or addContext)")
        elif imported:
            why = f"from the logger `{what}` that `{m.rel_imports[what][0]}` builds, which does not know the request id"
        else:
            why = f"from the {loggers.get(what)} logger `{what}`, which does not know the request id"
        hits.append(hit_at(m, LMI104, calls[0], f"{count} in `{m.context_name(calls[0])}` {why}: concurrent "
                           "invocations' lines cannot be told apart. Add context.awsRequestId (e.g. a child logger).",
                           need=need))
    return hits


# --- Java ------------------------------------------------------------------------------------------------
_JAVA_REQUEST_ID = re.compile(r"(?i)request_?id")


_JAVA_NULL_TEST = re.compile(r"^\(?\s*(?:this\s*\.\s*)?(\w+)\s*(==|!=)\s*null\s*\)?$")


def _java_logger_fallback(m: java.JavaModule, call: Node) -> bool:
    """``if (logger != null) logger.log(msg); else System.out.println(msg);`` where ``logger`` is a field every
    handler of the file sets (``logger = context.getLogger();``) in a statement of its own body before it calls
    anything of its class: the System.out branch never runs on the request path (corpus_heldout8, aws-big-data-blog
    KinesisToFirehose ``logIt``)."""
    fn = m.function_of(call)
    current: Node | None = call.parent
    child: Node = call
    while current is not None and fn is not None and current.id != fn.id:
        condition = current.child_by_field_name("condition") if current.type == "if_statement" else None
        if condition is not None:
            test = _JAVA_NULL_TEST.match(m.text(condition))
            branch = current.child_by_field_name("alternative" if test and test.group(2) == "!=" else "consequence")
            if test is not None and branch is not None and branch.start_byte <= child.start_byte < branch.end_byte:
                info = m.member_ref(condition.named_children[0].child_by_field_name("left")) \
                    if condition.named_children else None
                return info is not None and bool(m.handlers) and all(
                    _java_sets_first(m, handler, info.name) for handler in m.handlers)
        child, current = current, current.parent
    return False


def _java_sets_first(m: java.JavaModule, handler: Node, name: str) -> bool:
    """Whether a statement of ``handler``'s body assigns ``name`` (a non-null value) before any statement that
    calls a method of the class (an unqualified or ``this.`` call)."""
    body = handler.child_by_field_name("body")
    for statement in body.named_children if body is not None else []:
        expr = statement.named_children[0] if statement.type == "expression_statement" and \
            statement.named_children else None
        if expr is not None and expr.type == "assignment_expression" and \
                re.fullmatch(rf"(?:this\s*\.\s*)?{re.escape(name)}", m.text(expr.child_by_field_name("left"))) and \
                m.text(expr.child_by_field_name("right")) != "null":
            return True
        if any(n.type == "method_invocation" and ((obj := n.child_by_field_name("object")) is None or
                                                  obj.type == "this")
               for n in walk(statement)):
            return False
    return False


def check_java(m: java.JavaModule) -> list[Hit]:
    if not m.handlers and not m.extract:
        return []   # logging hygiene is judged in handler classes, not in every class a handler may call
    per_method: dict[int, list[Node]] = {}
    for call in m.parsed.nodes("method_invocation"):
        obj, name = m.text(call.child_by_field_name("object")), m.text(call.child_by_field_name("name"))
        stdout = obj in ("System.out", "System.err") and name in java.LOG_METHODS
        args = call.child_by_field_name("arguments")
        trace = name == "printStackTrace" and args is not None and not args.named_children
        if not (stdout or trace):
            continue   # no log line (asked before the costlier questions below)
        method = m.request_function(call)
        if method is None or _JAVA_REQUEST_ID.search(m.text(call)) or (stdout and _java_logger_fallback(m, call)):
            continue
        per_method.setdefault(method.id, []).append(call)
    hits = []
    for calls in per_method.values():
        count = f"{len(calls)} log lines in `{m.context_name(calls[0])}` go" if len(calls) > 1 else \
            f"A log line in `{m.context_name(calls[0])}` goes"
        hits.append(hit_at(m, LMI104, calls[0], f"{count} to System.out/System.err "
                           "without the request id: concurrent invocations' lines cannot be told apart. Log with "
                           "context.getLogger() (or Powertools @Logging), or add context.getAwsRequestId().",
                           need={"handler_file": True}))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
_DOTNET_POWERTOOLS_LOG = frozenset({"LogInformation", "LogDebug", "LogWarning", "LogError", "LogTrace", "LogCritical"})


_DOTNET_REQUEST_ID = re.compile(r"(?i)request_?id")


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    if not m.handlers and not m.extract:
        return []   # logging hygiene is judged in handler classes, not in every class a handler may call
    powertools_ready = "[Logging" in m.parsed.text
    if powertools_ready or "AWS.Lambda.Powertools.Logging" not in m.parsed.text:
        return []   # the only log line reported is Powertools Logger's without [Logging] (below)
    per_function: dict[tuple[int, str], list[Node]] = {}
    for call in m.parsed.nodes("invocation_expression"):
        function = call.child_by_field_name("function")
        fn = m.request_function(call)
        if function is None or fn is None or function.type != "member_access_expression" or \
                _DOTNET_REQUEST_ID.search(m.text(call.child_by_field_name("arguments"))):
            continue
        target, name = m.text(function.child_by_field_name("expression")), m.text(function.child_by_field_name("name"))
        # Console.* is not a finding: under LMI the .NET runtime's Console writer adds the request id to each line
        # (per-invocation storage) -- lmi-facts.md, "Checked against AWS's own pages on 2026-12-07".
        if target == "Logger" and name in _DOTNET_POWERTOOLS_LOG and not powertools_ready and \
                "AWS.Lambda.Powertools.Logging" in m.parsed.text:
            per_function.setdefault((fn.id, "Logger"), []).append(call)
    hits = []
    for calls in per_function.values():
        where = m.context_name(calls[0])
        lines = f"{len(calls)} log lines in `{where}` are" if len(calls) > 1 else f"A log line in `{where}` is"
        why = "written by Powertools Logger on a handler without [Logging], so it lacks the Lambda context"
        hits.append(hit_at(m, LMI104, calls[0], f"{lines} {why}: concurrent invocations' lines cannot be told apart. "
                           "Log with context.Logger, or add context.AwsRequestId.", need={"handler_file": True}))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
    elsewhere={
        "python": "workbench.readiness.python.facts.extractor:extract",
    },
    fixes={
        "python": ("workbench.readiness.python.fixes.build:build_fix",),
    },
)
