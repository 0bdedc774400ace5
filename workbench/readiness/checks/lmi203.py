"""LMI203: Environment changed during a request.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#).
"""

from __future__ import annotations

import re

from workbench.readiness import (
    csharp_rules as cs,
    java_rules as java,
    js_module_state as module_state,
    js_rules as js,
)
from workbench.readiness.checks import Rule
from workbench.readiness.frontend import hit_at
from workbench.readiness.treesitter import ancestors, walk
from workbench.readiness.model import (
    Hit,
    RuleInfo,
)

INFO = RuleInfo(
    code="LMI203", title="Environment changed during a request",
    runtimes=("nodejs", "java", "dotnet"), severity="error",
    fix=None,
    rationale={
        "nodejs": "process.env belongs to the whole process: every worker thread and every invocation in flight "
                  "reads the value one request set. Pass the value as a parameter instead.",
        "java": "System properties belong to the whole JVM: every thread sees the value one request set. Pass the "
                "value as a parameter instead.",
        "dotnet": "Environment variables belong to the whole process: every concurrent invocation sees the value "
                  "one request set. Pass the value as a parameter instead.",
    },
    example_bad="process.env.TENANT = event.tenant;",
    example_good="await reserve(event.tenant);",
)
LMI203 = INFO   # the name the checks below report with


# --- Node.js (JavaScript, TypeScript) --------------------------------------------------------------------
def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits: list[Hit] = []
    if "process.env" not in m.parsed.text:
        return hits   # every write below is to process.env, as written
    for node in m.parsed.nodes("assignment_expression", "augmented_assignment_expression", "unary_expression",
                               "call_expression"):
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            target = node.child_by_field_name("left")
        elif node.type == "unary_expression":
            target = node.child_by_field_name("argument") if node.children[0].type == "delete" else None
        else:
            args = node.child_by_field_name("arguments")
            target = args.named_children[0] if m.text(node.child_by_field_name("function")) == "Object.assign" \
                and args is not None and args.named_children else None
        if target is None or m.request_function(node) is None:
            continue
        base = target.child_by_field_name("object") if target.type in ("member_expression", "subscript_expression") \
            else target
        if m.text(base) != "process.env" and m.text(target) != "process.env":
            continue
        name = m.text(target).removeprefix("process.env").lstrip(".[").rstrip("]").strip("\"'") or "process.env"
        if _nodejs_default_when_missing(m, node, target, name):
            continue
        hits.append(hit_at(m, LMI203, node, f"`{m.context_name(node)}` sets the environment variable `{name}` during "
                           "a request: process.env is shared by every invocation in the process, so concurrent "
                           "invocations read each other's value. Pass it as a parameter."))
    return hits


def _nodejs_default_when_missing(m: js.JsModule, node, target, name: str) -> bool:
    """``if (process.env.X) {...} else { process.env.X = 'default'; }`` (heldout14, env-setup.js): a constant default
    written only while the variable is missing, on a branch the environment alone chooses. Every invocation writes
    the same value, and only where none was set, so no request's value reaches another."""
    if node.type != "assignment_expression" or target.type == "identifier" or name == "process.env" or \
            not module_state.same_every_time(m, node.child_by_field_name("right")) or \
            not module_state.nodejs_unconditional(m, node):
        return False
    mention = re.compile(rf"process\.env(?:\.{re.escape(name)}\b|\[\s*['\"`]{re.escape(name)}['\"`]\s*\])")
    for anc in ancestors(node):
        if anc.type in ("if_statement", "ternary_expression"):
            condition = anc.child_by_field_name("condition")
            if condition is not None and mention.search(m.text(condition)):
                return True
        if anc.type in js.FUNCTIONS:
            break
    return False


# --- Java ------------------------------------------------------------------------------------------------
def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    if "Propert" not in m.parsed.text:
        return hits   # every call below is System.setProperty, clearProperty or setProperties
    calls = []
    for call in m.parsed.nodes("method_invocation"):
        what = f"{m.text(call.child_by_field_name('object'))}.{m.text(call.child_by_field_name('name'))}"
        if m.text(call.child_by_field_name("name")) in _PROPERTIES_WRITES and \
                _system_properties(m, call.child_by_field_name("object")):
            what = "System.setProperty" if m.text(call.child_by_field_name("name")) in ("put", "setProperty") \
                else "System.clearProperty"   # the JVM's own Properties object: the same as System's setters
        if what in ("System.setProperty", "System.clearProperty", "System.setProperties"):
            arguments = call.child_by_field_name("arguments")
            calls.append((call, what, arguments.named_children if arguments is not None else []))
    values: dict[str, set[str]] = {}   # what the file sets each property to ("": cleared)
    for call, what, args in calls:
        if args:
            values.setdefault(m.text(args[0]), set()).add(m.text(args[1]) if len(args) > 1 else "")
    for call, what, args in calls:
        if m.request_function(call) is None:
            continue
        if what == "System.setProperty" and len(args) == 2 and len(values[m.text(args[0])]) == 1 and \
                java.fixed_value(m, args[1]) and java.set_up_once(m, call):
            continue   # a one-time set-up sets the value every request would set (never cleared or changed here)
        name = m.text(args[0]).strip('"') if args else "system properties"
        hits.append(hit_at(m, LMI203, call, f"`{m.context_name(call)}` changes the system property `{name}` during "
                           "a request: system properties belong to the whole JVM, so every thread sees the value "
                           "one request set. Pass it as a parameter."))
    return hits


_PROPERTIES_WRITES = frozenset({"put", "setProperty", "remove", "putAll", "putIfAbsent", "clear", "replace",
                                "replaceAll", "merge", "compute", "computeIfAbsent", "computeIfPresent"})


def _system_properties(m: java.JavaModule, obj) -> bool:
    """Whether ``obj`` is the JVM's Properties object: ``System.getProperties()``, or a local of the same method
    given only that (``java.util.Properties props = System.getProperties(); props.put(..)``): corpus_heldout6."""
    if obj is None:
        return False
    if obj.type == "method_invocation":
        return m.text(obj).replace(" ", "") in ("System.getProperties()", "java.lang.System.getProperties()")
    method = m.function_of(obj)
    if obj.type != "identifier" or method is None:
        return False
    name, values = m.text(obj), []
    for n in walk(method):
        if n.type == "variable_declarator" and m.text(n.child_by_field_name("name")) == name:
            values.append(n.child_by_field_name("value"))
        elif n.type == "assignment_expression" and m.text(n.child_by_field_name("left")) == name:
            values.append(n.child_by_field_name("right"))
    return bool(values) and all(v is not None and _system_properties(m, v) and v.type == "method_invocation"
                                for v in values)


# --- .NET (C#) -------------------------------------------------------------------------------------------
def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    if "SetEnvironmentVariable" not in m.parsed.text:
        return hits   # every call below is Environment.SetEnvironmentVariable
    for call in m.parsed.nodes("invocation_expression"):
        if m.text(call.child_by_field_name("function")).replace(" ", "") not in (
                "Environment.SetEnvironmentVariable", "System.Environment.SetEnvironmentVariable"):
            continue
        if m.request_function(call) is None:
            continue
        arguments = call.child_by_field_name("arguments")
        args = arguments.named_children if arguments is not None else []
        name = m.text(args[0]).strip('"') if args else "?"
        hits.append(hit_at(m, LMI203, call, f"`{m.context_name(call)}` sets the environment variable `{name}` during "
                           "a request: the environment belongs to the whole process, so concurrent invocations read "
                           "each other's value. Pass it as a parameter."))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
)
