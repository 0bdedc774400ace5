"""Node.js module state: whether a write to a module variable can be seen by another invocation.

Module scope is shared by every invocation running on a worker thread; an invocation gives the thread up only at an
await (or a callback). The helpers here tell the writes another invocation can see from those it cannot: a value
that is the same on every request, scratch space of synchronous code, state reset or drained before the invocation
first yields, a lazily built value stored only once complete; and which writes make an implicit global (a
sloppy-mode script). Used by LMI201/LMI202 (``checks/lmi201.py``) and LMI204 (``checks/lmi204.py``).
"""

from __future__ import annotations

import re

from workbench.readiness import js_rules as js
from workbench.readiness.model import Language
from workbench.readiness.treesitter import Node, walk


_NODEJS_CONSTANT_LEAVES = frozenset({"string", "string_fragment", "number", "true", "false", "null", "undefined",
                                     "template_string", "escape_sequence"})
_NODEJS_CONSTANT_SHAPES = frozenset({"ternary_expression", "binary_expression", "unary_expression",
                                     "parenthesized_expression", "array", "template_substitution"})


# Pure functions of the path module: the same arguments give the same path on every request.
_NODEJS_PATH_FUNCTIONS = frozenset({"join", "resolve", "dirname", "basename", "extname", "parse", "normalize",
                                    "relative", "format"})

# Pure global conversions and string methods (ECMAScript built-ins): the same arguments give the same value on
# every request, e.g. ``parseInt(process.env.HOURS.trim(), 10)``.
_NODEJS_PURE_GLOBALS = frozenset({"parseInt", "parseFloat", "Number", "String", "Boolean"})
_NODEJS_PURE_STRING_METHODS = frozenset({"trim", "trimStart", "trimEnd", "toLowerCase", "toUpperCase"})


def same_every_time(m: js.JsModule, value: Node | None, depth: int = 0) -> bool:
    """A value built only from literals, ``process.env`` reads, constants a library exports
    (``MagicFlags.MAGIC_PRESERVE_ATIME``), ``const`` names holding such values, ``require.resolve`` and the path
    module's pure functions of them: the function's configuration, the same on every request, so setting it again
    changes nothing another invocation relies on."""
    if value is None or depth > 8 or m.is_tainted(value):
        return False
    if value.type == "member_expression" or value.type == "subscript_expression":
        obj = value.child_by_field_name("object")
        if obj is not None and m.text(obj).replace(" ", "") == "process.env":
            return True
        if m.text(value).replace(" ", "") == "process.env":
            return True   # const { HOURS } = process.env: a name destructured from the environment
        if value.type == "member_expression" and m.imported(value) is not None:
            return True   # a constant the library exports
        return value.type == "member_expression" and obj is not None and obj.type == "call_expression" and \
            same_every_time(m, obj, depth + 1)   # PATH.parse(constant).dir
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        arguments = value.child_by_field_name("arguments")
        imported = m.imported(function)
        pure = m.text(function).replace(" ", "") == "require.resolve" or (
            imported is not None and imported[0] == "path" and imported[1].rsplit(".", 1)[-1] in _NODEJS_PATH_FUNCTIONS)
        if function is not None and function.type == "identifier" and imported is None and \
                m.text(function) in _NODEJS_PURE_GLOBALS and m.module_binding(function) is None:
            pure = True   # parseInt(...), Number(...): a built-in conversion, not a name the module defines
        if function is not None and function.type == "member_expression" and \
                m.text(function.child_by_field_name("property")) in _NODEJS_PURE_STRING_METHODS:
            receiver = function.child_by_field_name("object")   # X.trim(): pure when X is
            pure = pure or (receiver is not None and same_every_time(m, receiver, depth + 1))
        return pure and arguments is not None and all(
            same_every_time(m, a, depth + 1) for a in arguments.named_children if a.type != "comment")
    if value.type == "identifier":
        if m.text(value) == "undefined":
            return True
        declared = _nodejs_const_value(m, value)
        return declared is not None and same_every_time(m, declared, depth + 1)
    if value.type in _NODEJS_CONSTANT_LEAVES and value.type != "template_string":
        return True
    if value.type in _NODEJS_CONSTANT_SHAPES or value.type == "template_string":
        return all(same_every_time(m, c, depth + 1) for c in value.named_children if c.type != "comment")
    return False


def _nodejs_const_value(m: js.JsModule, name: Node) -> Node | None:
    """The initialiser of the ``const`` a name refers to: one declared in a function around it, else at module
    scope (None for a let/var, a parameter or an unknown name)."""
    text = m.text(name)
    around = m.functions_around(name)
    for fn in around:
        if text not in m.locals.get(fn.id, ()):
            continue
        for declarator in m.parsed.nodes("variable_declarator"):
            declaration = declarator.parent
            if m.text(declarator.child_by_field_name("name")) == text and declaration is not None and \
                    (owner := m.innermost_function(declarator)) is not None and owner.id == fn.id and any(c.type == "const" for c in declaration.children):
                return declarator.child_by_field_name("value")
        return None   # a parameter, a let/var or a pattern of this function
    binding = m.module_binding(name)
    return binding.value if binding is not None and binding.kind == "const" else None


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


def real_mutation(m: js.JsModule, binding: js.Binding, method: str) -> bool:
    """``x.push(...)`` on an array, ``x.set/delete/clear/add(...)`` on a Map or Set: not ``dynamoDb.delete(params)``
    on an SDK client, whose method names only look like collection writes."""
    kind = _nodejs_collection_kind(m, binding)
    if method in _NODEJS_ARRAY_MUTATORS:
        return kind in ("array", "?")
    return kind == "map"


def written_binding(m: js.JsModule, target: Node | None, mutates: bool = False) -> js.Binding | None:
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


def always_same(m: js.JsModule, candidates: list[tuple[Node, Node | None, Node | None]],
                mutations: set[int]) -> set[str]:
    """Module variables every write of which is a plain ``x = value`` of a value built only from literals and
    environment variables (``parseInt(process.env.HOURS.trim(), 10)``): the value is the same on every invocation,
    so whichever invocation wrote it last, the others read what they would have written themselves."""
    same: dict[str, bool] = {}
    for write, target, value in candidates:
        binding = written_binding(m, target, write.id in mutations)
        if binding is None:
            continue
        plain = write.type == "assignment_expression" and write.id not in mutations and target is not None and \
            target.type == "identifier"
        same[binding.name] = same.get(binding.name, True) and plain and same_every_time(m, value) and \
            nodejs_unconditional(m, write)
    return {name for name, ok in same.items() if ok}


def built_whole_behind_unset(m: js.JsModule, write: Node, value: Node | None, name: str) -> bool:
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


def nodejs_unconditional(m: js.JsModule, write: Node) -> bool:
    """The write runs whenever its function runs: no if/switch/loop/catch/ternary/``&&`` between it and the
    function's body (a request-dependent choice whether to write it would carry over to later invocations), except
    an if/ternary whose condition reads only the environment and literals (heldout14, env-setup.js: the same branch
    on every invocation)."""
    fn = m.innermost_function(write)
    child, node = write, write.parent
    while node is not None and (fn is None or node.id != fn.id):
        if node.type in ("if_statement", "ternary_expression") and \
                (condition := node.child_by_field_name("condition")) is not None and condition.id != child.id and \
                same_every_time(m, condition):
            pass   # if (process.env.X) {...}: chosen by the configuration alone, the same on every invocation
        elif node.type in _NODEJS_CONDITIONAL:
            return False
        child, node = node, node.parent
    return True


def sync_scratch(m: js.JsModule, binding: js.Binding, memo: dict[str, bool]) -> bool:
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
    for fn_id in list(groups):
        fn = owners[fn_id]
        outer = m.innermost_function(fn.parent) if fn.parent is not None and (
            _sync_array_callback(m, fn) or _first_async_task(m, fn)) else None
        if outer is not None and outer.id in groups:
            # x = ...; items.map(item => { x = ... }); use(x): the callback runs inside the caller's stretch
            # (likewise the first task of async.waterfall/series, up to where it hands its callback on)
            groups[outer.id] = sorted(groups[outer.id] + groups.pop(fn_id), key=lambda r: r.start_byte)
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


_SYNC_ARRAY_METHODS = frozenset({"map", "forEach", "filter", "some", "every", "reduce", "reduceRight", "find",
                                 "findIndex", "findLast", "findLastIndex", "flatMap", "sort"})


def _sync_array_callback(m: js.JsModule, fn: Node) -> bool:
    """``fn`` is the callback of ``xs.map(fn)`` / forEach / filter / ...: Array.prototype runs it synchronously,
    inside the call (lambda-streams-to-firehose, heldout10: ``data.Tags.map(function (item) {...})``)."""
    if fn.type not in ("function_expression", "arrow_function", "function") or fn.parent is None or \
            fn.parent.type != "arguments" or fn.parent.parent is None or js.is_async(fn):
        return False
    function = fn.parent.parent.child_by_field_name("function")
    return function is not None and function.type == "member_expression" and \
        m.text(function.child_by_field_name("property")) in _SYNC_ARRAY_METHODS


# The control-flow functions of the async library that start their first task inside the call: caolan/async
# ``lib/waterfall.js`` ends with ``nextTask([])`` (the first task runs before waterfall returns); ``series`` runs
# through ``eachOfSeries`` (eachOfLimit with limit 1), whose ``replenish()`` calls the first iteratee at once.
# Later tasks run only when the previous one calls its callback: after an asynchronous step, in another stretch.
_ASYNC_LIBRARIES = frozenset({"async", "neo-async"})
_ASYNC_FIRST_TASK_SYNC = frozenset({"waterfall", "series"})


def _first_async_task(m: js.JsModule, fn: Node) -> bool:
    """``fn`` is the first task of ``async.waterfall([fn, ...])`` / ``async.series([fn, ...])``: the async library
    runs it synchronously inside the call (serverless-game-for-observability, heldout13)."""
    if fn.type not in ("function_expression", "arrow_function", "function") or js.is_async(fn) or \
            fn.parent is None or fn.parent.type != "array" or fn.parent.parent is None or \
            fn.parent.parent.type != "arguments" or fn.parent.parent.parent is None:
        return False
    tasks, arguments = fn.parent, fn.parent.parent
    call = arguments.parent
    if call is None:
        return False
    first = next((c for c in tasks.named_children if c.type != "comment"), None)
    if first is None or first.id != fn.id or \
            next((c for c in arguments.named_children if c.type != "comment"), None) != tasks:
        return False
    imported = m.imported(call.child_by_field_name("function"))
    return imported is not None and imported[0] in _ASYNC_LIBRARIES and \
        imported[1].rsplit(".", 1)[-1] in _ASYNC_FIRST_TASK_SYNC and imported[1].count(".") <= 1


def _nodejs_written_first(m: js.JsModule, statement: Node, refs: list[Node]) -> bool:
    """Whether every path through ``statement`` assigns the variable (a plain ``x = ...`` not reading it) before
    any other use of it in ``refs``: a block whose first statement using it does so, an if/else whose branches both
    do, a try whose body does and whose catch writes it first too, or neither uses it nor falls through (it returns
    or throws) into a later read."""
    def uses(node: Node) -> bool:
        return any(node.start_byte <= r.start_byte < node.end_byte for r in refs)

    def contained_after(node: Node) -> bool:
        """Some use lies after ``node`` — or ``node`` only writes (a write-only stretch, e.g. a deferred callback's,
        is left to the rules as before): the one-sided if and the loop below are scratch only when read inside."""
        inside = [r for r in refs if node.start_byte <= r.start_byte < node.end_byte]
        return any(r.start_byte >= node.end_byte for r in refs) or not any(
            not (r.parent is not None and r.parent.type == "assignment_expression"
                 and r.parent.child_by_field_name("left") == r) for r in inside)

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
        if condition is not None and uses(condition) or consequence is None:
            return False
        if branch is not None and _nodejs_written_first(m, consequence, refs) and \
                _nodejs_written_first(m, branch, refs):
            return True
        # a branch that may not run: fine when every use is inside the branches that write it first and nothing
        # after the if reads a value this invocation may not have written
        return not contained_after(statement) and all(
            not uses(b) or _nodejs_written_first(m, b, refs) for b in (consequence, branch) if b is not None)
    if kind in _NODEJS_LOOPS:
        # a loop whose body writes the variable before using it on every iteration, its header not using it and
        # nothing after the loop reading it (zero iterations would leave the previous invocation's value)
        body = statement.child_by_field_name("body")
        if body is None or contained_after(statement) or any(c.type == "await" for c in statement.children):
            return False
        return not any(uses(c) for c in statement.children if c.id != body.id) and \
            _nodejs_written_first(m, body, refs)
    if kind == "try_statement":
        body = statement.child_by_field_name("body")
        handler = statement.child_by_field_name("handler")
        finalizer = statement.child_by_field_name("finalizer")
        if body is None or not _nodejs_written_first(m, body, refs) or (finalizer is not None and uses(finalizer)):
            return False
        if handler is None:
            return True
        block = handler.child_by_field_name("body")
        if block is not None and uses(block) and _nodejs_written_first(m, block, refs):
            return True   # the catch writes it first too: every way out of the try has this invocation's value
        last = [c for c in block.named_children if c.type != "comment"][-1:] if block is not None else []
        # a catch that does not touch it: fine when it returns or throws, or when nothing after the try reads it
        # (corpus_heldout7, lambda-cloudwatch-slack: scratch written and read inside the try body only)
        return not uses(handler) and (bool(last) and last[0].type in ("return_statement", "throw_statement")
                                      or not contained_after(statement))
    return False


def _nodejs_yields_between(m: js.JsModule, fn: Node, start: int, end: int) -> bool:
    """Whether ``fn`` itself awaits (or yields, or runs a for-await loop) between two byte offsets. An await whose
    operand holds the use ending at ``end`` (``await Promise.all(list)``) gives the thread up only after that
    operand is evaluated (ECMAScript: Await(value) runs on the evaluated operand), so it is not between them
    (heldout16: a module array filled and handed to Promise.all in one synchronous stretch). Not when that use is
    the object of a member access (``await pool.query(...)``): a pool or client put in module state per request is
    replaced under in-flight work (issue 12's misses; test_request_path)."""
    for node in m.parsed.nodes("await_expression", "yield_expression", "for_in_statement"):
        if node.type == "for_in_statement" and not any(c.type == "await" for c in node.children):
            continue
        if node.type == "await_expression" and node.start_byte < end <= node.end_byte and \
                not m.parsed.data[end:end + 64].lstrip().startswith((b".", b"?.", b"[")):
            continue   # (not ``await pool.query(...)``: the object stays in use while the function waits)
        if start <= node.start_byte < end and (owner := m.innermost_function(node)) is not None and owner.id == fn.id:
            return True
    return False


def sloppy_mode(m: js.JsModule) -> bool:
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
    outer = assign.parent if assign is not None else None
    while outer is not None and outer.type == "parenthesized_expression":
        outer = outer.parent   # f(buf, (encoding = 'binary')): the parentheses change nothing (heldout10)
    if assign is None or assign.type != "assignment_expression" or outer is None or \
            outer.type not in ("arguments", "return_statement") and not (
                outer.type == "arrow_function" and outer.child_by_field_name("body") == assign):
        return False
    name = m.text(target)
    for ref in m.parsed.nodes("identifier"):
        if m.text(ref) != name or ref.id == target.id:
            continue
        parent = ref.parent
        if parent is None or parent.type != "assignment_expression" or parent.child_by_field_name("left") != ref:
            return False   # read somewhere
    return True


def implicit_global(m: js.JsModule, target: Node) -> js.Binding | None:
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


def used_only_after_write(m: js.JsModule, binding: js.Binding, write: Node) -> bool:
    """Every use of the module binding is ``write`` (an assignment or a mutation of it) or comes after it in the
    block that holds it, in the same function (no callback): one invocation writes, then reads, with nothing else
    reading what it left behind (heldout16: a module action template a handler fills and returns). Whether the
    function can give the thread up in between is the caller's question (it holds when the request path never
    awaits)."""
    refs = _nodejs_refs(m, binding)
    fn = m.innermost_function(write)
    if not refs or fn is None or binding.name in m.exports:
        return False
    first = refs[0]
    if not write.start_byte <= first.start_byte < write.end_byte or len(refs) < 2:
        return False
    statement = write
    while statement.parent is not None and statement.parent.type != "statement_block":
        statement = statement.parent
    block = statement.parent
    if block is None:
        return False
    return all((owner := m.innermost_function(r)) is not None and owner.id == fn.id and
               block.start_byte <= r.start_byte < block.end_byte and r.start_byte >= statement.start_byte
               for r in refs)


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


def sync_start_only(m: js.JsModule, binding: js.Binding, memo: dict[str, bool],
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


def keyed_cache_in_sync_start(m: js.JsModule, binding: js.Binding, write: Node, starts: dict[int, int]) -> bool:
    """``cache[rideId] = {...}`` (a key the request names) on a module object every use of which is an element or
    method access (or a console.* argument) in the synchronous start of the invocation (innovator-island,
    heldout10): a cache meant to outlive the invocation, like on standard Lambda; no other invocation runs between
    its uses, so every interleaving is one of the orders one-at-a-time invocations already have."""
    left = write.child_by_field_name("left") if write.type == "assignment_expression" else None
    index = left.child_by_field_name("index") if left is not None and left.type == "subscript_expression" else None
    if index is None or index.type in ("string", "number", "template_string") or binding.name in m.exports or \
            not m.handlers:
        return False
    refs = _nodejs_refs(m, binding)
    if not refs:
        return False
    if not starts:
        starts.update(_nodejs_sync_start(m) or {-1: -1})
    for ref in refs:
        owner = m.innermost_function(ref)
        if owner is None or owner.id not in starts or ref.start_byte >= starts[owner.id]:
            return False
        parent = ref.parent
        if parent is not None and parent.type in ("subscript_expression", "member_expression") and \
                parent.child_by_field_name("object") == ref:
            continue
        call = parent.parent if parent is not None and parent.type == "arguments" else None
        if call is None or not m.text(call.child_by_field_name("function")).startswith("console."):
            return False   # the object itself handed on or replaced: it may be used later
    return True


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


_NODEJS_MAP_READS = frozenset({"has", "get"})
_NODEJS_MAP_USES = frozenset({"has", "get", "set", "delete", "clear", "size", "keys", "values", "entries", "forEach"})
_NODEJS_FIXED_KEY = frozenset({"string", "number", "true", "false", "null", "undefined"})


def keyed_memo(m: js.JsModule, binding: js.Binding, memo: dict[str, bool]) -> bool:
    """A module ``Map`` used only as a memo keyed by a value: read with ``has``/``get``, written with ``set(key,
    value)`` where the key is no fixed literal and the value is not computed from the map itself, emptied with
    ``delete``/``clear``. Whoever fills a key stores what that key stands for (each account's OUs, each Region's
    client), so concurrent invocations racing on it only compute a value twice; the check and the write may sit
    in different helpers (``getCached(k)`` ... ``cacheAndReturn(k, v)``). A counter (``set(k, get(k) + 1)``) or a
    fixed key (``set('current', v)``: a global in disguise) is shared state."""
    if binding.name in memo:
        return memo[binding.name]
    memo[binding.name] = False
    value = binding.value
    if value is None or value.type != "new_expression" or \
            m.text(value.child_by_field_name("constructor")).rsplit(".", 1)[-1] not in ("Map", "WeakMap"):
        return False
    refs = _nodejs_refs(m, binding)
    if not refs:
        return False
    methods: set[str] = set()
    for ref in refs:
        member = ref.parent
        if member is None or member.type != "member_expression" or member.child_by_field_name("object") != ref:
            return False
        method = m.text(member.child_by_field_name("property"))
        if method not in _NODEJS_MAP_USES:
            return False
        methods.add(method)
        if method != "set":
            continue
        call = member.parent
        arguments = call.child_by_field_name("arguments") if call is not None and call.type == "call_expression" \
            else None
        args = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        if len(args) != 2 or args[0].type in _NODEJS_FIXED_KEY or \
                args[0].type == "template_string" and not any(c.type == "template_substitution"
                                                              for c in args[0].named_children):
            return False
        if any(n.type == "identifier" and m.text(n) == binding.name for n in walk(args[1])):
            return False   # the new value is computed from the map's own: a counter or an accumulator
    memo[binding.name] = "set" in methods and bool(methods & _NODEJS_MAP_READS)
    return memo[binding.name]
