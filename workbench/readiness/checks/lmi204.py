"""LMI204: Object that is not safe to share used by concurrent invocations.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#).
"""

from __future__ import annotations

from workbench.readiness import (
    csharp_fixes,
    csharp_rules as cs,
    java_fixes,
    java_rules as java,
    js_rules as js,
)
from workbench.readiness.checks import Rule
from workbench.readiness.frontend import field_need, hit_at
from workbench.readiness.model import (
    Applicability,
    Hit,
    RuleInfo,
)
from workbench.readiness.treesitter import Node

INFO = RuleInfo(
    code="LMI204", title="Object that is not safe to share used by concurrent invocations",
    runtimes=("nodejs", "java", "dotnet"), severity="warning",
    fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": "Worker threads do not share JavaScript objects, so a library singleton exists once per worker, "
                  "but every invocation on that worker uses it: changing its global settings during a request "
                  "(axios.defaults, AWS.config, a global locale) changes them for the other invocations in flight, "
                  "and process.chdir changes the directory of every worker.",
        "java": "SimpleDateFormat and the java.util collections (HashMap, ArrayList, HashSet...) are not "
                "thread-safe: threads writing one shared instance corrupt it (a HashMap can lose entries). Use "
                "DateTimeFormatter, ConcurrentHashMap, CopyOnWriteArrayList or Collections.synchronizedList.",
        "dotnet": "Dictionary<TKey,TValue>, List<T>, HashSet<T> and System.Random are not thread-safe: concurrent "
                  "writes corrupt them. Use ConcurrentDictionary, the other System.Collections.Concurrent types, a "
                  "lock, or Random.Shared.",
    },
    example_bad="private static final Map<String, String> CACHE = new HashMap<>();",
    example_good="private static final Map<String, String> CACHE = new ConcurrentHashMap<>();",
)
LMI204 = INFO   # the name the checks below report with


# --- Node.js (JavaScript, TypeScript) --------------------------------------------------------------------
# Calls that change a library's global settings (LMI204): (package, member path).
_NODEJS_LIBRARY_GLOBAL_SETTERS = {
    ("aws-sdk", "config.update"), ("moment", "locale"), ("dayjs", "locale"), ("i18n", "setLocale"),
    ("i18next", "changeLanguage"), ("mongoose", "set"), ("undici", "setGlobalDispatcher"),
    ("date-fns", "setDefaultOptions"),
}


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


def _nodejs_same_every_time(m: js.JsModule, value: Node | None, depth: int = 0) -> bool:
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
            _nodejs_same_every_time(m, obj, depth + 1)   # PATH.parse(constant).dir
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
            pure = pure or (receiver is not None and _nodejs_same_every_time(m, receiver, depth + 1))
        return pure and arguments is not None and all(
            _nodejs_same_every_time(m, a, depth + 1) for a in arguments.named_children if a.type != "comment")
    if value.type == "identifier":
        if m.text(value) == "undefined":
            return True
        declared = _nodejs_const_value(m, value)
        return declared is not None and _nodejs_same_every_time(m, declared, depth + 1)
    if value.type in _NODEJS_CONSTANT_LEAVES and value.type != "template_string":
        return True
    if value.type in _NODEJS_CONSTANT_SHAPES or value.type == "template_string":
        return all(_nodejs_same_every_time(m, c, depth + 1) for c in value.named_children if c.type != "comment")
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


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits = []
    for node in m.parsed.nodes("assignment_expression", "augmented_assignment_expression", "call_expression"):
        if m.request_function(node) is None:
            continue
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            if m.text(function) == "process.chdir":
                hits.append(hit_at(m, LMI204, node, f"`{m.context_name(node)}` calls process.chdir during a request: "
                                   "the working directory belongs to the whole process, every worker thread and "
                                   "every invocation in flight. Use absolute paths instead."))
                continue
            found = m.imported(function)
            if found is None or found not in _NODEJS_LIBRARY_GLOBAL_SETTERS:
                continue
            what = m.text(function)
        else:
            left = node.child_by_field_name("left")
            if left is None or left.type not in ("member_expression", "subscript_expression"):
                continue
            base: Node | None = left
            while base is not None and base.type in ("member_expression", "subscript_expression"):
                base = base.child_by_field_name("object")
            if base is None or base.type != "identifier" or m.imported(base) is None:
                continue
            if node.type == "assignment_expression" and _nodejs_same_every_time(m, node.child_by_field_name("right")):
                continue   # the same configuration value on every request: nothing changes for the others
            what = m.text(left)
        imported = m.imported(function if node.type == "call_expression" else base)
        if imported is None:   # never: both branches above only go on with an imported name
            continue
        package = imported[0]
        hits.append(hit_at(m, LMI204, node, f"`{what}` changes a setting of the `{package}` module during a request: "
                           "the module is one object per worker thread, so the change applies to every invocation "
                           "in flight there. Pass the setting per call instead."))
    return hits


# --- Java ------------------------------------------------------------------------------------------------
_JAVA_UNSAFE_COLLECTIONS = frozenset({"HashMap", "LinkedHashMap", "TreeMap", "WeakHashMap", "IdentityHashMap",
                                      "EnumMap", "HashSet", "LinkedHashSet", "TreeSet", "ArrayList", "LinkedList",
                                      "ArrayDeque", "PriorityQueue"})


_JAVA_COLLECTION_WRITES = frozenset({"put", "putAll", "putIfAbsent", "remove", "clear", "add", "addAll", "removeIf",
                                     "removeAll", "retainAll", "set", "compute", "computeIfAbsent",
                                     "computeIfPresent", "merge", "replace", "replaceAll", "push", "pop", "poll",
                                     "offer", "addFirst", "addLast", "removeFirst", "removeLast", "sort"})


_JAVA_DATE_FORMATS = frozenset({"SimpleDateFormat", "DateFormat"})


def _java_field_class(m: java.JavaModule, info: java.FieldInfo) -> str:
    """The concrete class a field holds: the ``new`` in its initialiser, else its declared type."""
    value = info.value
    if value is not None and value.type == "object_creation_expression":
        return m.text(value.child_by_field_name("type")).split("<")[0].strip().rsplit(".", 1)[-1]
    return m.text(info.type_node).split("<")[0].strip().rsplit(".", 1)[-1]


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[str] = set()
    for call in m.parsed.nodes("method_invocation"):
        info = m.member_ref(call.child_by_field_name("object"))
        if info is None or not m.shared(info) or f"{info.owner.id}.{info.name}" in reported:
            continue
        cls, method = _java_field_class(m, info), m.text(call.child_by_field_name("name"))
        collection = cls in _JAVA_UNSAFE_COLLECTIONS and method in _JAVA_COLLECTION_WRITES
        if not collection and not (cls in _JAVA_DATE_FORMATS and method in ("format", "parse", "parseObject")):
            continue   # no unsafe use (asked before the costlier questions below)
        if m.request_function(call) is None or java.in_synchronized(m, call):
            continue
        where = m.context_name(call)
        holder = "static" if info.static else "handler"
        if collection:
            message = (f"`{info.name}` is a {holder} {cls} shared by every thread, and `{where}` changes it "
                       f"({method}) without synchronisation: concurrent writes corrupt it. Use a concurrent "
                       "collection.")
            fix = java_fixes.to_concurrent_hash_map(m, info) if cls == "HashMap" else None
        else:
            message = (f"`{info.name}` is a {holder} {cls} shared by every thread, and `{where}` calls {method} on "
                       "it: SimpleDateFormat keeps its working state in the object, so concurrent calls return "
                       "wrong dates. Use java.time's DateTimeFormatter (immutable).")
            fix = java_fixes.to_date_time_formatter(m, info)
        reported.add(f"{info.owner.id}.{info.name}")
        hits.append(hit_at(m, LMI204, info.declarator, message, fix, context=where, at=call,
                           need=field_need(m, info)))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
_DOTNET_UNSAFE_COLLECTIONS = frozenset({"Dictionary", "List", "HashSet", "Queue", "Stack", "SortedDictionary",
                                        "SortedList", "SortedSet", "LinkedList"})


_DOTNET_COLLECTION_WRITES = frozenset({"Add", "AddRange", "TryAdd", "Remove", "RemoveAt", "RemoveAll", "RemoveRange",
                                       "Clear", "Insert", "InsertRange", "Enqueue", "Dequeue", "TryDequeue", "Push",
                                       "Pop", "TryPop", "Sort", "Reverse", "AddFirst", "AddLast", "RemoveFirst",
                                       "RemoveLast", "UnionWith", "ExceptWith", "IntersectWith"})


_DOTNET_RANDOM_CALLS = frozenset({"Next", "NextDouble", "NextBytes", "NextInt64", "NextSingle", "Shuffle", "GetItems"})


def _dotnet_member_class(m: cs.CsModule, member: cs.Member) -> str:
    value = member.value
    if value is not None and value.type == "object_creation_expression":
        return m.text(value.child_by_field_name("type")).split("<")[0].rsplit(".", 1)[-1].strip()
    if value is not None and m.text(value).replace(" ", "") == "Random.Shared":
        return "Random.Shared"
    return m.text(member.type_node).split("<")[0].rsplit(".", 1)[-1].strip()


def _dotnet_backing_field(m: cs.CsModule, obj: Node | None) -> cs.Member | None:
    """``Cache`` where the class declares ``Dictionary<K, V> Cache => _cache ?? throw ...`` (or ``=> _cache``): a
    getter that hands out the field itself, so a write through it writes the field."""
    if obj is None or obj.type != "identifier":
        return None
    cls = m.class_of(obj)
    for prop in m.parsed.nodes("property_declaration"):
        if cls is None or m.class_of(prop) != cls or m.text(prop.child_by_field_name("name")) != m.text(obj):
            continue
        arrow = next((c for c in prop.named_children if c.type == "arrow_expression_clause"), None)
        body = arrow.named_children[0] if arrow is not None and arrow.named_children else None
        if body is not None and body.type == "binary_expression" and \
                m.text(body.child_by_field_name("operator")) == "??":
            body = body.child_by_field_name("left")
        if body is not None and body.type == "identifier":
            return m.member_index.get((cls.id, m.text(body)))
    return None


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[str] = set()
    uses: list[tuple[Node, Node | None, str]] = []   # (use, object expression, operation)
    for call in m.parsed.nodes("invocation_expression"):
        function = call.child_by_field_name("function")
        if function is not None and function.type == "member_access_expression":
            uses.append((call, function.child_by_field_name("expression"), m.text(function.child_by_field_name("name"))))
    for assignment in m.parsed.nodes("assignment_expression"):
        left = assignment.child_by_field_name("left")
        if left is not None and left.type == "element_access_expression":
            uses.append((assignment, left.child_by_field_name("expression"), "[]="))
    uses.sort(key=lambda u: u[0].start_byte)
    for use, obj, operation in uses:
        member = m.member_ref(obj) or _dotnet_backing_field(m, obj)
        if member is None or not m.shared(member) or f"{member.owner.id}.{member.name}" in reported:
            continue
        cls = _dotnet_member_class(m, member)
        collection = cls in _DOTNET_UNSAFE_COLLECTIONS and (operation in _DOTNET_COLLECTION_WRITES or
                                                            operation == "[]=")
        if not collection and not (cls == "Random" and operation in _DOTNET_RANDOM_CALLS):
            continue   # no unsafe use (asked before the costlier questions below)
        if m.request_function(use) is None or cs.in_lock(use):
            continue
        where = m.context_name(use)
        holder = "static" if member.static else "handler"
        if collection:
            what = "an indexer write" if operation == "[]=" else operation
            message = (f"`{member.name}` is a {holder} {cls} shared by concurrent invocations, and `{where}` changes "
                       f"it ({what}) without a lock: concurrent writes corrupt it. Use a "
                       "System.Collections.Concurrent type.")
            fix = csharp_fixes.to_concurrent_dictionary(m, member) if cls == "Dictionary" else None
        else:
            message = (f"`{member.name}` is a {holder} System.Random shared by concurrent invocations, and `{where}` "
                       f"calls {operation} on it: Random is not thread-safe and returns zeros once corrupted. Use "
                       "Random.Shared.")
            fix = csharp_fixes.to_shared_random(m, member)
        reported.add(f"{member.owner.id}.{member.name}")
        hits.append(hit_at(m, LMI204, member.declarator, message, fix, context=where, at=use,
                           need=field_need(m, member)))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
    fixes={
        "java": ("workbench.readiness.java_fixes:to_concurrent_hash_map",
                 "workbench.readiness.java_fixes:to_date_time_formatter"),
        "dotnet": ("workbench.readiness.csharp_fixes:to_concurrent_dictionary",
                   "workbench.readiness.csharp_fixes:to_shared_random"),
    },
)
