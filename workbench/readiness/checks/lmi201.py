"""LMI201: Shared mutable state written on the request path.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#). The checks here also report LMI202 (one pass
classifies each place).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from workbench.readiness import (
    csharp_rules as cs,
    java_rules as java,
    js_fixes,
    js_rules as js,
    semantic,
)
from workbench.readiness.checks import Rule
from workbench.readiness.checks.lmi202 import INFO as LMI202
from workbench.readiness.checks.lmi204 import _nodejs_same_every_time
from workbench.readiness.frontend import field_need, hit_at, singleton_class
from workbench.readiness.model import (
    Applicability,
    Hit,
    Language,
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


_NODEJS_JS_GLOBALS = frozenset({"process", "Number", "String", "Boolean", "parseInt", "parseFloat", "JSON", "undefined",
                                "Infinity", "NaN"})


_NODEJS_ARRAY_MUTATORS = frozenset({"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill",
                                    "copyWithin"})


_NODEJS_COLLECTION_CLASSES = frozenset({"Map", "Set", "WeakMap", "WeakSet", "Array"})


_NODEJS_SLOPPY_KNOWN = frozenset({"module", "exports", "window", "global", "globalThis", "self", "document", "console",
                                  "process", "require", "undefined", "NaN", "Infinity", "arguments", "this"})


def _nodejs_collection_kind(m: js.JsModule, binding: js.Binding) -> str:
    """"array", "map" (Map, Set and the weak ones), "" for a value that is no collection (an SDK client, a
    document client, an object whose ``delete``/``set`` are calls, not writes), "?" when unknown."""
    value = binding.value
    while value is not None and value.type in ("parenthesized_expression", "as_expression", "satisfies_expression",
                                               "non_null_expression"):
        value = value.named_children[0] if value.named_children else None
    if value is None:
        return "?"
    if value.type == "array":
        return "array"
    if value.type == "new_expression":
        name = m.text(value.child_by_field_name("constructor")).rsplit(".", 1)[-1]
        return "array" if name == "Array" else "map" if name in _NODEJS_COLLECTION_CLASSES else ""
    if value.type == "call_expression" and m.text(value.child_by_field_name("function")) in ("Array.from",
                                                                                             "Array.of"):
        return "array"
    if value.type in ("call_expression", "await_expression", "member_expression", "object"):
        return ""
    return "?"


def _nodejs_real_mutation(m: js.JsModule, binding: js.Binding, method: str) -> bool:
    """``x.push(...)`` on an array, ``x.set/delete/clear/add(...)`` on a Map or Set: not ``dynamoDb.delete(params)``
    on an SDK client, whose method names only look like collection writes."""
    kind = _nodejs_collection_kind(m, binding)
    if method in _NODEJS_ARRAY_MUTATORS:
        return kind in ("array", "?")
    return kind == "map"


def _nodejs_written_binding(m: js.JsModule, target: Node | None, mutates: bool = False) -> js.Binding | None:
    """The module binding a write goes to: ``x = ...``, ``x.y = ...``, ``x[k] = ...``, ``x.y.push(...)``
    (``mutates``: ``target`` is the object a mutating method is called on, not a variable being reassigned)."""
    node = target
    while node is not None and node.type in ("member_expression", "subscript_expression", "non_null_expression",
                                             "parenthesized_expression"):
        node = node.child_by_field_name("object") or (node.named_children[0] if node.named_children else None)
    if node is None or node.type != "identifier":
        return None
    binding = m.module_binding(node)
    if binding is None or binding.kind in ("function", "class"):
        return None
    if target is node and binding.kind == "const" and not mutates:
        return None
    return binding


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
    configuration = _nodejs_always_same(m, candidates, mutations)
    sloppy = _nodejs_sloppy(m)
    scratch: dict[str, bool] = {}
    starts: dict[int, int] = {}   # _nodejs_sync_start, computed once when first needed
    for write, target, value in candidates:
        fn = m.request_function(write)
        binding = _nodejs_written_binding(m, target, write.id in mutations)
        if binding is None and sloppy and fn is not None and target is not None and target.type == "identifier" \
                and write.type in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            binding = _nodejs_implicit_global(m, target)
        if fn is None or binding is None:
            continue
        function = write.child_by_field_name("function")
        if write.id in mutations and function is not None and not _nodejs_real_mutation(m, binding, m.text(
                function.child_by_field_name("property"))):
            continue
        if binding.name in configuration:
            continue   # every write stores the same configuration value: no invocation sees another's choice
        if binding.kind in ("let", "var", "implicit") and _nodejs_sync_scratch(m, binding, scratch):
            continue   # written, then read back, within one synchronous stretch: nothing runs in between
        if _nodejs_sync_start_only(m, binding, scratch, starts):
            continue   # reset (or emptied) and used only before the invocation first gives the thread up
        direct = target is not None and target.type == "identifier" and write.id not in mutations   # x = ...
        tainted = m.is_tainted(value)
        if direct and not tainted and _nodejs_built_whole_behind_unset(m, write, value, binding.name):
            continue   # if (!client) await init(); init: client = await build(): stored only once built
        if js.guarded_write(m, write, binding.name) and not (direct and tainted):
            continue   # lazy initialisation, a memo cache or a refresh: the same whoever fills them
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
        need: dict[str, Any] = {"yield": True} if rule is LMI201 and binding.kind != "implicit" else {}
        if rule is LMI201 and direct and (called := _nodejs_imported_call(m, value)) is not None:
            need["unless_same"] = called   # x = setup() from another file that always returns one object
        fix = js_fixes.move_to_request_scope(m, binding) if binding.kind != "implicit" else None
        hits.append(hit_at(m, rule, write, message, fix, need=need))
    return hits


def _nodejs_always_same(m: js.JsModule, candidates: list[tuple[Node, Node | None, Node | None]],
                        mutations: set[int]) -> set[str]:
    """Module variables every write of which is a plain ``x = value`` of a value built only from literals and
    environment variables (``parseInt(process.env.HOURS.trim(), 10)``): the value is the same on every invocation,
    so whichever invocation wrote it last, the others read what they would have written themselves."""
    same: dict[str, bool] = {}
    for write, target, value in candidates:
        binding = _nodejs_written_binding(m, target, write.id in mutations)
        if binding is None:
            continue
        plain = write.type == "assignment_expression" and write.id not in mutations and target is not None and \
            target.type == "identifier"
        same[binding.name] = same.get(binding.name, True) and plain and _nodejs_same_every_time(m, value) and \
            _nodejs_unconditional(m, write)
    return {name for name, ok in same.items() if ok}


def _nodejs_built_whole_behind_unset(m: js.JsModule, write: Node, value: Node | None, name: str) -> bool:
    """``name = await build(...)`` in a function every call of which sits in an ``if (!name)`` (or
    ``name == null``) branch: lazy initialisation whose value is stored only once it is complete. A concurrent
    invocation may build a second one (wasted work), but none sees a half-built value; the ``new Parser()`` then
    ``await fill()`` form is not this (it is stored before it is complete)."""
    if value is None or value.type != "await_expression":
        return False
    fn = m.innermost_function(write)
    if fn is None:
        return False
    named = fn.child_by_field_name("name")
    if named is None and fn.parent is not None and fn.parent.type == "variable_declarator":
        named = fn.parent.child_by_field_name("name")
    if named is None:
        return False
    callee = m.text(named)
    unset = re.compile(rf"^\(\s*(!\s*{re.escape(name)}|{re.escape(name)}\s*[!=]==?\s*(null|undefined))\s*\)$")
    calls = 0
    for call in m.parsed.nodes("call_expression"):
        function = call.child_by_field_name("function")
        if function is None or function.type != "identifier" or m.text(function) != callee:
            continue
        calls += 1
        node, guarded = call.parent, False
        while node is not None and node.type not in ("function_declaration", "arrow_function", "function_expression",
                                                      "method_definition", "function"):
            if node.type == "if_statement":
                condition = node.child_by_field_name("condition")
                consequence = node.child_by_field_name("consequence")
                if condition is not None and consequence is not None and \
                        consequence.start_byte <= call.start_byte < consequence.end_byte and \
                        unset.match(m.text(condition).strip()):
                    guarded = True
                    break
            node = node.parent
        if not guarded:
            return False
    return calls > 0


_NODEJS_CONDITIONAL = frozenset({"if_statement", "switch_statement", "ternary_expression", "catch_clause",
                                 "binary_expression", "while_statement", "for_statement", "for_in_statement"})


def _nodejs_unconditional(m: js.JsModule, write: Node) -> bool:
    """The write runs whenever its function runs: no if/switch/loop/catch/ternary/``&&`` between it and the
    function's body (a request-dependent choice whether to write it would carry over to later invocations)."""
    fn = m.innermost_function(write)
    node = write.parent
    while node is not None and (fn is None or node.id != fn.id):
        if node.type in _NODEJS_CONDITIONAL:
            return False
        node = node.parent
    return True


def _nodejs_sync_scratch(m: js.JsModule, binding: js.Binding, memo: dict[str, bool]) -> bool:
    """A module ``let``/``var`` (or an implicit global of a sloppy-mode script) used only as scratch space of
    synchronous functions: every function that touches it is neither async nor a generator, first assigns it unconditionally (a plain ``=`` at the top of its body,
    not reading it), and only then reads it; it is read somewhere, never at module scope nor exported. Node.js
    runs one invocation's synchronous code at a time on a thread (an invocation gives the thread up only at an
    await or a callback), so no other invocation can change the value between the write and the last read, and
    no value is carried from one invocation to the next."""
    if binding.name in memo:
        return memo[binding.name]
    memo[binding.name] = False
    if binding.name in m.exports:
        return False
    declared = binding.declarator.child_by_field_name("name") if binding.declarator is not None else None
    groups: dict[int, list[Node]] = {}
    owners: dict[int, Node] = {}
    for node in m.parsed.nodes("identifier", "shorthand_property_identifier"):
        if m.text(node) != binding.name or (declared is not None and node.id == declared.id) or \
                (node.parent is not None and node.parent.type in ("member_expression", "pair") and
                 node.parent.child_by_field_name("property" if node.parent.type == "member_expression" else "key")
                 == node) or (m.module_binding(node) is not binding if binding.kind != "implicit" else
                              m.module_binding(node) is not None or
                              any(binding.name in m.locals.get(f.id, ()) for f in m.functions_around(node))):
            continue   # another name (for an implicit global: any reference no declaration binds)
        fn = m.innermost_function(node)
        if fn is None:
            return False   # read or written at module scope
        groups.setdefault(fn.id, []).append(node)
        owners[fn.id] = fn
    read = False
    for fn_id, refs in groups.items():
        fn = owners[fn_id]
        body = fn.child_by_field_name("body")
        if "generator" in fn.type or any(c.type == "*" for c in fn.children) or \
                body is None or body.type != "statement_block":
            return False
        if not _nodejs_written_first(m, body, refs):
            return False   # some path reads it before this invocation wrote it: the previous invocation's value
        if js.is_async(fn) and _nodejs_yields_between(m, fn, refs[0].start_byte, refs[-1].end_byte):
            return False   # an await between the write and a read: another invocation runs in between
        read |= any(not (r.parent is not None and r.parent.type == "assignment_expression"
                         and r.parent.child_by_field_name("left") == r) for r in refs[1:])
    memo[binding.name] = read
    return read


def _nodejs_written_first(m: js.JsModule, statement: Node, refs: list[Node]) -> bool:
    """Whether every path through ``statement`` assigns the variable (a plain ``x = ...`` not reading it) before
    any other use of it in ``refs``: a block whose first statement using it does so, an if/else whose branches both
    do, a try whose body does and whose catch neither uses it nor falls through (it returns or throws)."""
    def uses(node: Node) -> bool:
        return any(node.start_byte <= r.start_byte < node.end_byte for r in refs)

    kind = statement.type
    if kind == "expression_statement":
        assign = statement.named_children[0] if statement.named_children else None
        if assign is None or assign.type != "assignment_expression":
            return False
        left, value = assign.child_by_field_name("left"), assign.child_by_field_name("right")
        return left is not None and any(left == r for r in refs) and not (value is not None and uses(value))
    if kind == "statement_block":
        for child in statement.named_children:
            if child.type != "comment" and uses(child):
                return _nodejs_written_first(m, child, refs)
        return False
    if kind == "if_statement":
        condition = statement.child_by_field_name("condition")
        consequence = statement.child_by_field_name("consequence")
        alternative = statement.child_by_field_name("alternative")
        branch = next((c for c in alternative.named_children if c.type != "comment"), None) \
            if alternative is not None else None
        return not (condition is not None and uses(condition)) and consequence is not None and branch is not None \
            and _nodejs_written_first(m, consequence, refs) and _nodejs_written_first(m, branch, refs)
    if kind == "try_statement":
        body = statement.child_by_field_name("body")
        handler = statement.child_by_field_name("handler")
        finalizer = statement.child_by_field_name("finalizer")
        if body is None or not _nodejs_written_first(m, body, refs) or (finalizer is not None and uses(finalizer)):
            return False
        if handler is None:
            return True
        block = handler.child_by_field_name("body")
        last = [c for c in block.named_children if c.type != "comment"][-1:] if block is not None else []
        return not uses(handler) and bool(last) and last[0].type in ("return_statement", "throw_statement")
    return False


def _nodejs_yields_between(m: js.JsModule, fn: Node, start: int, end: int) -> bool:
    """Whether ``fn`` itself awaits (or yields, or runs a for-await loop) between two byte offsets."""
    for node in m.parsed.nodes("await_expression", "yield_expression", "for_in_statement"):
        if node.type == "for_in_statement" and not any(c.type == "await" for c in node.children):
            continue
        if start <= node.start_byte < end and (owner := m.innermost_function(node)) is not None and owner.id == fn.id:
            return True
    return False


def _nodejs_imported_call(m: js.JsModule, value: Node | None) -> list[str] | None:
    """``setup()`` of a function another file of the project exports: its reference in the project model."""
    if value is None or value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    if function is None or function.type != "identifier" or m.text(function) not in m.rel_imports:
        return None
    spec, member = m.rel_imports[m.text(function)]
    return ["imp", spec, js._member(member)]


def _nodejs_sloppy(m: js.JsModule) -> bool:
    """A CommonJS script without "use strict": assigning an undeclared name creates a global."""
    if m.source.language is not Language.JAVASCRIPT or m.source.rel.endswith(".mjs"):
        return False
    head = m.parsed.root.named_children[:2]
    if any(n.type == "expression_statement" and m.text(n).strip("'\"; ") == "use strict" for n in head):
        return False
    # an ES module is strict, and so are class bodies
    return not (any(n.type in ("import_statement", "export_statement") for n in m.parsed.root.named_children)
                or m.parsed.nodes("class_declaration", "class"))


def _nodejs_passed_straight_on(m: js.JsModule, target: Node) -> bool:
    """``f(name = 'X', unit = 1)`` (Python-style keyword arguments), ``return response = {...}`` or
    ``() => result = ...``: the assignment's value goes straight into the call or out of the function, and nothing
    in the file reads the name back, so no invocation sees another's value."""
    assign = target.parent
    if assign is None or assign.type != "assignment_expression" or assign.parent is None or \
            assign.parent.type not in ("arguments", "return_statement") and not (
                assign.parent.type == "arrow_function" and assign.parent.child_by_field_name("body") == assign):
        return False
    name = m.text(target)
    for ref in m.parsed.nodes("identifier"):
        if m.text(ref) != name or ref.id == target.id:
            continue
        parent = ref.parent
        if parent is None or parent.type != "assignment_expression" or parent.child_by_field_name("left") != ref:
            return False   # read somewhere
    return True


def _nodejs_implicit_global(m: js.JsModule, target: Node) -> js.Binding | None:
    name = m.text(target)
    if _nodejs_passed_straight_on(m, target):
        return None
    if name in _NODEJS_SLOPPY_KNOWN or name in m.bindings or name in m.imports or name in _NODEJS_JS_GLOBALS:
        return None
    if any(name in m.locals.get(fn.id, ()) for fn in m.functions_around(target)):
        return None
    if re.search(rf"\b(var|let|const|function|class)\s+{re.escape(name)}\b", m.parsed.text):
        return None   # declared somewhere (a nested block the scope table does not see)
    return js.Binding(name, "implicit", target)


# --- Java and .NET: one-time initialisation behind a flag ------------------------------------------------------
# ``if (!initialized) { initialize(); }`` in request code (serverless-java-container's first-request fallback): a
# check-then-act race on LMI, where one handler object serves every concurrent invocation (Java: OS threads sharing
# the handler instance; .NET: Tasks sharing the handler object; /work/shared/lmi-facts.md, Step 4). It is reported
# once, at the check, as a one-time-initialisation race with its own wording and a lower severity, instead of once
# per field the initialiser happens to write.
_NOT_FLAG = re.compile(r"\(?\s*!\s*(?:this\s*\.\s*)?(\w+)\s*\)?|\(?\s*(?:this\s*\.\s*)?(\w+)\s*==\s*false\s*\)?")


class _Lang:
    """What the lazy-initialisation pass needs from one grammar."""

    def __init__(self, call: str, name_of: Callable[[Any, Node], str | None], parent_call: Callable[[Node], bool],
                 in_sync: Callable[[Any, Node], bool], fn_sync: Callable[[Any, Node], bool],
                 mutable: Callable[[Any], bool], advice: str) -> None:
        self.call, self.name_of, self.parent_call = call, name_of, parent_call
        self.in_sync, self.fn_sync, self.mutable, self.advice = in_sync, fn_sync, mutable, advice


def _java_call_name(m: Any, call: Node) -> str | None:
    obj = call.child_by_field_name("object")
    return m.text(call.child_by_field_name("name")) if obj is None or obj.type == "this" else None


def _cs_call_name(m: Any, call: Node) -> str | None:
    function = call.child_by_field_name("function")
    if function is not None and function.type == "identifier":
        return m.text(function)
    if function is not None and function.type == "member_access_expression":
        obj = function.child_by_field_name("expression")
        if obj is not None and obj.type == "this_expression" or (obj is not None and m.text(obj) == "this"):
            return m.text(function.child_by_field_name("name"))
    return None


def _cs_base_call(call: Node) -> bool:
    function = call.child_by_field_name("function")
    obj = function.child_by_field_name("expression") if function is not None and \
        function.type == "member_access_expression" else None
    return obj is not None and obj.type in ("base_expression", "base")


_JAVA_LAZY = _Lang("method_invocation", _java_call_name,
                   lambda call: (o := call.child_by_field_name("object")) is not None and o.type == "super",
                   lambda m, n: java.in_synchronized(m, n), lambda m, fn: "synchronized" in java.modifiers(fn),
                   lambda info: not info.final,
                   "Initialise in the constructor or a static initialiser (run once before the first request), or "
                   "make the check synchronized (double-checked on a volatile flag).")
_DOTNET_LAZY = _Lang("invocation_expression", _cs_call_name, _cs_base_call,
                     lambda m, n: cs.in_lock(n), lambda m, fn: False,
                     lambda member: not member.immutable,
                     "Initialise in the constructor or a static constructor (run once before the first request), "
                     "use Lazy<T>, or take a lock around the check (double-checked on a volatile flag).")


class _LazyInit:
    """One ``if (!flag) { ... flag = true ... }`` guard in request code: the guarded block and the methods it calls
    (which then run once, not per request), and whether any path that sets the flag is unsynchronised."""

    def __init__(self, guard: Node, body: Node, flag: Any, callees: list[Node], racy: bool, shown: str) -> None:
        self.guard, self.body, self.flag, self.callees, self.racy, self.shown = guard, body, flag, callees, racy, shown

    def holds(self, node: Node) -> bool:
        return self.body.start_byte <= node.start_byte < self.body.end_byte


def _sets_flag(m: Any, scope: Node, flag: Any) -> list[Node]:
    return [n for n in walk(scope) if n.type == "assignment_expression"
            and m.member_ref(n.child_by_field_name("left")) is flag
            and m.text(n.child_by_field_name("right")).strip() == "true"]


def _own_calls(m: Any, lang: _Lang, scope: Node) -> list[tuple[Node, Node]]:
    """The unqualified (or ``this.``) calls in ``scope`` with the methods of the class they may run."""
    found = []
    for call in walk(scope):
        name = lang.name_of(m, call) if call.type == lang.call else None
        if name:
            found += [(call, fn) for fn in m.callees(call, name)]
    return found


def _lazy_inits(m: Any, lang: _Lang) -> list[_LazyInit]:
    found: list[_LazyInit] = []
    for guard in m.parsed.nodes("if_statement"):
        condition, body = guard.child_by_field_name("condition"), guard.child_by_field_name("consequence")
        if condition is None or body is None or m.request_function(guard) is None:
            continue
        match = _NOT_FLAG.fullmatch(m.text(condition).strip())
        if match is None:
            continue
        name = match.group(1) or match.group(2)
        ref = next((n for n in walk(condition) if m.text(n).replace(" ", "") in (name, f"this.{name}")
                    and n.type in ("field_access", "identifier", "member_access_expression")), None)
        flag = m.member_ref(ref)
        if flag is None or not lang.mutable(flag) or not m.shared(flag):
            continue
        calls = _own_calls(m, lang, body)
        setters = [(w, lang.in_sync(m, w)) for w in _sets_flag(m, body, flag)]
        for call, fn in calls:
            safe = lang.in_sync(m, call) or lang.fn_sync(m, fn)
            setters += [(w, safe or lang.in_sync(m, w)) for w in _sets_flag(m, fn, flag)]
        if not setters:
            continue   # the flag is only read here: a condition, not a one-time initialisation
        racy = not lang.in_sync(m, guard) and not all(safe for _, safe in setters)
        shown = ", ".join(dict.fromkeys(f"`{m.text(fn.child_by_field_name('name'))}()`" for _, fn in calls))
        found.append(_LazyInit(guard, body, flag, [fn for _, fn in calls], racy, shown))
    return found


def _run_once(m: Any, lang: _Lang, lazy: list[_LazyInit]) -> set[int]:
    """The methods that request code reaches only from inside lazy-initialisation guards, directly or through other
    such methods (they run once, not per request). ``super.initialize()`` runs the parent's method, not this one."""
    if not lazy:
        return set()   # no guard, no method behind one (the call sites below are only for those)
    sites: dict[int, list[Node]] = {}
    for call in m.parsed.nodes(lang.call):
        if lang.parent_call(call) or m.request_function(call) is None:
            continue
        name = lang.name_of(m, call)
        if name is None and lang is _JAVA_LAZY:
            name = m.text(call.child_by_field_name("name"))   # obj.init(): may be this class's method too
        for fn in m.callees(call, name) if name else []:
            sites.setdefault(fn.id, []).append(call)
    handlers = {fn.id for fn in m.handlers}
    candidates = {fn.id: fn for init in lazy for fn in init.callees if fn.id not in handlers}
    once: set[int] = set()
    changed = True
    while changed:
        changed = False
        for fid, fn in list(candidates.items()):
            if fid in once:
                continue
            calls = sites.get(fid, [])
            if calls and all(any(init.holds(c) for init in lazy) or
                             (m.function_of(c) is not None and m.function_of(c).id in once | {fid}) for c in calls):
                once.add(fid)
                changed = True
                candidates.update({g.id: g for _, g in _own_calls(m, lang, fn) if g.id not in handlers})
    return once


def _lazy_hit(m: Any, lang: _Lang, init: _LazyInit) -> Hit:
    where, flag = m.context_name(init.guard), init.flag.name
    what = f"runs {init.shown} " if init.shown else "initialises "
    message = (f"one-time initialisation race: `{where}` checks `{flag}` and {what}behind `if (!{flag})` without "
               "synchronisation. One handler object serves every concurrent invocation on Lambda Managed Instances, "
               f"so the first invocations arriving together can all see `{flag}` false and initialise at once "
               f"(twice, or reading half-initialised fields). {lang.advice}")
    return hit_at(m, LMI201, init.guard, message, severity="warning", need=field_need(m, init.flag))


def _lazy_hits(m: Any, lang: _Lang, lazy: list[_LazyInit]) -> list[Hit]:
    return [_lazy_hit(m, lang, init) for init in lazy
            if init.racy and not any(other is not init and other.holds(init.guard) for other in lazy)]


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
    lazy = _lazy_inits(m, _JAVA_LAZY)
    once = _run_once(m, _JAVA_LAZY, lazy)
    writes = [(n, n.child_by_field_name("left"), n.child_by_field_name("right"))
              for n in m.parsed.nodes("assignment_expression")]
    writes += [(n, n.named_children[0] if n.named_children else None, None) for n in m.parsed.nodes("update_expression")]
    writes.sort(key=lambda w: w[0].start_byte)
    for write, target, value in writes:
        method = m.request_function(write)
        info = m.member_ref(target)
        if method is None or info is None or info.final or not m.shared(info):
            continue
        if java.in_synchronized(m, write) or java.lazily_set(m, write, info) or semantic.one_way_flag(
                m.parsed, value, info.name, m.parsed.nodes("assignment_expression")) or \
                _java_runtime_logger(m, value):
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
        key = (rule.code, method.id, info.name)
        if key not in reported:
            reported.add(key)
            hits.append(hit_at(m, rule, write, message, need=field_need(m, info)))
    hits += _lazy_hits(m, _JAVA_LAZY, lazy)
    hits.sort(key=lambda h: (h.line, h.column))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[tuple[str, int, str]] = set()
    lazy = _lazy_inits(m, _DOTNET_LAZY)
    once = _run_once(m, _DOTNET_LAZY, lazy)
    writes = [(n, n.child_by_field_name("left"), n.child_by_field_name("right"))
              for n in m.parsed.nodes("assignment_expression")]
    writes += [(n, n.named_children[0] if n.named_children else None, None)
               for n in m.parsed.nodes("postfix_unary_expression", "prefix_unary_expression")
               if any(c.type in ("++", "--") for c in n.children)]
    writes.sort(key=lambda w: w[0].start_byte)
    for write, target, value in writes:
        fn = m.request_function(write)
        member = m.member_ref(target)
        if fn is None or member is None or member.immutable or not m.shared(member):
            continue
        if cs.in_lock(write) or cs.lazily_set(m, write, member.name) or semantic.one_way_flag(
                m.parsed, value, member.name, m.parsed.nodes("assignment_expression")):
            continue
        if fn.id in once or any(init.holds(write) for init in lazy):
            continue   # part of a one-time initialisation: reported once, at its guard (below)
        where = m.context_name(write)
        kind = ("static " if member.static else "") + ("property" if member.is_property else "field")
        if not member.static:
            kind += (" of a singleton (one object shared by every invocation)" if singleton_class(m, member.owner)
                     else " of the handler object (shared by every invocation)")
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
    hits += _lazy_hits(m, _DOTNET_LAZY, lazy)
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


_NODEJS_SYNC_ITERATORS = frozenset({"map", "forEach", "filter", "some", "every", "find", "findIndex", "findLast",
                                    "reduce", "reduceRight", "flatMap", "sort"})
_NODEJS_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})


def _nodejs_refs(m: js.JsModule, binding: js.Binding) -> list[Node] | None:
    """The uses of a module binding (not its declaration, not property names); None if one is at module scope."""
    declared = binding.declarator.child_by_field_name("name") if binding.declarator is not None else None
    refs = []
    for node in m.parsed.nodes("identifier", "shorthand_property_identifier"):
        if m.text(node) != binding.name or (declared is not None and node.id == declared.id) or \
                (node.parent is not None and node.parent.type in ("member_expression", "pair") and
                 node.parent.child_by_field_name("property" if node.parent.type == "member_expression" else "key")
                 == node) or m.module_binding(node) is not binding:
            continue
        if m.innermost_function(node) is None:
            return None
        refs.append(node)
    return refs


def _nodejs_first_yield(m: js.JsModule, fn: Node, body: Node) -> int:
    """Where ``fn`` first gives the thread up: the end of its first await (or yield; its operand runs before), the
    start of a for-await or of the loop around that await (the statements of a loop that awaits run again after
    other invocations); the end of its body if never."""
    cutoff = body.end_byte
    for node in m.parsed.nodes("await_expression", "yield_expression", "for_in_statement"):
        if node.type == "for_in_statement" and not any(c.type == "await" for c in node.children):
            continue
        if not body.start_byte <= node.start_byte < cutoff:
            continue
        owner = m.innermost_function(node)
        if owner is None or owner.id != fn.id:
            continue
        # the operand of an await is evaluated before the function gives the thread up
        start = node.start_byte if node.type == "for_in_statement" else node.end_byte
        parent = node.parent
        while parent is not None and parent.id != body.id:
            if parent.type in _NODEJS_LOOPS:
                start = parent.start_byte
            parent = parent.parent
        cutoff = min(cutoff, start)
    return cutoff


def _nodejs_sync_start(m: js.JsModule) -> dict[int, int]:
    """The code that runs in the synchronous start of an invocation, before it first gives the thread up: function
    id -> byte offset, the part of the function before it. Starts at the handlers; takes the functions of this file
    they call (and the callbacks of ``map``/``forEach``/... they run) within that part; keeps only functions
    called nowhere else."""
    regions: dict[int, int] = {}
    nodes: dict[int, Node] = {}
    calls_in: dict[int, list[tuple[Node, Node]]] = {}    # fn id -> (call, the function it calls)
    roots = {fn.id for _, fn in m.handlers}
    todo = [fn for _, fn in m.handlers]
    all_calls = m.parsed.nodes("call_expression")
    while todo:
        fn = todo.pop()
        body = fn.child_by_field_name("body")
        if fn.id in regions or body is None or body.type != "statement_block":
            continue
        cutoff = _nodejs_first_yield(m, fn, body)
        regions[fn.id], nodes[fn.id] = cutoff, fn
        for call in all_calls:
            if not body.start_byte <= call.start_byte < cutoff:
                continue
            owner = m.innermost_function(call)
            if owner is None or owner.id != fn.id:
                continue
            targets = []
            target = js._callee(m, call)
            if target is not None:
                targets.append(target)
            function = call.child_by_field_name("function")
            arguments = call.child_by_field_name("arguments")
            if function is not None and function.type == "member_expression" and arguments is not None and \
                    m.text(function.child_by_field_name("property")) in _NODEJS_SYNC_ITERATORS:
                targets.extend(a for a in arguments.named_children if a.type in js.FUNCTIONS)
            for target in targets:
                calls_in.setdefault(fn.id, []).append((call, target))
                todo.append(target)
    changed = True
    while changed:   # a function also called (or passed) elsewhere runs at other times too
        changed = False
        for fid in list(regions):
            if fid in roots or _nodejs_only_called_from(m, nodes[fid], regions, calls_in):
                continue
            del regions[fid]
            changed = True
    return regions


def _nodejs_only_called_from(m: js.JsModule, fn: Node, regions: dict[int, int],
                             calls_in: dict[int, list[tuple[Node, Node]]]) -> bool:
    """Whether every use of ``fn`` is a call recorded from the synchronous start of a function still in it."""
    sites = [call for owner, pairs in calls_in.items() if owner in regions
             for call, target in pairs if target.id == fn.id]
    if not sites:
        return False
    if fn.parent is not None and fn.parent.type == "arguments":
        return True   # a callback literal: called only by the iterator it is passed to
    name = js.function_name(fn, m.parsed)
    if not name or name in m.exports:
        return False
    declared = fn.child_by_field_name("name")
    if declared is None and fn.parent is not None and fn.parent.type == "variable_declarator":
        declared = fn.parent.child_by_field_name("name")
    site_functions = {function.id for call in sites if (function := call.child_by_field_name("function")) is not None}
    for node in m.parsed.nodes("identifier"):
        if m.text(node) != name or (declared is not None and node.id == declared.id):
            continue
        if node.id not in site_functions:
            return False   # passed as a value, exported, or called from elsewhere
    return True


def _nodejs_sync_start_only(m: js.JsModule, binding: js.Binding, memo: dict[str, bool],
                            starts: dict[int, int]) -> bool:
    """Module state every invocation resets (``count = 0`` first thing in the handler) or empties (an array the
    handler fills and hands to a function of this file that drains it with a ``splice``/``shift`` loop), and that
    is used only in the synchronous start of the invocation: Node.js runs one invocation's synchronous code at a
    time on a thread, so no other invocation runs between these uses, and none finds a value left over."""
    key = f"start:{binding.name}"
    if key in memo:
        return memo[key]
    memo[key] = False
    if binding.name in m.exports or not m.handlers:
        return False
    refs = _nodejs_refs(m, binding)
    if not refs:
        return False
    if not starts:
        starts.update(_nodejs_sync_start(m) or {-1: -1})
    regions = starts
    for ref in refs:
        owner = m.innermost_function(ref)
        if owner is None or owner.id not in regions or ref.start_byte >= regions[owner.id]:
            return False
        assign = ref.parent
        right = assign.child_by_field_name("right") if assign is not None and assign.type in (
            "assignment_expression", "augmented_assignment_expression") else None
        if right is not None and any(n.type in ("await_expression", "yield_expression") for n in walk(right)):
            return False   # x = await ...: written after the thread was given up
    memo[key] = all(_nodejs_reset_first(m, fn, binding, refs) or _nodejs_drained(m, fn, binding, refs, regions)
                    for _, fn in m.handlers)
    return memo[key]


def _nodejs_reset_first(m: js.JsModule, fn: Node, binding: js.Binding, refs: list[Node]) -> bool:
    """The handler's first statement that uses the variable, or calls anything, assigns it (``count = 0``); it is
    read somewhere, and never holds request data (that would stay in module scope after the invocation)."""
    if binding.kind not in ("let", "var"):
        return False
    read = False
    for ref in refs:
        parent = ref.parent
        if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("left") == ref:
            if m.is_tainted(parent.child_by_field_name("right")):
                return False
            continue
        if parent is not None and parent.type == "member_expression" and parent.parent is not None and \
                parent.parent.type == "call_expression" and m.is_tainted(parent.parent.child_by_field_name("arguments")):
            return False
        read |= parent is None or parent.type != "update_expression" or (
            parent.parent is not None and parent.parent.type != "expression_statement")
    if not read:
        return False
    body = fn.child_by_field_name("body")
    for statement in body.named_children if body is not None else []:
        uses = any(statement.start_byte <= r.start_byte < statement.end_byte for r in refs)
        calls = any(n.type == "call_expression" for n in walk(statement))
        if uses:
            return _nodejs_written_first(m, statement, refs) and statement.type == "expression_statement"
        if calls:
            return False
    return False


def _nodejs_drained(m: js.JsModule, fn: Node, binding: js.Binding, refs: list[Node], regions: dict[int, int]) -> bool:
    """An array the handler fills and then passes to a function of this file that empties it (``while
    (list.length) list.splice(...)``, ``list.length = 0``) before it first awaits; no use comes after that call."""
    value = binding.value
    if value is None or value.type != "array":
        return False
    for ref in refs:
        arguments = ref.parent
        call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
        if arguments is None or call is None or call.type != "call_expression":
            continue
        owner = m.innermost_function(call)
        target = js._callee(m, call)
        if owner is None or owner.id != fn.id or target is None or target.id not in regions:
            continue
        if any(r.start_byte > call.end_byte for r in refs):
            return False   # used again after the call that empties it
        position = [a.id for a in arguments.named_children if a.type != "comment"].index(ref.id)
        parameters = js.params(target)
        if position >= len(parameters) or parameters[position].type != "identifier":
            continue
        if _nodejs_empties(m, target, m.text(parameters[position]), regions[target.id]):
            return True
    return False


def _nodejs_empties(m: js.JsModule, fn: Node, name: str, cutoff: int) -> bool:
    """``fn`` empties the array ``name`` before ``cutoff``: a ``while (name.length ...)`` loop that splices, shifts
    or pops it, or ``name.length = 0``."""
    body = fn.child_by_field_name("body")
    if body is None:
        return False
    for node in walk(body):
        if node.start_byte >= cutoff:
            break
        if node.type == "while_statement":
            condition = node.child_by_field_name("condition")
            loop = node.child_by_field_name("body")
            if condition is None or loop is None or f"{name}.length" not in m.text(condition).replace(" ", ""):
                continue
            if any(n.type == "call_expression" and m.text(n.child_by_field_name("function")).replace(" ", "") in
                   (f"{name}.splice", f"{name}.shift", f"{name}.pop") for n in walk(loop)):
                return True
        if node.type == "assignment_expression" and \
                m.text(node.child_by_field_name("left")).replace(" ", "") == f"{name}.length" and \
                m.text(node.child_by_field_name("right")).strip() == "0":
            return True
    return False
