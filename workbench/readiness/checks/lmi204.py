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
from workbench.readiness.js_module_state import same_every_time
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


def _same_options(m: js.JsModule, node: Node) -> bool:
    """An argument that is the same on every request: a value ``same_every_time`` accepts, or an object literal
    whose values all are (``{ region: process.env.REGION }``)."""
    if node.type == "object":
        return all(p.type == "pair" and same_every_time(m, p.child_by_field_name("value"))
                   for p in node.named_children if p.type != "comment")
    return same_every_time(m, node)


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
            arguments = node.child_by_field_name("arguments")
            if arguments is not None and arguments.named_children and all(
                    _same_options(m, a) for a in arguments.named_children if a.type != "comment"):
                continue   # AWS.config.update({ region: REGION }): the same configuration on every request
            if js.runs_once(m, node) and not m.is_tainted(node.child_by_field_name("arguments")):
                continue   # one-time initialisation with the function's own settings, not the request's
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
            if node.type == "assignment_expression" and same_every_time(m, node.child_by_field_name("right")):
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
# Other objects that keep their working state in the instance, documented as not thread-safe: the JDK's number
# formats ("Number formats are generally not synchronized", java.text.DecimalFormat), MessageDigest, Mac and Cipher
# (one digest/MAC/encryption in progress per object), and json-simple's JSONParser (a stateful lexer).
_JAVA_STATEFUL = {"DecimalFormat": ("format", "parse"), "NumberFormat": ("format", "parse"),
                  "MessageDigest": ("update", "digest", "reset"), "Mac": ("update", "doFinal", "init", "reset"),
                  "Cipher": ("update", "doFinal", "init"), "JSONParser": ("parse", "reset")}
# JAXP objects documented as not thread-safe: "An implementation of the DocumentBuilderFactory class is NOT guaranteed
# to be thread safe" (javax.xml.parsers.DocumentBuilderFactory; SAXParserFactory, TransformerFactory and
# XPathFactory say the same), "Transformers may not be used in multiple threads running concurrently"
# (javax.xml.transform.Transformer), "An XPath object is not thread-safe and not reentrant" (javax.xml.xpath.XPath)
_JAVA_JAXP = {"DocumentBuilderFactory": ("newDocumentBuilder",), "DocumentBuilder": ("parse", "newDocument", "reset"),
              "SAXParserFactory": ("newSAXParser",), "SAXParser": ("parse", "reset"),
              "TransformerFactory": ("newTransformer", "newTemplates"), "Transformer": ("transform", "reset"),
              "XPathFactory": ("newXPath",), "XPath": ("evaluate", "compile", "evaluateExpression", "reset")}
_JAVA_STATEFUL.update(_JAVA_JAXP)


def java_unsafe_collection(m: java.JavaModule, info: java.FieldInfo) -> bool:
    """The field holds a java.util collection that is not thread-safe (LMI204 reports writes to it)."""
    return _java_field_class(m, info) in _JAVA_UNSAFE_COLLECTIONS


def _java_field_class(m: java.JavaModule, info: java.FieldInfo, assigned: bool = True) -> str:
    """The concrete class a field holds: the ``new`` in its initialiser, else (``assigned``) the one class every
    assignment of it builds, else its declared type."""
    value = info.value
    if value is not None and value.type == "object_creation_expression":
        return m.text(value.child_by_field_name("type")).split("<")[0].strip().rsplit(".", 1)[-1]
    declared = m.text(info.type_node).split("<")[0].strip().rsplit(".", 1)[-1]
    if assigned and value is None and declared in _JAVA_INTERFACES:
        # ``private Map<..> items;`` given ``new HashMap<>()`` in the constructor (or any method) of its class: the
        # one class every assignment in the file builds (heldout6, javabuilder)
        built = {m.text(v.child_by_field_name("type")).split("<")[0].strip().rsplit(".", 1)[-1] if v is not None and
                 v.type == "object_creation_expression" else "" for n in m.parsed.nodes("assignment_expression")
                 if m.member_ref(n.child_by_field_name("left")) is info for v in [n.child_by_field_name("right")]}
        if len(built) == 1 and "" not in built:
            return built.pop()
    return declared


_JAVA_INTERFACES = frozenset({"Map", "List", "Set", "Collection", "Queue", "Deque", "SortedMap", "NavigableMap",
                              "SortedSet", "NavigableSet"})


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[str] = set()
    for call in m.parsed.nodes("method_invocation"):
        info = m.member_ref(call.child_by_field_name("object"))
        if info is None or not m.shared(info) or f"{info.owner.id}.{info.name}" in reported:
            continue
        cls, method = _java_field_class(m, info, False), m.text(call.child_by_field_name("name"))
        if cls in _JAVA_INTERFACES and method in _JAVA_COLLECTION_WRITES:
            cls = _java_field_class(m, info)   # (the assignments are looked at only for a write)
        collection = cls in _JAVA_UNSAFE_COLLECTIONS and method in _JAVA_COLLECTION_WRITES
        stateful = method in _JAVA_STATEFUL.get(cls, ())
        if not collection and not stateful and \
                not (cls in _JAVA_DATE_FORMATS and method in ("format", "parse", "parseObject")):
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
        elif cls in _JAVA_JAXP:
            message = (f"`{info.name}` is a {holder} {cls} shared by every thread, and `{where}` calls {method} on "
                       f"it: JAXP documents a {cls} as not thread-safe, so concurrent calls can corrupt each other. "
                       "Create one per call, or keep one per thread (ThreadLocal).")
            fix = None
        elif stateful:
            message = (f"`{info.name}` is a {holder} {cls} shared by every thread, and `{where}` calls {method} on "
                       f"it: a {cls} keeps its working state in the object, so concurrent calls corrupt each other's "
                       "results. Create one per call, or keep one per thread (ThreadLocal).")
            fix = None
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


# Process-wide .NET state a call or an assignment swaps for every thread: Console.SetOut/SetError/SetIn set the one
# Console.Out/Error/In ("Console.SetOut(TextWriter) Method", .NET API reference), Directory.SetCurrentDirectory and
# Environment.CurrentDirectory the process's working directory ("Environment.CurrentDirectory Property"), and
# CultureInfo.DefaultThreadCurrent(UI)Culture the default culture of every thread ("CultureInfo.DefaultThreadCurrentCulture
# Property"). Changed during a request, they change them for the invocations in flight (corpus_heldout9).
_DOTNET_PROCESS_SETTERS = frozenset({"Console.SetOut", "Console.SetError", "Console.SetIn",
                                     "Directory.SetCurrentDirectory"})
_DOTNET_PROCESS_PROPERTIES = frozenset({"Environment.CurrentDirectory", "CultureInfo.DefaultThreadCurrentCulture",
                                        "CultureInfo.DefaultThreadCurrentUICulture"})


def _dotnet_process_state(m: cs.CsModule) -> list[Hit]:
    """LMI204 at each call or assignment on the request path that swaps process-wide .NET state."""
    text = m.parsed.text
    if not any(name.split(".")[1] in text for name in _DOTNET_PROCESS_SETTERS | _DOTNET_PROCESS_PROPERTIES):
        return []
    hits = []
    reported: set[tuple[int, str]] = set()   # one finding per function and state (a restore in finally is the same)
    for node in sorted(m.parsed.nodes("invocation_expression", "assignment_expression"), key=lambda n: n.start_byte):
        target = node.child_by_field_name("function" if node.type == "invocation_expression" else "left")
        name = m.text(target).replace(" ", "").removeprefix("System.").removeprefix("IO.").removeprefix(
            "Globalization.")
        if name not in (_DOTNET_PROCESS_SETTERS if node.type == "invocation_expression"
                        else _DOTNET_PROCESS_PROPERTIES):
            continue
        function = m.request_function(node)
        if function is None or (function.id, name) in reported:
            continue
        reported.add((function.id, name))
        what = "Console's streams belong" if name.startswith("Console.") else f"{name.split('.')[-1]} belongs"
        hits.append(hit_at(m, LMI204, node, f"`{m.context_name(node)}` calls or sets {name} during a request: {what} "
                           "to the whole process, so concurrent invocations see (or write into) this request's "
                           "value and it into theirs. Pass a TextWriter, path or culture to the code that needs it."))
    return hits


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = _dotnet_process_state(m)
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
