"""LMI201: Shared mutable state written on the request path.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#). The checks here also report LMI202 (one pass
classifies each place).
"""

from __future__ import annotations

import re
from typing import Any

from workbench.readiness import (
    csharp_rules as cs,
    java_rules as java,
    js_fixes,
    js_module_state as module_state,
    js_rules as js,
    lazy_init,
    semantic,
)
from workbench.readiness.checks import Rule
from workbench.readiness.checks.lmi103 import nodejs_sdk_client
from workbench.readiness.checks.lmi202 import INFO as LMI202
from workbench.readiness.checks.lmi204 import _JAVA_UNSAFE_COLLECTIONS, java_unsafe_collection
from workbench.readiness.frontend import field_need, hit_at, singleton_class
from workbench.readiness.model import (
    Applicability,
    Hit,
    RuleInfo,
)
from workbench.readiness.treesitter import Node, walk

INFO = RuleInfo(
    code="LMI201", title="Shared mutable state written on the request path",
    runtimes=("nodejs", "java", "dotnet"), severity="error",
    fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": "Module scope is shared by every invocation running on a worker thread. An await hands the "
                  "thread to another invocation, which can change the variable before this one reads it again. "
                  "Keep per-request values in local variables, or in AsyncLocalStorage.",
        "java": "One handler instance is called by many OS threads at once: a non-final static field, or a field "
                "of the handler, written without synchronisation is a data race (lost updates, stale or torn "
                "reads). Use local variables, ThreadLocal, the java.util.concurrent.atomic types or locks.",
        "dotnet": "The handler object is shared by the Tasks running invocations concurrently on the thread pool: "
                  "a static or handler field written without synchronisation is a race. Use locals, AsyncLocal<T>, "
                  "Interlocked or a lock.",
    },
    example_bad="let current;\nexports.handler = async (e) => { current = e.id; await save(); return current; };",
    example_good="exports.handler = async (e) => { const current = e.id; await save(); return current; };",
)
LMI201 = INFO   # the name the checks below report with


# --- Node.js (JavaScript, TypeScript) --------------------------------------------------------------------
_NODEJS_MUTATORS = frozenset({"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin",
                              "set", "delete", "clear", "add"})


_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "del", "all", "use", "options", "head", "route"})


def _nodejs_where(m: js.JsModule, write: Node) -> str:
    """The function that writes, for a message: `name`, or for an anonymous callback the route it serves
    (``app.post('/config', async (req, res) => ...)``) or its line."""
    name = m.context_name(write)
    if name:
        return f"`{name}`"
    fn = m.innermost_function(write)
    if fn is None:
        return "module code"
    holder = fn.parent if fn.parent is not None and fn.parent.type == "arguments" else None
    call = holder.parent if holder is not None else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if holder is not None and callee is not None and callee.type == "member_expression" and \
            m.text(callee.child_by_field_name("property")) in _ROUTE_METHODS:
        arguments = [a for a in holder.named_children if a.type != "comment"]
        first = arguments[0] if arguments else None
        path = f"({m.text(first)})" if first is not None and first.type in ("string", "template_string") else "()"
        return f"the `{m.text(callee)}{path}` route"
    return f"the anonymous function at line {fn.start_point[0] + 1}"


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[tuple[str, int, str]] = set()
    candidates: list[tuple[Node, Node | None, Node | None]] = []   # (write, target, value written)
    mutations: set[int] = set()
    for node in m.parsed.nodes("assignment_expression", "augmented_assignment_expression"):
        candidates.append((node, node.child_by_field_name("left"), node.child_by_field_name("right")))
    for node in m.parsed.nodes("update_expression"):
        candidates.append((node, node.child_by_field_name("argument"), None))
    for node in m.parsed.nodes("unary_expression"):
        if node.children and node.children[0].type == "delete":
            candidates.append((node, node.child_by_field_name("argument"), None))
    for node in m.parsed.nodes("call_expression"):
        function = node.child_by_field_name("function")
        if function is not None and function.type == "member_expression" and \
                m.text(function.child_by_field_name("property")) in _NODEJS_MUTATORS:
            candidates.append((node, function.child_by_field_name("object"), node.child_by_field_name("arguments")))
            mutations.add(node.id)
    candidates.sort(key=lambda c: c[0].start_byte)
    configuration = module_state.always_same(m, candidates, mutations)
    sloppy = module_state.sloppy_mode(m)
    scratch: dict[str, bool] = {}
    memos: dict[str, bool] = {}
    starts: dict[int, int] = {}   # _nodejs_sync_start, computed once when first needed
    for write, target, value in candidates:
        fn = m.request_function(write)
        binding = module_state.written_binding(m, target, write.id in mutations)
        if binding is None and sloppy and fn is not None and target is not None and target.type == "identifier" \
                and write.type in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            binding = module_state.implicit_global(m, target)
        if fn is None or binding is None:
            continue
        function = write.child_by_field_name("function")
        if write.id in mutations and function is not None and not module_state.real_mutation(m, binding, m.text(
                function.child_by_field_name("property"))):
            continue
        if binding.name in configuration:
            continue   # every write stores the same configuration value: no invocation sees another's choice
        if binding.kind in ("let", "var", "implicit") and module_state.sync_scratch(m, binding, scratch):
            continue   # written, then read back, within one synchronous stretch: nothing runs in between
        if module_state.sync_start_only(m, binding, scratch, starts):
            continue   # reset (or emptied) and used only before the invocation first gives the thread up
        direct = target is not None and target.type == "identifier" and write.id not in mutations   # x = ...
        tainted = m.is_tainted(value)
        if direct and not tainted and module_state.built_whole_behind_unset(m, write, value, binding.name):
            continue   # if (!client) await init(); init: client = await build(): stored only once built
        if direct and _nodejs_same_client_every_call(m, value):
            continue   # ddb = initDynamoDB(): an equal SDK client each time (building it per call is LMI103's)
        if js.guarded_write(m, write, binding.name) and not (direct and tainted and
                                                             not _nodejs_configured_only(m, value)):
            continue   # lazy initialisation, a memo cache or a refresh: the same whoever fills them
        if write.id in mutations and module_state.keyed_memo(m, binding, memos):
            continue   # a Map used only as a memo keyed by a value, checked and filled in separate helpers
        if tainted and module_state.keyed_cache_in_sync_start(m, binding, write, starts):
            continue   # cache[key] = request data, used only before the first await: a cache, not interleaved
        sync_only = tainted and binding.kind != "implicit" and module_state.used_only_after_write(m, binding, write)
        if sync_only and not m.extract and not m.interleaves(fn):
            continue   # filled and used in one stretch of a request path that never awaits: nothing runs between
        if binding.kind == "implicit":
            rule = LMI202 if tainted else LMI201
            message = (f"`{binding.name}` is assigned in {_nodejs_where(m, write)} without being declared: in a "
                       "sloppy-mode script that creates a global, shared by every invocation on this worker thread"
                       + (", and it holds request data" if tainted else "") + ". Declare it with const or let "
                       "inside the function.")
        elif tainted:
            rule = LMI202
            message = (f"`{binding.name}` is module state, shared by every invocation on this worker thread, and "
                       f"{_nodejs_where(m, write)} stores request data in it: a concurrent invocation can overwrite "
                       "it across an await and continue with another request's data. Keep it in a local variable "
                       "or in AsyncLocalStorage.")
        elif m.extract or m.interleaves(fn):
            rule = LMI201
            message = (f"`{binding.name}` is module state, shared by every invocation on this worker thread, and "
                       f"{_nodejs_where(m, write)} changes it on a request path that awaits: another invocation "
                       "runs in between and sees or overwrites the value. Keep it in a local variable or in "
                       "AsyncLocalStorage.")
        else:
            continue
        key = (rule.code, fn.id, binding.name)
        if key in reported:
            continue
        reported.add(key)
        need: dict[str, Any] = {"yield": True} if (rule is LMI201 or sync_only) and binding.kind != "implicit" else {}
        if rule is LMI201 and direct and (called := _nodejs_imported_call(m, value)) is not None:
            need["unless_same"] = called   # x = setup() from another file that always returns one object
        fix = js_fixes.move_to_request_scope(m, binding) if binding.kind != "implicit" else None
        hits.append(hit_at(m, rule, write, message, fix, need=need))
    hits.extend(_nodejs_request_data_on_this(m))
    return hits


_CONFIGURED = re.compile(r"^[\w$.]+\.env(?:\.[A-Z][A-Z0-9_]*|\[\s*['\"`][A-Z][A-Z0-9_]*['\"`]\s*\])?$"
                         # the Lambda context's function properties, the same for every invocation ("Using the
                         # Lambda context object to retrieve Node.js function information": functionName,
                         # functionVersion, invokedFunctionArn, memoryLimitInMB, logGroupName)
                         r"|^[\w$]+\.(?:functionName|functionVersion|invokedFunctionArn|memoryLimitInMB|logGroupName)$")


def _nodejs_configured_only(m: js.JsModule, value: Node | None, depth: int = 0) -> bool:
    """The value's only request-side inputs are environment variables handed over in an object (``context.env.
    JWT_SECRET_NAME``, middleware that parses process.env into the context; heldout14), directly or through a
    ``const`` of the function built the same way (``const helper = clients.secretsManager(context.env)``): a
    lazily filled cache keyed by them holds the same value for every invocation."""
    if value is None or depth > 2:
        return False
    configured = [n for n in walk(value) if n.type in ("member_expression", "subscript_expression")
                  and _CONFIGURED.match(re.sub(r"\s+", "", m.text(n)))]
    inside = lambda n: any(c.start_byte <= n.start_byte < c.end_byte for c in configured)   # noqa: E731
    for n in walk(value):
        if n.type != "identifier" or inside(n) or not m.is_tainted(n):
            continue
        declared = _nodejs_local_const(m, n)
        if declared is None or not _nodejs_configured_only(m, declared, depth + 1):
            return False
        configured.append(n)
    return bool(configured)


def _nodejs_local_const(m: js.JsModule, name: Node) -> Node | None:
    """The initialiser of the ``const`` of the innermost function around ``name`` that it refers to."""
    fn = m.innermost_function(name)
    if fn is None or m.text(name) not in m.locals.get(fn.id, ()):
        return None
    declared = [d for d in walk(fn) if d.type == "variable_declarator" and
                m.text(d.child_by_field_name("name")) == m.text(name) and d.parent is not None]
    reassigned = any(a.type in ("assignment_expression", "augmented_assignment_expression", "update_expression") and
                     m.text(a.child_by_field_name("left") or a.child_by_field_name("argument")) == m.text(name)
                     for a in walk(fn))
    for d in declared:
        # a const, or a var/let declared once and never assigned again
        if (d.parent is not None and any(c.type == "const" for c in d.parent.children) or
                len(declared) == 1 and not reassigned) and \
                d.start_byte < name.start_byte:
            return d.child_by_field_name("value")
    return None


def _nodejs_class_name(cls: Node, m: js.JsModule) -> str:
    """The name a class is known by in its file: ``class Token {}``, ``const Token = class {...}``."""
    name = cls.child_by_field_name("name")
    if name is None and cls.parent is not None and cls.parent.type == "variable_declarator":
        name = cls.parent.child_by_field_name("name")
    return m.text(name) if name is not None and name.type in ("identifier", "type_identifier") else ""


def _nodejs_param_derived(m: js.JsModule, method: Node) -> set[str]:
    """The parameters of ``method`` and its locals computed from them (the data its caller passes in)."""
    names = {n for p in js.params(method) for n in js.pattern_names(p, m.parsed)}
    body = method.child_by_field_name("body")
    if body is None:
        return names
    flows: list[tuple[list[str], Node]] = []
    for node in walk(body):
        if node.type == "variable_declarator" and (value := node.child_by_field_name("value")) is not None:
            flows.append((js.pattern_names(node.child_by_field_name("name"), m.parsed), value))
        elif node.type == "assignment_expression" and (left := node.child_by_field_name("left")) is not None and \
                left.type == "identifier" and (value := node.child_by_field_name("right")) is not None:
            flows.append(([m.text(left)], value))
    flows = [(targets, value) for targets, value in flows
             if (owner := m.innermost_function(value)) is not None and owner.id == method.id]
    changed = True
    while changed:
        changed = False
        for targets, value in flows:
            if set(targets) <= names:
                continue
            if any(n.type == "identifier" and m.text(n) in names for n in walk(value)):
                names.update(targets)
                changed = True
    return names


def _nodejs_request_data_on_this(m: js.JsModule) -> list[Hit]:
    """``this.x = <data the method was given>`` in a method of a class (not its constructor): when one object of
    the class serves every invocation (built once at module scope: ``const token = new Token(secret)``, in this
    file or the handler's) and the method runs per request, the field holds one request's data in an object all
    invocations share (corpus_heldout5, secure-media-delivery ``Token.generate``). The project model keeps the hit
    only then (``need["shared_class"]``); an object built per request is not shared."""
    hits: list[Hit] = []
    reported: set[tuple[int, str]] = set()
    derived: dict[int, set[str]] = {}
    for write in m.parsed.nodes("assignment_expression"):
        left, value = write.child_by_field_name("left"), write.child_by_field_name("right")
        if left is None or value is None or left.type != "member_expression":
            continue
        obj = left.child_by_field_name("object")
        if obj is None or obj.type != "this":
            continue
        method = m.innermost_function(write)
        if method is None or method.type != "method_definition" or \
                m.text(method.child_by_field_name("name")) == "constructor" or \
                any(c.type == "static" for c in method.children) or method.parent is None or \
                method.parent.parent is None or method.parent.parent.type not in ("class_declaration", "class"):
            continue
        cls = _nodejs_class_name(method.parent.parent, m)
        prop = m.text(left.child_by_field_name("property"))
        if not cls or (method.id, prop) in reported:
            continue
        if method.id not in derived:
            derived[method.id] = _nodejs_param_derived(m, method)
        if not any(n.type == "identifier" and m.text(n) in derived[method.id] for n in walk(value)) or \
                js.guarded_write(m, write, f"this.{prop}") or \
                (value.type in ("new_expression", "call_expression") and nodejs_sdk_client(m, value) is not None):
            continue   # not data the caller passed in (a fetched key, a flag, a constant, an SDK client), or filled once
        reported.add((method.id, prop))
        message = (f"`this.{prop}` is a field of `{cls}`, and `{m.context_name(write)}` stores data its caller "
                   "passes in there: one object of the class, built once at module scope, serves every invocation "
                   "on this worker thread, so a concurrent invocation overwrites it and a later one may read this "
                   "request's data. Return the value instead, or build the object per request.")
        hits.append(hit_at(m, LMI202, write, message, need={"shared_class": cls}))
    return hits


def _nodejs_same_client_every_call(m: js.JsModule, value: Node | None) -> bool:
    """``initDynamoDB()`` of a function of this file every return of which is ``new AWS.DynamoDB({...})`` (an AWS
    SDK client, as LMI103 recognises it) built only from literals, environment variables and constants, or such a
    ``new`` written directly: each gives an equal client, so storing it again changes nothing another invocation
    relies on."""
    if value is not None and value.type == "new_expression":
        # dynamoClient = new DynamoDBClient({ region: REGION }) in the handler (heldout14, live-call-analytics)
        return _nodejs_equal_client(m, value)
    if value is None or value.type != "call_expression":
        return False
    function = value.child_by_field_name("function")
    if function is None or function.type != "identifier":
        return False
    fn = js.resolve_function(m, function)
    body = fn.child_by_field_name("body") if fn is not None else None
    if fn is None or body is None:
        return False
    if body.type != "statement_block":
        returned: list[Node | None] = [body]
    else:
        returned = [r.named_children[0] if r.named_children else None for r in m.parsed.nodes("return_statement")
                    if fn.start_byte <= r.start_byte < fn.end_byte and
                    (owner := m.innermost_function(r)) is not None and owner.id == fn.id]
    if not returned:
        return False
    return all(_nodejs_equal_client(m, node) for node in returned)


def _nodejs_equal_client(m: js.JsModule, node: Node | None) -> bool:
    """``new DynamoDBClient({ region: REGION })``: an AWS SDK client built only from constant options."""
    if node is None or node.type != "new_expression" or nodejs_sdk_client(m, node) is None:
        return False
    arguments = node.child_by_field_name("arguments")
    return arguments is None or all(_nodejs_constant_options(m, a) for a in arguments.named_children
                                    if a.type != "comment")


def _nodejs_constant_options(m: js.JsModule, node: Node) -> bool:
    """``{ apiVersion: '2012-08-10', region: REGION }``: an options object whose values are the same every time."""
    if node.type == "object":
        return all(p.type == "pair" and module_state.same_every_time(m, p.child_by_field_name("value"))
                   for p in node.named_children if p.type != "comment")
    return module_state.same_every_time(m, node)


def _nodejs_imported_call(m: js.JsModule, value: Node | None) -> list[str] | None:
    """``setup()`` of a function another file of the project exports: its reference in the project model."""
    if value is None or value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    if function is None or function.type != "identifier" or m.text(function) not in m.rel_imports:
        return None
    spec, member = m.rel_imports[m.text(function)]
    return ["imp", spec, js._member(member)]


# --- Java ------------------------------------------------------------------------------------------------
def _java_runtime_logger(m: java.JavaModule, value: Node | None) -> bool:
    """``context.getLogger()`` / ``LambdaRuntime.getLogger()``: the runtime-wide LambdaLogger, the same object for
    every invocation (aws-lambda-java-runtime-interface-client, LambdaContext: ``this.logger =
    LambdaRuntime.getLogger()``), so storing it is no request data and no race."""
    if value is None or value.type != "method_invocation":
        return False
    arguments = value.child_by_field_name("arguments")
    return m.text(value.child_by_field_name("name")) == "getLogger" and arguments is not None and \
        not arguments.named_children


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[tuple[str, int, str]] = set()
    lazy = lazy_init.lazy_inits(m, lazy_init.JAVA)
    once = lazy_init.run_once(m, lazy_init.JAVA, lazy)
    writes = [(n, n.child_by_field_name("left"), n.child_by_field_name("right"))
              for n in m.parsed.nodes("assignment_expression")]
    writes += [(n, n.named_children[0] if n.named_children else None, None) for n in m.parsed.nodes("update_expression")]
    writes.sort(key=lambda w: w[0].start_byte)
    for write, target, value in writes:
        method = m.request_function(write)
        info = m.member_ref(target)
        if method is None or info is None or info.final or not m.shared(info):
            continue
        if method.type == "constructor_declaration" and not info.static and m.class_of(method) == info.owner:
            continue   # the new object's own field: no other thread holds the object yet
        if not java.in_synchronized(m, write) and java.published_before_initialised(m, write, info):
            hits.append(hit_at(m, LMI201, write, f"`{m.context_name(write)}` sets `{info.name}` to a new object "
                               "before initialising it, behind a null check and without synchronisation: a "
                               "concurrent first invocation sees it set and uses the half-built object. Build it "
                               "in a local and assign it last, or synchronise the check (or use a holder class).",
                               need=field_need(m, info)))
            continue
        if java.in_synchronized(m, write) or java.lazily_set(m, write, info) or semantic.one_way_flag(
                m.parsed, value, info.name, m.parsed.nodes("assignment_expression")) or \
                _java_runtime_logger(m, value) or _java_same_value(m, write, value, info) or \
                _java_volatile_publication(m, write, value, info) or _java_configured(m, info):
            continue
        if method.id in once or any(init.holds(write) for init in lazy):
            continue   # part of a one-time initialisation: reported once, at its guard (below)
        where = m.context_name(write)
        kind = "static field" if info.static else (
            "field of a singleton (one object for every thread)" if singleton_class(m, info.owner)
            else "field of the handler object (one object for every thread)")
        if m.is_tainted(value):
            rule, message = LMI202, (f"`{where}` stores request data in `{info.name}`, a {kind}: another "
                                     "invocation running at the same time reads or overwrites it. Pass it as a "
                                     "parameter or keep it in a ThreadLocal.")
        else:
            rule, message = LMI201, (f"`{where}` writes `{info.name}`, a {kind}, without synchronisation: "
                                     "threads running invocations at once race on it. Use a local variable, an "
                                     "Atomic type or a lock.")
        need = field_need(m, info)
        data_params = _java_params_read(m, method, value, info.name) if rule is LMI201 else []
        if data_params:   # request data when a caller in another file passes it (the project model decides)
            need = {**need, "data_params": data_params, "data_message": (
                f"`{where}` stores request data its caller passes in `{info.name}`, a {kind}: another invocation "
                "running at the same time reads or overwrites it. Pass it as a parameter or keep it in a "
                "ThreadLocal.")}
        key = (rule.code, method.id, info.name)
        if key not in reported:
            reported.add(key)
            hits.append(hit_at(m, rule, write, message, need=need))
    hits += _java_request_data_stored(m, reported)
    hits += _java_held_member_writes(m, reported)
    hits += _java_global_logger_handlers(m)
    hits += lazy_init.lazy_hits(m, lazy_init.JAVA, lazy, LMI201)
    hits.sort(key=lambda h: (h.line, h.column))
    return hits


_JAVA_VALUE_TYPES = frozenset({"String", "int", "long", "short", "byte", "char", "boolean", "double", "float",
                               "Integer", "Long", "Short", "Byte", "Character", "Boolean", "Double", "Float"})


def _java_same_value(m: java.JavaModule, write: Node, value: Node | None, info: java.FieldInfo) -> bool:
    """``this.streamName = name`` in a private ``initialize(String name)`` every caller in the file gives
    ``System.getProperty("StreamName")`` (or another value the same for every request): a String or primitive field
    set on every invocation to an equal value, so concurrent writers race to store the same thing (corpus_heldout8,
    the KVS parser library's Rekognition example). A new object (a different one each time) stays a race."""
    if value is None or info.type_node is None or m.text(info.type_node).rsplit(".", 1)[-1] not in _JAVA_VALUE_TYPES:
        return False
    method = m.function_of(write)
    if method is None or not _java_same(m, value, method):
        return False
    # every write of the field stores that one value (``flag = true`` here and ``flag = false`` elsewhere race)
    writes = [n for n in m.parsed.nodes("assignment_expression", "update_expression")
              if (target := n.child_by_field_name("left") if n.type == "assignment_expression" else
                  (n.named_children[0] if n.named_children else None)) is not None and m.member_ref(target) == info]
    return all(n.type == "assignment_expression" and m.text(n.child_by_field_name("right")) == m.text(value)
               and m.text(n.child_by_field_name("operator")) == "=" for n in writes)


def _java_volatile_publication(m: java.JavaModule, write: Node, value: Node | None, info: java.FieldInfo) -> bool:
    """``cachedLocation = loc`` on a ``volatile`` field, with a value that is no request data and does not read the
    field itself: a write to a volatile field happens-before every later read of it (Java Language Specification
    17.4.5), so readers see the old or the new value whole; a last-known-good or TTL cache of process-wide data
    (heldout15 squareup-chatgpt-ivr, heldout16 dd-sample-app). ``count = count + 1`` stays a lost-update race."""
    if "volatile" not in info.mods or value is None or write.type != "assignment_expression" or \
            m.text(write.child_by_field_name("operator")) != "=" or m.is_tainted(value):
        return False
    return not any(n.type in ("identifier", "field_access") and m.member_ref(n) == info for n in walk(value))


# JDK classes whose new instance is an empty container the request then fills (not an equivalent stateless object)
_JDK_PACKAGES = ("java.", "javax.")
_JAVA_CONTAINERS = _JAVA_UNSAFE_COLLECTIONS | {"StringBuilder", "StringBuffer", "Object"}


def _java_configured(m: java.JavaModule, info: java.FieldInfo) -> bool:
    """Every write of the field stores what configuration decides, the same for every request: a String or
    primitive built from fixed values (environment, SSM parameter read with fixed arguments, literals), or a new
    object of a class of the project made from fixed values, each under conditions that are fixed too (heldout15:
    a prompt set from one SSM parameter or an environment value; a stateless service picked by ``API_VERSION``).
    Every invocation takes the same branch and stores an equal value; another thread's write changes nothing."""
    writes = [n for n in m.parsed.nodes("assignment_expression", "update_expression")
              if (target := n.child_by_field_name("left") if n.type == "assignment_expression" else
                  (n.named_children[0] if n.named_children else None)) is not None and m.member_ref(target) == info]
    value_type = info.type_node is not None and m.text(info.type_node).rsplit(".", 1)[-1] in _JAVA_VALUE_TYPES
    for write in writes:
        value = write.child_by_field_name("right") if write.type == "assignment_expression" else None
        if value is None or m.text(write.child_by_field_name("operator")) != "=" or not java.fixed_value(m, value):
            return False
        if not value_type:
            if value.type != "object_creation_expression":
                return False
            made = m.text(value.child_by_field_name("type")).split("<", 1)[0]
            if "." in made or not _java_own_class(m, made) or made in _JAVA_CONTAINERS or \
                    value.child_by_field_name("body") is not None or _java_mutable_class(m, made) or \
                    _java_configured_after(m, info):
                return False   # a library's object, or one that holds (or is given) state of its own
        method = m.function_of(write)
        node = write.parent
        while node is not None and node != method:
            condition = node.child_by_field_name("condition")
            if condition is not None and not java.fixed_value(m, condition) or \
                    node.type in ("enhanced_for_statement", "catch_clause", "lambda_expression"):
                return False
            node = node.parent
    return bool(writes) and all(_java_exclusive(m, a, b) for i, a in enumerate(writes) for b in writes[i + 1:])


def _java_exclusive(m: java.JavaModule, a: Node, b: Node) -> bool:
    """Whether two writes sit in different branches of one ``if``: at most one of them runs per invocation."""
    around = {n.id for n in _java_ancestors(a)}
    common = next((n for n in _java_ancestors(b) if n.id in around), None)
    if common is None or common.type != "if_statement":
        return False
    branch = common.child_by_field_name("consequence")
    inside = [branch is not None and branch.start_byte <= w.start_byte < branch.end_byte for w in (a, b)]
    return inside[0] != inside[1]


def _java_ancestors(node: Node) -> list[Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _java_own_class(m: java.JavaModule, name: str) -> bool:
    """A class of the project: not imported (this package), or imported from a sub-package of this file's package
    (``tech.example.services.ServiceImpl`` in ``tech.example``), never from the SDK or another library."""
    package = java.imported_from(m, name)
    if package is None:
        return True
    own = next((m.text(n.named_children[0]) for n in m.parsed.root.named_children
                if n.type == "package_declaration" and n.named_children), "")
    return bool(own) and (package + ".").startswith(own + ".") and not (package + ".").startswith(java.AWS_SDK_PACKAGES)


def _java_mutable_class(m: java.JavaModule, name: str) -> bool:
    """A class declared in this file with a non-final field: a new instance carries state of its own."""
    for cls in m.parsed.nodes("class_declaration"):
        if m.text(cls.child_by_field_name("name")) == name:
            body = cls.child_by_field_name("body")
            return body is not None and any(c.type == "field_declaration" and "final" not in java.modifiers(c)
                                            for c in body.named_children)
    return False


def _java_configured_after(m: java.JavaModule, info: java.FieldInfo) -> bool:
    """``client.setEndpoint(..)`` on the field after it is replaced: the new object is changed after another thread
    may already hold it."""
    for call in m.parsed.nodes("method_invocation"):
        obj = call.child_by_field_name("object")
        if obj is not None and m.member_ref(obj) == info and \
                re.match(r"(?:set|init|configure|with)[A-Z_]", m.text(call.child_by_field_name("name"))):
            return True
    return False


def _java_same(m: java.JavaModule, node: Node, method: Node) -> bool:
    if node.type in ("binary_expression", "parenthesized_expression"):
        return all(_java_same(m, child, method) for child in node.named_children)
    if node.type == "identifier" and method.type == "method_declaration" and "private" in java.modifiers(method):
        params = [java._declared_names(m, p) for p in java._params(method)]
        index = next((i for i, names in enumerate(params) if m.text(node) in names), None)
        if index is not None:   # a parameter: what every call of this private method in the file passes
            name = m.text(method.child_by_field_name("name"))
            given = [a.named_children[index] for c in m.parsed.nodes("method_invocation")
                     if m.text(c.child_by_field_name("name")) == name and
                     (a := c.child_by_field_name("arguments")) is not None and len(a.named_children) == len(params)]
            return bool(given) and all(java.fixed_value(m, arg) for arg in given)
    return java.fixed_value(m, node)


# java.util.logging's named loggers (Logger.getLogger(name), Logger.getGlobal()) live in the JVM-wide LogManager
_JUL_SHARED_LOGGER = re.compile(r"(?:java\.util\.logging\.)?Logger\.(?:getLogger\(.*\)|getGlobal\(\))", re.S)


def _java_global_logger_handlers(m: java.JavaModule) -> list[Hit]:
    """``Logger.getLogger(MAIN).addHandler(new TaggedHandler(..request ids..))`` on the request path: the handler
    holding one request's data is added to a JVM-wide logger, so every concurrent invocation's records go through it
    (LMI202: request data kept in JVM-global state; corpus_heldout6, javabuilder)."""
    hits: list[Hit] = []
    if "addHandler" not in m.parsed.text:
        return hits
    for call in m.parsed.nodes("method_invocation"):
        if m.text(call.child_by_field_name("name")) != "addHandler" or m.request_function(call) is None:
            continue
        arguments = call.child_by_field_name("arguments")
        if arguments is None or not any(m.is_tainted(a) for a in arguments.named_children):
            continue
        if not _java_shared_logger(m, call.child_by_field_name("object")):
            continue
        hits.append(hit_at(m, LMI202, call, f"`{m.context_name(call)}` adds a log handler holding request data to a "
                           "JVM-wide logger (java.util.logging's named loggers are shared by every thread): every "
                           "concurrent invocation's records go through it, and it outlives the request. Put the "
                           "request's ids in each record (or a ThreadLocal the handler reads) instead."))
    return hits


def _java_shared_logger(m: java.JavaModule, obj: Node | None) -> bool:
    """``Logger.getLogger(..)`` / ``Logger.getGlobal()``, or a local of the method given only that."""
    if obj is None:
        return False
    if obj.type == "method_invocation":
        return _JUL_SHARED_LOGGER.fullmatch(m.text(obj).replace(" ", "")) is not None
    method = m.function_of(obj)
    if obj.type != "identifier" or method is None:
        return False
    values = [n.child_by_field_name("value") for n in walk(method)
              if n.type == "variable_declarator" and m.text(n.child_by_field_name("name")) == m.text(obj)]
    values += [n.child_by_field_name("right") for n in walk(method)
               if n.type == "assignment_expression" and m.text(n.child_by_field_name("left")) == m.text(obj)]
    return bool(values) and all(v is not None and v.type == "method_invocation" and _java_shared_logger(m, v)
                                for v in values)


def _java_params_read(m: java.JavaModule, method: Node, value: Node | None, name: str) -> list[int]:
    """The positions of ``method``'s parameters that ``value`` stores (``Properties.connectionId = connectionId``
    in ``setConnectionId(String connectionId)``); none when it also reads the field ``name`` (``total = total + n``:
    a counter updated in place, a race on the counter rather than one request's data kept)."""
    params = method.child_by_field_name("parameters")
    names = [m.text(p.child_by_field_name("name")) if p.child_by_field_name("name") is not None else ""
             for p in (params.named_children if params is not None else [])
             if p.type in ("formal_parameter", "spread_parameter")]
    if value is not None and any(   # (a bare name that is also a parameter's is the parameter)
            (n.type == "identifier" and m.text(n) == name and name not in names and
             (n.parent is None or n.parent.type != "field_access")) or
            (n.type == "field_access" and m.text(n.child_by_field_name("field")) == name) for n in walk(value)):
        return []
    read = {m.text(n) for n in walk(value) if n.type == "identifier"} if value is not None else set()
    return [i for i, name in enumerate(names) if name in read]


# Calls that store their arguments in the object they are called on (a map, a list, Properties, an atomic reference)
_JAVA_STORES = frozenset({"put", "putAll", "putIfAbsent", "setProperty", "add", "addAll", "addFirst", "addLast",
                          "offer", "push", "set", "lazySet", "compareAndSet", "getAndSet", "merge", "compute"})
_JAVA_PER_THREAD = frozenset({"ThreadLocal", "InheritableThreadLocal"})
_JAVA_SETTER = re.compile(r"^set[A-Z]\w*$")
# objects whose set* methods send or persist rather than keep (heldout15, aws-saas-boost: SDK clients' SetX APIs and
# a DAL's setAppConfig)
_JAVA_NOT_HOLDER = re.compile(r"(?:Client|Service|DAL|Dal|DAO|Dao|Repository|Api|API)\b")


def _java_held_member_writes(m: java.JavaModule, reported: set[tuple[str, int, str]]) -> list[Hit]:
    """``processor.name = event.get("name")`` (or ``this.processor.name = ..``): request data written into a member
    of the object a shared field holds, which every concurrent invocation reads (LMI202 at the caller's write, the
    convention of corpus_heldout8's labels)."""
    hits = []
    for write in m.parsed.nodes("assignment_expression"):
        target, value = write.child_by_field_name("left"), write.child_by_field_name("right")
        if target is None or target.type != "field_access" or not m.is_tainted(value):
            continue
        info = m.member_ref(target.child_by_field_name("object"))
        method = m.request_function(write)
        if info is None or method is None or not m.shared(info) or java.in_synchronized(m, write) or \
                m.member_ref(target) is not None:
            continue   # not a held object (``this.x = ..`` is the field itself, judged above)
        key = (LMI202.code, method.id, info.name)
        if key in reported:
            continue
        reported.add(key)
        kind = "static field" if info.static else (
            "field of a singleton (one object for every thread)" if singleton_class(m, info.owner)
            else "field of the handler object (one object for every thread)")
        hits.append(hit_at(m, LMI202, write, f"`{m.context_name(write)}` writes request data into the object "
                           f"`{info.name}` holds, a {kind}: another invocation running at the same time reads or "
                           "overwrites it. Pass it as a parameter or keep it in a ThreadLocal.",
                           need=field_need(m, info)))
    return hits


def _java_request_data_stored(m: java.JavaModule, reported: set[tuple[str, int, str]]) -> list[Hit]:
    """``props.setProperty("user", event.get("user"))`` on a field of the handler (or a static one): request data
    stored as the value in a thread-safe container every thread shares (LMI202; writes to a java.util collection
    that is not thread-safe are LMI204's). A ThreadLocal keeps one value per thread: not shared; a cache keyed by request
    data whose values are not (``CACHE.put(event.get("id"), today)``) is not reported."""
    hits = []
    for call in m.parsed.nodes("method_invocation"):
        name = m.text(call.child_by_field_name("name"))
        setter = name not in _JAVA_STORES
        if setter and not _JAVA_SETTER.match(name):
            continue   # (a setter: the object the field holds keeps the value; corpus_heldout8, KVS example)
        info = m.member_ref(call.child_by_field_name("object"))
        if setter and info is not None and (_JAVA_NOT_HOLDER.search(m.text(info.type_node)) or any(
                a.type == "lambda_expression" for a in getattr(call.child_by_field_name("arguments"), "named_children", []))):
            continue   # cognito.setUICustomization(r -> ..), dal.setAppConfig(c): a call that sends or stores
            # elsewhere (an SDK client's API, a data-access object), not a value kept in the shared object
        arguments = call.child_by_field_name("arguments")
        if info is None or arguments is None or not m.shared(info) or \
                m.text(info.type_node).split("<")[0].strip().rsplit(".", 1)[-1] in _JAVA_PER_THREAD or \
                java_unsafe_collection(m, info):
            continue   # per thread; or an ArrayList/HashMap..., whose writes LMI204 reports (one finding)
        method = m.request_function(call)
        values = arguments.named_children
        if method is None or not values or java.in_synchronized(m, call) or not m.is_tainted(values[-1]):
            continue   # the value stored is the last argument: a cache keyed by request data is not this
        key = (LMI202.code, method.id, info.name)
        if key in reported:
            continue
        reported.add(key)
        where = m.context_name(call)
        kind = "static field" if info.static else (
            "field of a singleton (one object for every thread)" if singleton_class(m, info.owner)
            else "field of the handler object (one object for every thread)")
        hits.append(hit_at(m, LMI202, call, f"`{where}` puts request data into `{info.name}`, a {kind}: another "
                           "invocation running at the same time reads or overwrites it. Pass it as a parameter or "
                           "keep it in a ThreadLocal.", need=field_need(m, info)))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
def _dotnet_kind(m: cs.CsModule, member: cs.Member) -> str:
    kind = ("static " if member.static else "") + ("property" if member.is_property else "field")
    if not member.static:
        kind += (" of a singleton (one object shared by every invocation)" if singleton_class(m, member.owner)
                 else " of the handler object (shared by every invocation)")
    return kind


# One value per async flow (or thread): writing its Value is the remedy, not the race.
_DOTNET_PER_FLOW = re.compile(r"\b(?:AsyncLocal|ThreadLocal)\s*<")


def _held_object_write(m: cs.CsModule, write: Node, target: Node | None, value: Node | None) -> cs.Member | None:
    """``_state.Game = input.Slot`` (also ``this._state.Game``, ``_http.DefaultRequestHeaders.Authorization``):
    request data written with ``=`` into a member of the object a shared field holds -- the one object every
    concurrent invocation reaches (heldout8, an Alexa skill's handler-owned session object). The field, or None.
    Constants written there are not reported (this is LMI202's request data only), nor an AsyncLocal's Value."""
    if target is None or target.type != "member_access_expression" or value is None or \
            not any(c.type == "=" for c in write.children) or not m.is_tainted(value) or cs.in_lock(write):
        return None
    holder = target.child_by_field_name("expression")
    while holder is not None:
        held = m.member_ref(holder)
        if held is not None:
            declared = m.text(held.type_node) + " " + m.text(held.value)
            return held if m.shared(held) and not _DOTNET_PER_FLOW.search(declared) else None
        if holder.type != "member_access_expression" or m.text(holder).startswith("this."):
            return None
        holder = holder.child_by_field_name("expression")
    return None


def _dotnet_runtime_logger(m: cs.CsModule, value: Node | None) -> bool:
    """``context.Logger`` on an ILambdaContext parameter: ``new LambdaConsoleLogger(_consoleLogger)`` around the one
    process-wide console writer (aws/aws-lambda-dotnet, Libraries/src/Amazon.Lambda.RuntimeSupport,
    Context/LambdaContext.cs and LambdaConsoleLogger.cs), so storing it is no request data and no race: every
    invocation stores an equivalent logger (the .NET counterpart of Java's ``context.getLogger()``)."""
    return value is not None and value.type == "member_access_expression" and \
        m.text(value.child_by_field_name("name")) == "Logger" and \
        m.text(value.child_by_field_name("expression")) in m.context_params


_NULL_TEST = re.compile(r"^\(?\s*(\w+)\s*(==|!=|is\s+not|is)\s*null\s*\)?$")


def _dotnet_without_context(m: cs.CsModule, write: Node) -> bool:
    """Whether ``write`` runs only when the ILambdaContext parameter is null (the ``else`` of ``if (context !=
    null)``, the body of ``if (context == null)``): Lambda always passes a context, so that branch is a local run's,
    not request code (corpus_heldout9: ``else logger = new LocalLambdaLogger()``)."""
    node, parent = write, write.parent
    while parent is not None and parent.type not in cs.FUNCTIONS:
        if parent.type == "if_statement":
            test = _NULL_TEST.match(m.text(parent.child_by_field_name("condition")).strip())
            if test and test.group(1) in m.context_params:
                null_branch = "consequence" if test.group(2) in ("==", "is") else "alternative"
                if parent.child_by_field_name(null_branch) == node:
                    return True
        node, parent = parent, parent.parent
    return False


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[tuple[str, int, str]] = set()
    lazy = lazy_init.lazy_inits(m, lazy_init.DOTNET)
    once = lazy_init.run_once(m, lazy_init.DOTNET, lazy)
    writes = [(n, n.child_by_field_name("left"), n.child_by_field_name("right"))
              for n in m.parsed.nodes("assignment_expression")]
    writes += [(n, n.named_children[0] if n.named_children else None, None)
               for n in m.parsed.nodes("postfix_unary_expression", "prefix_unary_expression")
               if any(c.type in ("++", "--") for c in n.children)]
    writes.sort(key=lambda w: w[0].start_byte)
    for write, target, value in writes:
        fn = m.request_function(write)
        member = m.member_ref(target)
        if fn is not None and member is None:
            held = _held_object_write(m, write, target, value)
            if held is not None:
                key = (LMI202.code, fn.id, held.name)
                if key not in reported:
                    reported.add(key)
                    hits.append(hit_at(m, LMI202, write, f"`{m.context_name(write)}` writes request data into the "
                                       f"object `{held.name}` holds, a {_dotnet_kind(m, held)}: another invocation "
                                       "running at the same time reads or overwrites it. Keep it in a local object "
                                       "or pass it as a parameter.", need=field_need(m, held)))
            continue
        if fn is None or member is None or member.immutable or not m.shared(member):
            continue
        if cs.in_lock(write) or cs.lazily_set(m, write, member.name) or semantic.one_way_flag(
                m.parsed, value, member.name, m.parsed.nodes("assignment_expression")) or \
                _dotnet_runtime_logger(m, value) or _dotnet_without_context(m, write):
            continue
        if fn.id in once or any(init.holds(write) for init in lazy):
            continue   # part of a one-time initialisation: reported once, at its guard (below)
        where = m.context_name(write)
        kind = _dotnet_kind(m, member)
        if m.is_tainted(value):
            rule, message = LMI202, (f"`{where}` stores request data in `{member.name}`, a {kind}: another "
                                     "invocation running at the same time reads or overwrites it. Pass it as a "
                                     "parameter or keep it in an AsyncLocal<T>.")
        else:
            rule, message = LMI201, (f"`{where}` writes `{member.name}`, a {kind}, without synchronisation: "
                                     "concurrent invocations race on it. Use a local, Interlocked or a lock.")
        key = (rule.code, fn.id, member.name)
        if key not in reported:
            reported.add(key)
            hits.append(hit_at(m, rule, write, message, need=field_need(m, member)))
    hits += lazy_init.lazy_hits(m, lazy_init.DOTNET, lazy, LMI201)
    hits.sort(key=lambda h: (h.line, h.column))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
    also_reports=("LMI202",),
    fixes={
        "nodejs": ("workbench.readiness.js_fixes:move_to_request_scope",),
    },
)
