"""C# (.NET) readiness rules (tree-sitter).

On Lambda Managed Instances a .NET execution environment runs invocations as Tasks in one process, and the
handler object is shared by all of them: static fields and properties, and the handler's own fields, are shared
state. The analyzer finds the handlers (named by the templates in ``ScanContext.handlers``, else methods, local
functions or lambdas taking an ``ILambdaContext``, or marked ``[LambdaFunction]``), follows the methods of the
file they call, and judges that request path; constructors, static constructors and field initialisers run once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.readiness import definitions, semantic
from workbench.readiness.csharp_fixes import (
    hoist_client,
    to_concurrent_dictionary,
    to_shared_random,
)
from workbench.readiness.model import Hit, Language, ScanContext, SourceFile
from workbench.readiness.scanner import hit_to_dict
from workbench.readiness.treesitter import (
    CLEANUP_CALLS,
    LMI101,
    LMI102,
    LMI103,
    LMI104,
    LMI201,
    LMI202,
    LMI203,
    LMI204,
    UNIQUE_PATH_WORDS,
    Nesting,
    Node,
    Parsed,
    ancestors,
    hit,
    parse_source,
    register_shared,
    walk,
)

RUNTIME = "dotnet"
_STRINGS_INDEXED = ("string_literal", "verbatim_string_literal", "interpolated_string_expression",
                    "raw_string_literal")
FUNCTIONS = frozenset({"method_declaration", "local_function_statement", "lambda_expression",
                       "anonymous_method_expression"})
MEMBERS = frozenset({"method_declaration", "constructor_declaration", "local_function_statement",
                     "property_declaration", "operator_declaration", "destructor_declaration"})
SCOPES = FUNCTIONS | {"constructor_declaration"}
CLASSES = frozenset({"class_declaration", "struct_declaration", "record_declaration"})
UNSAFE_COLLECTIONS = frozenset({"Dictionary", "List", "HashSet", "Queue", "Stack", "SortedDictionary",
                                "SortedList", "SortedSet", "LinkedList"})
COLLECTION_WRITES = frozenset({"Add", "AddRange", "TryAdd", "Remove", "RemoveAt", "RemoveAll", "RemoveRange",
                               "Clear", "Insert", "InsertRange", "Enqueue", "Dequeue", "TryDequeue", "Push", "Pop",
                               "TryPop", "Sort", "Reverse", "AddFirst", "AddLast", "RemoveFirst", "RemoveLast",
                               "UnionWith", "ExceptWith", "IntersectWith"})
RANDOM_CALLS = frozenset({"Next", "NextDouble", "NextBytes", "NextInt64", "NextSingle", "Shuffle", "GetItems"})
DB_CONNECTIONS = {"SqlConnection": "SQL Server", "NpgsqlConnection": "PostgreSQL", "MySqlConnection": "MySQL",
                  "OracleConnection": "Oracle", "MongoClient": "MongoDB"}
DB_CALLS = {("ConnectionMultiplexer", "Connect"): "Redis", ("ConnectionMultiplexer", "ConnectAsync"): "Redis"}
LOG_CALLS = frozenset({"WriteLine", "Write", "LogLine", "Log", "LogInformation", "LogDebug", "LogWarning",
                       "LogError", "LogTrace", "LogCritical"})
POWERTOOLS_LOG = frozenset({"LogInformation", "LogDebug", "LogWarning", "LogError", "LogTrace", "LogCritical"})
_CLIENT = re.compile(r"^Amazon\w*Client$")
_REQUEST_ID = re.compile(r"(?i)request_?id")

for _rule in (LMI101, LMI102, LMI103, LMI104, LMI201, LMI202, LMI203, LMI204):
    register_shared(_rule)


def modifiers(node: Node, parsed: Parsed) -> set[str]:
    return {parsed.node_text(c) for c in node.children if c.type == "modifier"}


def declarator_value(declarator: Node) -> Node | None:
    name = declarator.child_by_field_name("name")
    return next((c for c in declarator.named_children if c != name and c.type != "bracketed_argument_list"), None)


@dataclass
class Member:
    """A field or a property: state that outlives a call."""

    name: str
    owner: Node
    mods: set[str]
    declaration: Node
    declarator: Node
    type_node: Node | None
    value: Node | None
    is_property: bool = False

    @property
    def static(self) -> bool:
        return "static" in self.mods or "const" in self.mods

    @property
    def immutable(self) -> bool:
        return bool({"readonly", "const"} & self.mods)


@dataclass
class CsModule:
    parsed: Parsed
    source: SourceFile
    members: dict[str, list[Member]] = field(default_factory=dict)
    functions: dict[str, list[Node]] = field(default_factory=dict)
    locals: dict[int, set[str]] = field(default_factory=dict)
    handlers: list[Node] = field(default_factory=list)
    handler_classes: set[int] = field(default_factory=set)
    reachable: dict[int, Node] = field(default_factory=dict)
    calls: dict[int, list[Node]] = field(default_factory=dict)
    tainted: dict[int, set[str]] = field(default_factory=dict)
    scope_nesting: Nesting = field(default_factory=lambda: Nesting(()))
    function_nesting: Nesting = field(default_factory=lambda: Nesting(()))
    owner_nesting: Nesting = field(default_factory=lambda: Nesting(()))
    class_nesting: Nesting = field(default_factory=lambda: Nesting(()))
    member_index: dict[tuple[int, str], Member] = field(default_factory=dict)   # (class id, name) -> member
    memo: dict[str, object] = field(default_factory=dict)                      # results the fixes share
    extract: bool = False          # describing the file for the project model: every method is a candidate
    tags: dict[int, tuple] = field(default_factory=dict)                      # id(hit) -> (function, need, at)

    def text(self, node: Node | None) -> str:
        return self.parsed.node_text(node)

    def scopes_around(self, node: Node) -> list[Node]:
        return self.scope_nesting.around(node)

    def function_of(self, node: Node) -> Node | None:
        """The innermost function around ``node`` that is a handler or a named method/local function."""
        for anc in self.owner_nesting.around(node):
            if anc.type in FUNCTIONS and (anc.id in self.reachable or anc.type != "lambda_expression"):
                return anc
            if anc.type in ("constructor_declaration", "property_declaration", "field_declaration"):
                return None
        return None

    def request_function(self, node: Node) -> Node | None:
        fn = self.function_of(node)
        return fn if fn is not None and fn.id in self.reachable else None

    def context_name(self, node: Node) -> str:
        for anc in ancestors(node):
            if anc.type in MEMBERS or anc.type in CLASSES:
                name = anc.child_by_field_name("name")
                if name is not None:
                    return self.text(name)
            if anc.type == "lambda_expression" and anc.id in self.reachable:
                holder = anc.parent
                if holder is not None and holder.type == "variable_declarator":
                    return self.text(holder.child_by_field_name("name"))
        return ""

    def class_of(self, node: Node) -> Node | None:
        return self.class_nesting.innermost(node)

    def member_ref(self, node: Node | None) -> Member | None:
        """The field or property an expression names: ``x`` (unless a local hides it), ``this.x``, ``T.x``."""
        if node is None:
            return None
        if node.type == "member_access_expression":
            name = self.text(node.child_by_field_name("name"))
            candidates = self.members.get(name, [])
            obj = node.child_by_field_name("expression")
            if self.text(node).startswith("this."):
                cls = self.class_of(node)
                return self.member_index.get((cls.id if cls is not None else 0, name))
            if obj is not None and obj.type == "identifier":
                return next((c for c in candidates if c.static and
                             self.text(c.owner.child_by_field_name("name")) == self.text(obj)), None)
            return None
        if node.type != "identifier":
            return None
        name = self.text(node)
        candidates = self.members.get(name)
        if not candidates or any(name in self.locals.get(s.id, ()) for s in self.scopes_around(node)):
            return None
        cls = self.class_of(node)
        own = self.member_index.get((cls.id if cls is not None else 0, name))
        return own or (candidates[0] if len(candidates) == 1 else None)

    def callees(self, call: Node, name: str) -> list[Node]:
        """Methods and local functions named ``name`` in the caller's class (or its top-level statements)."""
        cls = self.class_of(call)
        return [fn for fn in self.functions.get(name, []) if self.class_of(fn) == cls]

    def shared(self, member: Member) -> bool:
        return member.static or self.extract or member.owner.id in self.handler_classes

    def is_tainted(self, expr: Node | None) -> bool:
        if expr is None:
            return False
        names: set[str] = set()
        for fn in self.function_nesting.around(expr):
            names |= self.tainted.get(fn.id, set())
        return bool(names) and any(n.type == "identifier" and self.text(n) in names for n in walk(expr))


def _params(fn: Node) -> list[Node]:
    params = fn.child_by_field_name("parameters")
    if params is None:
        return []
    if params.type == "identifier":
        return [params]
    return [p for p in params.named_children if p.type in ("parameter", "identifier")]


def _param_name(m: CsModule, param: Node) -> str:
    return m.text(param.child_by_field_name("name")) if param.type == "parameter" else m.text(param)


OWNERS = (*FUNCTIONS, "constructor_declaration", "property_declaration", "field_declaration")
INDEXED = (*OWNERS, *CLASSES, *_STRINGS_INDEXED, "event_field_declaration", "using_directive",
           "namespace_declaration", "file_scoped_namespace_declaration", "variable_declarator", "parameter",
           "catch_declaration", "foreach_statement", "declaration_expression", "invocation_expression",
           "object_creation_expression", "assignment_expression", "postfix_unary_expression",
           "prefix_unary_expression")


def build_module(source: SourceFile, ctx: ScanContext, extract: bool = False) -> CsModule:
    parsed = parse_source(source)
    parsed.nodes(*INDEXED)   # one query for every kind of node the rules look at
    m = CsModule(parsed=parsed, source=source, extract=extract, scope_nesting=Nesting(parsed.nodes(*SCOPES)),
                 function_nesting=Nesting(parsed.nodes(*FUNCTIONS)), owner_nesting=Nesting(parsed.nodes(*OWNERS)),
                 class_nesting=Nesting(parsed.nodes(*CLASSES)))
    for decl in parsed.nodes("field_declaration", "event_field_declaration"):
        owner = m.class_of(decl)
        variables = next((c for c in decl.named_children if c.type == "variable_declaration"), None)
        if owner is None or variables is None:
            continue
        for declarator in variables.named_children:
            if declarator.type == "variable_declarator":
                name = m.text(declarator.child_by_field_name("name"))
                member = Member(name, owner, modifiers(decl, parsed), decl, declarator,
                                variables.child_by_field_name("type"), declarator_value(declarator))
                m.members.setdefault(name, []).append(member)
                m.member_index.setdefault((owner.id, name), member)
    for prop in parsed.nodes("property_declaration"):
        owner = m.class_of(prop)
        accessors = m.text(prop.child_by_field_name("accessors"))
        if owner is None or not re.search(r"\bset\b", accessors):
            continue
        name = m.text(prop.child_by_field_name("name"))
        member = Member(name, owner, modifiers(prop, parsed), prop, prop, prop.child_by_field_name("type"), None,
                        is_property=True)
        m.members.setdefault(name, []).append(member)
        m.member_index.setdefault((owner.id, name), member)
    for fn in parsed.nodes("method_declaration", "local_function_statement"):
        m.functions.setdefault(m.text(fn.child_by_field_name("name")), []).append(fn)
    for declarator in parsed.nodes("variable_declarator"):
        if declarator.parent is not None and declarator.parent.parent is not None and \
                declarator.parent.parent.type != "field_declaration":
            _add_local(m, declarator, m.text(declarator.child_by_field_name("name")))
    for node in parsed.nodes("parameter", "catch_declaration", "foreach_statement", "declaration_expression"):
        name = node.child_by_field_name("name") or node.child_by_field_name("left")
        if name is not None:
            owner = node.parent.parent if node.type == "parameter" and node.parent is not None else None
            if owner is not None and owner.type in SCOPES:
                m.locals.setdefault(owner.id, set()).add(m.text(name))
            else:
                _add_local(m, node, m.text(name))
    for lam in parsed.nodes("lambda_expression"):
        for p in _params(lam):
            m.locals.setdefault(lam.id, set()).add(_param_name(m, p))
    _find_handlers(m, ctx)
    _follow_calls(m)
    _taint(m)
    return m


def _add_local(m: CsModule, node: Node, name: str) -> None:
    scope = next(iter(m.scopes_around(node)), None)
    if scope is not None:
        m.locals.setdefault(scope.id, set()).add(name)


def _find_handlers(m: CsModule, ctx: ScanContext) -> None:
    named = {n.rsplit("::", 1)[-1] for n in ctx.handlers.get(m.source.rel, set())}
    if named:
        m.handlers = [fn for name in sorted(named) for fn in m.functions.get(name, [])]
    if not m.handlers:
        for fn in m.parsed.nodes("method_declaration", "local_function_statement", "lambda_expression"):
            # the context comes last ("Define Lambda function handler in C#": (input, ILambdaContext)); a method
            # that takes it first or in the middle is a library helper, not something Lambda calls
            found = _params(fn)
            takes_context = bool(found) and found[-1].type == "parameter" and m.text(
                found[-1].child_by_field_name("type")).endswith("ILambdaContext") and (
                fn.type != "method_declaration" or "public" in modifiers(fn, m.parsed))
            attributed = any(c.type == "attribute_list" and "LambdaFunction" in m.text(c) for c in fn.children)
            if takes_context or attributed:
                m.handlers.append(fn)
    for fn in m.handlers:
        cls = m.class_of(fn)
        if cls is not None:
            m.handler_classes.add(cls.id)


def _follow_calls(m: CsModule) -> None:
    for call in m.parsed.nodes("invocation_expression"):
        fn = m.function_nesting.innermost(call)
        if fn is not None:
            m.calls.setdefault(fn.id, []).append(call)
    roots = list(m.handlers) or [fn for fn in m.parsed.nodes("method_declaration")
                                 if m.text(fn.child_by_field_name("name")) != "Main"]
    if m.extract:
        roots = list(m.handlers) + list(m.parsed.nodes("method_declaration", "local_function_statement"))
    queue = list(roots)
    inner: dict[int, list[Node]] = {}
    for fn in m.parsed.nodes(*FUNCTIONS):
        outer = m.function_nesting.innermost(fn)
        if outer is not None:
            inner.setdefault(outer.id, []).append(fn)
    while queue:
        fn = queue.pop()
        if fn.id in m.reachable:
            continue
        m.reachable[fn.id] = fn
        queue.extend(inner.get(fn.id, []))
        for call in m.calls.get(fn.id, []):
            function = call.child_by_field_name("function")
            if function is None:
                continue
            if function.type == "identifier":
                queue.extend(m.callees(call, m.text(function)))
            elif function.type == "member_access_expression" and m.text(function).startswith("this."):
                queue.extend(m.callees(call, m.text(function.child_by_field_name("name"))))


def _taint(m: CsModule) -> None:
    for fn in m.handlers:
        m.tainted[fn.id] = {_param_name(m, p) for p in _params(fn)}
    if not m.handlers:
        return
    declarators = [d for d in m.parsed.nodes("variable_declarator") if m.function_of(d) is not None]
    for _ in range(3):
        changed = False
        for declarator in declarators:
            fn = m.function_of(declarator)
            if m.is_tainted(declarator_value(declarator)):
                name = m.text(declarator.child_by_field_name("name"))
                if name not in m.tainted.setdefault(fn.id, set()):
                    m.tainted[fn.id].add(name)
                    changed = True
        for fn_id, calls in m.calls.items():
            if fn_id not in m.reachable:
                continue
            for call in calls:
                function = call.child_by_field_name("function")
                if function is None or function.type != "identifier":
                    continue
                args = [a.named_children[-1] for a in call.child_by_field_name("arguments").named_children
                        if a.type == "argument" and a.named_children]
                for target in m.callees(call, m.text(function)):
                    for param, arg in zip(_params(target), args):
                        name = _param_name(m, param)
                        if m.is_tainted(arg) and name not in m.tainted.setdefault(target.id, set()):
                            m.tainted[target.id].add(name)
                            changed = True
        if not changed:
            break


# --- the rules ----------------------------------------------------------------------------------------------------
class CsharpAnalyzer:
    """LMI101-104 and LMI201-204 for C#, and LMI501 for CDK apps written in C#.

    ``extract`` describes a file for the project model (``semantic``); ``resolve`` keeps the candidates on
    functions reached from a handler anywhere in the project; ``analyze`` does both for one file on its own."""

    languages = frozenset({Language.CSHARP})

    def extract(self, source: SourceFile) -> dict:
        return describe(source).to_json()

    def resolve(self, facts_by_rel: dict, sources: dict, ctx: ScanContext, *, entry: str = "handlers"):
        return semantic.resolve(RUNTIME, facts_by_rel, sources, ctx, entry)

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        facts = {source.rel: self.extract(source)}
        return semantic.resolve(RUNTIME, facts, {}, ctx, fallback=True).hits.get(source.rel, [])


_TEST_ATTRIBUTES = frozenset({"Fact", "Theory", "Test", "TestMethod", "TestCase", "TestCaseSource", "SetUp",
                              "TearDown", "OneTimeSetUp", "OneTimeTearDown", "TestInitialize", "TestCleanup",
                              "ClassInitialize", "ClassCleanup", "AssemblyInitialize", "AssemblyCleanup",
                              "InlineData", "MemberData", "DataTestMethod", "Benchmark", "GlobalSetup"})
_TEST_CLASS_ATTRIBUTES = frozenset({"TestClass", "TestFixture", "Collection", "CollectionDefinition",
                                    "MemoryDiagnoser"})
_ONCE_CLASS_ATTRIBUTES = frozenset({"LambdaStartup"})
_DI_CALL = re.compile(r"\b\w+\s*\.\s*(Try)?Add(Singleton|Scoped|Transient|Keyed\w*|Options|HttpClient|"
                      r"AWSService|DefaultAWSOptions|Logging|DbContext\w*)\b")
_WORDS = re.compile(r"\b[A-Z]\w*\b")


def attribute_names(node: Node, m: CsModule) -> set[str]:
    names = set()
    for c in node.children:
        if c.type == "attribute_list":
            for a in c.named_children:
                if a.type == "attribute":
                    names.add(m.text(a.child_by_field_name("name")).rsplit(".", 1)[-1].removesuffix("Attribute"))
    return names


def _type_name(text: str) -> str:
    """The class a type names, as written (``Outer.Builder<X>?`` -> ``Outer.Builder``)."""
    return re.sub(r"\s+", "", text.split("<")[0]).rstrip("?[]")


def describe(source: SourceFile) -> semantic.FileFacts:
    """The file in the project model's terms: functions with roles and calls, candidate hits."""
    role = semantic.path_role(source.rel, source.text)
    facts = semantic.FileFacts(RUNTIME, role)
    if definitions.is_cdk_app(source.text):
        facts.plain.extend(hit_to_dict(h) for h in definitions.cdk_hits(source))
    m = build_module(source, ScanContext(root=source.path.parent), extract=True)
    hits: list[Hit] = []
    for check in (_tmp_paths, _connections_and_clients, _logs, _shared_members, _environment, _unsafe_objects):
        hits.extend(check(m))
    text = m.text
    types: dict[str, str] = {}   # variable, parameter, field or property name -> its declared class
    for node in m.parsed.nodes("variable_declarator"):
        decl = node.parent
        kind = _type_name(text(decl.child_by_field_name("type"))) if decl is not None else ""
        value = declarator_value(node)
        if kind == "var" and value is not None and value.type == "object_creation_expression":
            kind = _type_name(text(value.child_by_field_name("type")))
        types[text(node.child_by_field_name("name"))] = kind
    for node in m.parsed.nodes("parameter", "property_declaration"):
        types[text(node.child_by_field_name("name"))] = _type_name(text(node.child_by_field_name("type")))
    facts.types = list(set(_WORDS.findall(source.text)))
    for node in m.parsed.nodes("using_directive"):
        name = re.sub(r"\s+", "", text(node).removeprefix("global").strip().removeprefix("using").rstrip(";"))
        if "=" in name or name.startswith("static"):
            continue
        (facts.global_imports if text(node).startswith("global") else facts.imports).append(name)
    namespaces = m.parsed.nodes("namespace_declaration", "file_scoped_namespace_declaration")
    if namespaces:
        facts.package = re.sub(r"\s+", "", text(namespaces[0].child_by_field_name("name")))
    handlers = {fn.id for fn in m.handlers}
    for cls in m.parsed.nodes(*CLASSES):
        bases = next((c for c in cls.named_children if c.type == "base_list"), None)
        if bases is not None:
            facts.bases[text(cls.child_by_field_name("name"))] = [
                _type_name(text(b)).rsplit(".", 1)[-1] for b in bases.named_children]
    functions = [fn for fn in m.parsed.nodes(*FUNCTIONS) if fn.id in m.reachable or fn.type != "lambda_expression"]
    nesting = Nesting(functions)
    for fn in functions:
        cls = m.class_of(fn)
        cls_name = text(cls.child_by_field_name("name")) if cls is not None else ""
        cls_notes = attribute_names(cls, m) if cls is not None else set()
        notes = attribute_names(fn, m)
        name = text(fn.child_by_field_name("name")) if fn.type in ("method_declaration",
                                                                   "local_function_statement") else ""
        params = _params(fn)
        param_types = " ".join(text(p.child_by_field_name("type")) for p in params if p.type == "parameter")
        fn_role = ""
        if notes & _TEST_ATTRIBUTES or cls_notes & _TEST_CLASS_ATTRIBUTES:
            fn_role = semantic.TEST
        elif fn.type == "method_declaration" and name == "Main" and "static" in modifiers(fn, m.parsed) and \
                fn.id not in handlers:
            fn_role = semantic.PROGRAM
        elif fn.id not in handlers and (cls_notes & _ONCE_CLASS_ATTRIBUTES or "IServiceCollection" in param_types
                                        or name in ("ConfigureServices", "Configure", "ConfigureHost",
                                                    "CreateHostBuilder") or _DI_CALL.search(text(fn))):
            fn_role = semantic.ONCE   # dependency-injection set-up: runs when the host starts
        entry = facts.function(semantic.fn_key(source.rel, fn), name, cls_name, fn_role, fn.id in handlers,
                               params=len(params), qualified=".".join(
                                   m.text(c.child_by_field_name("name")) for c in reversed(m.class_nesting.around(fn))))
        # an AspectInjector advice (Powertools' [Logging], [Tracing], [Metrics]) runs around every handler call
        # it is injected into: no call in the source leads to it
        entry["rt"] = "Advice" in notes
        outer = nesting.innermost(fn)
        if outer is not None:   # a lambda or local function runs when (and as often as) the function around it
            facts.fns[semantic.fn_key(source.rel, outer)]["calls"].append(["k", semantic.fn_key(source.rel, fn)])
    for call in m.parsed.nodes("invocation_expression", "object_creation_expression"):
        owner = nesting.innermost(call)
        if owner is None:
            continue
        calls = facts.fns[semantic.fn_key(source.rel, owner)]["calls"]
        if call.type == "object_creation_expression":
            calls.append(["new", _type_name(text(call.child_by_field_name("type")))])
            continue
        function = call.child_by_field_name("function")
        if function is None:
            continue
        if function.type == "identifier" or (function.type == "member_access_expression" and
                                             text(function).startswith("this.")):
            name = text(function) if function.type == "identifier" else text(function.child_by_field_name("name"))
            calls.extend(["k", semantic.fn_key(source.rel, t)] for t in m.callees(call, name))
            cls = m.class_of(call)
            if cls is not None:   # a method of a partial class elsewhere, an inherited one or an override
                calls.append(["m", name, text(cls.child_by_field_name("name"))])
                calls.append(["v", name, text(cls.child_by_field_name("name"))])
            continue
        if function.type != "member_access_expression":
            continue
        obj = function.child_by_field_name("expression")
        name = text(function.child_by_field_name("name")).split("<")[0]
        head = text(obj).removeprefix("this.")
        hint = types.get(head, head if head[:1].isupper() and "." not in head and "(" not in head else "")
        calls.append(["m", name, hint])
    for found in hits:
        fn, need, at = m.tags.get(id(found), (None, {}, None))
        if at is not None and semantic.lmi_guarded(m.parsed, at, frozenset(SCOPES) | CLASSES):
            continue
        facts.candidate(found, semantic.fn_key(source.rel, fn) if fn is not None else None, need)
    return facts


ANALYZER = CsharpAnalyzer()


def _hit(m: CsModule, rule, node: Node, message: str, fix=None, context: str | None = None,
         severity: str | None = None, at: Node | None = None, need: dict | None = None) -> Hit:
    found = hit(m.parsed, rule.code, node, message, RUNTIME, context or m.context_name(node), fix, severity)
    m.tags[id(found)] = (m.request_function(at or node), need or {}, at or node)
    return found


def _member_need(m: CsModule, member: Member) -> dict:
    """A field of an object (not static) is shared only when the object is the handler's."""
    if member.static:
        return {}
    return {"class": m.text(member.owner.child_by_field_name("name"))}


def _locked(node: Node) -> bool:
    return any(a.type == "lock_statement" for a in ancestors(node))


def _lazy_init(m: CsModule, write: Node, name: str) -> bool:
    """``x ??= ...`` or ``if (x == null) x = ...``: set once, not per invocation."""
    if write.type == "assignment_expression" and any(c.type == "??=" for c in write.children):
        return True
    pattern = re.compile(rf"\b{re.escape(name)}\s*(==|is)\s*null\b|\bnull\s*==\s*(this\.)?{re.escape(name)}\b")
    for anc in ancestors(write):
        if anc.type in SCOPES:
            return anc.type == "method_declaration" and _built_lazily(m, anc, name, pattern)
        if anc.type in ("if_statement", "conditional_expression") and \
                pattern.search(m.text(anc.child_by_field_name("condition"))):
            return True
    return False


def _built_lazily(m: CsModule, method: Node, name: str, pattern: re.Pattern[str]) -> bool:
    """``return _options ?? BuildOptions();`` where BuildOptions sets ``_options``: the builder runs only while
    the field is unset, at every place the file calls it."""
    builder = m.text(method.child_by_field_name("name"))
    calls = [c for c in m.parsed.nodes("invocation_expression")
             if m.text(c.child_by_field_name("function")).removeprefix("this.") == builder]
    if not calls:
        return False
    for call in calls:
        parent = call.parent
        if parent is not None and parent.type == "binary_expression" and \
                m.text(parent.child_by_field_name("operator")) == "??" and \
                m.text(parent.child_by_field_name("left")).removeprefix("this.") == name:
            continue
        if any(a.type in ("if_statement", "conditional_expression") and
               pattern.search(m.text(a.child_by_field_name("condition"))) for a in ancestors(call)):
            continue
        return False
    return True


def _written_member(m: CsModule, target: Node | None) -> Member | None:
    return m.member_ref(target)


# LMI101 ---------------------------------------------------------------------------------------------------------
_COMBINING = frozenset({"Combine", "Join", "Format", "GetFullPath"})
_STRINGS = ("string_literal", "verbatim_string_literal", "interpolated_string_expression", "raw_string_literal")


def _string_content(m: CsModule, node: Node) -> str:
    return re.sub(r'^[$@]*"+|"+$', "", m.text(node))


def _tmp_top(m: CsModule, node: Node) -> Node:
    current = node
    while (parent := current.parent) is not None:
        if parent.type == "binary_expression" and any(c.type == "+" for c in parent.children):
            current = parent
        elif parent.type in ("parenthesized_expression", "argument", "interpolation"):
            current = parent.parent if parent.type == "interpolation" else parent
        elif parent.type == "argument_list" and parent.parent is not None and \
                parent.parent.type == "invocation_expression" and \
                m.text(parent.parent.child_by_field_name("function")).rsplit(".", 1)[-1] in _COMBINING:
            current = parent.parent
        else:
            break
    return current


def _quiet_context(m: CsModule, node: Node) -> bool:
    for anc in ancestors(node):
        if anc.type in SCOPES or anc.type.endswith("_statement") and anc.type != "expression_statement":
            return anc.type == "throw_statement"
        if anc.type == "invocation_expression" and \
                m.text(anc.child_by_field_name("function")).rsplit(".", 1)[-1] in LOG_CALLS:
            return True
        if anc.type in ("object_creation_expression", "throw_expression") and \
                m.text(anc.child_by_field_name("type") or anc).endswith("Exception"):
            return True
    return False


def _unique(m: CsModule, top: Node) -> bool:
    """The path names a request id, GUID or temporary name itself or through the function's variables."""
    scope = m.function_of(top) or m.class_of(top) or m.parsed.root
    values: dict[str, list[Node]] = {}
    for node in m.parsed.nodes("variable_declarator"):
        if scope.start_byte <= node.start_byte < scope.end_byte:
            values.setdefault(m.text(node.child_by_field_name("name")), []).append(declarator_value(node))
    for node in m.parsed.nodes("assignment_expression"):
        left = node.child_by_field_name("left")
        if scope.start_byte <= node.start_byte < scope.end_byte and left is not None and left.type == "identifier":
            values.setdefault(m.text(left), []).append(node.child_by_field_name("right"))
    return semantic.unique_by_names(m.parsed, top, scope, values, UNIQUE_PATH_WORDS)


def _tmp_paths(m: CsModule) -> list[Hit]:
    hits: list[Hit] = []
    sources = [n for n in m.parsed.nodes(*_STRINGS)
               if re.fullmatch(r"/tmp(/.*)?", _string_content(m, n), re.DOTALL) and
               not (n.parent is not None and n.parent.type == "interpolation")]
    sources += [n for n in m.parsed.nodes("invocation_expression") if m.text(n).replace(" ", "") == "Path.GetTempPath()"]
    roots: dict[str, bool] = {}
    seen: set[tuple[int, str]] = set()
    while sources:
        source = sources.pop(0)
        if source.type == "identifier":
            is_bare = roots.get(m.text(source), False)
        else:
            is_bare = source.type == "invocation_expression" or _string_content(m, source) in ("/tmp", "/tmp/")
        top = _tmp_top(m, source)
        if top.type == "argument":
            top = top.named_children[-1]
        bare = is_bare and top == source
        unique = _unique(m, top)
        declarator = top.parent
        if declarator is not None and declarator.type == "variable_declarator" and not unique:
            is_member = declarator.parent is not None and declarator.parent.parent is not None and \
                declarator.parent.parent.type == "field_declaration"
            name_node = declarator.child_by_field_name("name")
            name = m.text(name_node)
            if (bare or is_member) and name not in roots:
                roots[name] = bare
                scope = m.class_of(declarator) if is_member else m.function_of(declarator)
                scope = scope or m.parsed.root
                sources.extend(n for n in m.parsed.nodes("identifier") if scope.start_byte <= n.start_byte and
                               n.end_byte <= scope.end_byte and m.text(n) == name and n != name_node)
            if bare or is_member:
                continue
        if bare or _quiet_context(m, top) or semantic.text_use(m.parsed, top, frozenset(SCOPES)):
            continue
        fn = m.request_function(top)
        if fn is None or (fn.id, m.text(top)) in seen:
            continue
        seen.add((fn.id, m.text(top)))
        shown = m.text(top) if len(m.text(top)) <= 80 else m.text(top)[:77] + "..."
        if not unique:
            hits.append(_hit(m, LMI101, top, f"`{shown}` names the same file for every invocation running at once "
                             "in this process: concurrent invocations overwrite each other's file. Put "
                             "context.AwsRequestId in the name and delete the file in a finally block."))
        elif not any(m.text(c.child_by_field_name("function")).rsplit(".", 1)[-1] in CLEANUP_CALLS
                     for fid in m.reachable for c in m.calls.get(fid, [])):
            hits.append(_hit(m, LMI101, top, f"`{shown}` is unique per request but never deleted: the execution "
                             "environment lives for hours and serves many invocations, so /tmp fills up. Delete "
                             "the file in a finally block.", severity="info"))
    return hits


# LMI102, LMI103 ------------------------------------------------------------------------------------------------
def _disposed(m: CsModule, node: Node) -> bool:
    declarator = node.parent
    if declarator is None or declarator.type != "variable_declarator":
        return False
    statement = declarator.parent.parent if declarator.parent is not None else None
    if statement is not None and (statement.type == "using_statement" or any(
            c.type == "using" for c in statement.children)):
        return True
    name = m.text(declarator.child_by_field_name("name"))
    fn = m.function_of(node)
    return fn is not None and re.search(rf"\b{re.escape(name)}\s*\.\s*(Dispose|DisposeAsync|Close)\s*\(",
                                        m.text(fn)) is not None


def _assigned_member(m: CsModule, node: Node) -> Member | None:
    parent = node.parent
    if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
        return m.member_ref(parent.child_by_field_name("left"))
    return None


def _per_request_credentials(m: CsModule, node: Node) -> bool:
    """``new AmazonS3Client(tenantCredentials, region)`` with credentials made in the function (from an
    AssumeRole for the tenant the request names): per request by design."""
    args = node.child_by_field_name("arguments")
    if args is None:
        return False
    if re.search(r"Credentials|SessionToken|AccessKey", m.text(args)):
        names = {m.text(n) for n in walk(args) if n.type == "identifier"}
        fn = m.function_of(node)
        return m.is_tainted(args) or (fn is not None and bool(names & m.locals.get(fn.id, set()))) or \
            "new " in m.text(args)
    fn = m.function_of(node)
    first = next((a.named_children[-1] for a in args.named_children if a.type == "argument" and a.named_children),
                 None)
    if fn is None or first is None or first.type != "identifier":
        return False
    for declarator in m.parsed.nodes("variable_declarator"):
        if fn.start_byte <= declarator.start_byte < fn.end_byte and \
                m.text(declarator.child_by_field_name("name")) == m.text(first) and \
                re.search(r"Credentials", m.text(declarator)):
            return True
    return False


def _connections_and_clients(m: CsModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes("object_creation_expression", "invocation_expression"):
        if m.request_function(node) is None:
            continue
        member = _assigned_member(m, node)
        if member is not None and _lazy_init(m, node.parent, member.name):
            continue
        where = m.context_name(node)
        if node.type == "object_creation_expression":
            type_name = m.text(node.child_by_field_name("type")).rsplit(".", 1)[-1]
            if _CLIENT.match(type_name) and _per_request_credentials(m, node):
                continue   # a client for this request's tenant or role: it must be built per request
            if _CLIENT.match(type_name):
                hits.append(_hit(m, LMI103, node, f"`{type_name}` is created on every invocation of `{where}`: SDK "
                                 "clients are thread-safe, so keep one in a static readonly field.",
                                 hoist_client(m, node, type_name)))
                continue
            label = DB_CONNECTIONS.get(type_name)
        else:
            function = node.child_by_field_name("function")
            label = DB_CALLS.get((m.text(function.child_by_field_name("expression")),
                                  m.text(function.child_by_field_name("name")))) \
                if function is not None and function.type == "member_access_expression" else None
        if label is None:
            continue
        opened = f"`{m.text(node).split('(')[0]}(...)` in `{where}` opens a {label} connection on every invocation"
        if node.type == "object_creation_expression" and label != "MongoDB" and _disposed(m, node):
            message = (f"{opened}: ADO.NET pools connections per process, so size Max Pool Size for the "
                       "invocations running at once and hold the connection only as long as needed.")
        elif node.type == "object_creation_expression" and label != "MongoDB":
            message = (f"{opened} and never disposes it, so each invocation holds a pooled connection until the "
                       "pool is exhausted: dispose it (using), or share one data source.")
        else:
            message = f"{opened}: create it once in a static readonly field and share it."
        hits.append(_hit(m, LMI102, node, message))
    return hits


# LMI104 ---------------------------------------------------------------------------------------------------------
def _logs(m: CsModule) -> list[Hit]:
    if not m.handlers and not m.extract:
        return []   # logging hygiene is judged in handler classes, not in every class a handler may call
    powertools_ready = "[Logging" in m.parsed.text
    per_function: dict[tuple[int, str], list[Node]] = {}
    for call in m.parsed.nodes("invocation_expression"):
        function = call.child_by_field_name("function")
        fn = m.request_function(call)
        if function is None or fn is None or function.type != "member_access_expression" or \
                _REQUEST_ID.search(m.text(call.child_by_field_name("arguments"))):
            continue
        target, name = m.text(function.child_by_field_name("expression")), m.text(function.child_by_field_name("name"))
        # Console.* is not a finding: under LMI the .NET runtime's Console writer adds the request id to each line
        # (per-invocation storage) -- lmi-facts.md, "Checked against AWS's own pages on 2026-12-07".
        if target == "Logger" and name in POWERTOOLS_LOG and not powertools_ready and \
                "AWS.Lambda.Powertools.Logging" in m.parsed.text:
            per_function.setdefault((fn.id, "Logger"), []).append(call)
    hits = []
    for calls in per_function.values():
        where = m.context_name(calls[0])
        lines = f"{len(calls)} log lines in `{where}` are" if len(calls) > 1 else f"A log line in `{where}` is"
        why = "written by Powertools Logger on a handler without [Logging], so it lacks the Lambda context"
        hits.append(_hit(m, LMI104, calls[0], f"{lines} {why}: concurrent invocations' lines cannot be told apart. "
                         "Log with context.Logger, or add context.AwsRequestId.", need={"handler_file": True}))
    return hits


# LMI201, LMI202 ------------------------------------------------------------------------------------------------
def _shared_members(m: CsModule) -> list[Hit]:
    hits: list[Hit] = []
    reported: set[tuple[str, int, str]] = set()
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
        if _locked(write) or _lazy_init(m, write, member.name) or semantic.one_way_flag(
                m.parsed, value, member.name, m.parsed.nodes("assignment_expression")):
            continue
        where = m.context_name(write)
        kind = ("static " if member.static else "") + ("property" if member.is_property else "field")
        if not member.static:
            kind += " of the handler object (shared by every invocation)"
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
            hits.append(_hit(m, rule, write, message, need=_member_need(m, member)))
    return hits


# LMI203 ---------------------------------------------------------------------------------------------------------
def _environment(m: CsModule) -> list[Hit]:
    hits = []
    for call in m.parsed.nodes("invocation_expression"):
        if m.text(call.child_by_field_name("function")).replace(" ", "") not in (
                "Environment.SetEnvironmentVariable", "System.Environment.SetEnvironmentVariable"):
            continue
        if m.request_function(call) is None:
            continue
        args = call.child_by_field_name("arguments").named_children
        name = m.text(args[0]).strip('"') if args else "?"
        hits.append(_hit(m, LMI203, call, f"`{m.context_name(call)}` sets the environment variable `{name}` during "
                         "a request: the environment belongs to the whole process, so concurrent invocations read "
                         "each other's value. Pass it as a parameter."))
    return hits


# LMI204 ---------------------------------------------------------------------------------------------------------
def member_class(m: CsModule, member: Member) -> str:
    value = member.value
    if value is not None and value.type == "object_creation_expression":
        return m.text(value.child_by_field_name("type")).split("<")[0].rsplit(".", 1)[-1].strip()
    if value is not None and m.text(value).replace(" ", "") == "Random.Shared":
        return "Random.Shared"
    return m.text(member.type_node).split("<")[0].rsplit(".", 1)[-1].strip()


def _unsafe_objects(m: CsModule) -> list[Hit]:
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
        member = m.member_ref(obj)
        if member is None or not m.shared(member) or f"{member.owner.id}.{member.name}" in reported:
            continue
        if m.request_function(use) is None or _locked(use):
            continue
        cls, where = member_class(m, member), m.context_name(use)
        holder = "static" if member.static else "handler"
        if cls in UNSAFE_COLLECTIONS and (operation in COLLECTION_WRITES or operation == "[]="):
            what = "an indexer write" if operation == "[]=" else operation
            message = (f"`{member.name}` is a {holder} {cls} shared by concurrent invocations, and `{where}` changes "
                       f"it ({what}) without a lock: concurrent writes corrupt it. Use a "
                       "System.Collections.Concurrent type.")
            fix = to_concurrent_dictionary(m, member) if cls == "Dictionary" else None
        elif cls == "Random" and operation in RANDOM_CALLS:
            message = (f"`{member.name}` is a {holder} System.Random shared by concurrent invocations, and `{where}` "
                       f"calls {operation} on it: Random is not thread-safe and returns zeros once corrupted. Use "
                       "Random.Shared.")
            fix = to_shared_random(m, member)
        else:
            continue
        reported.add(f"{member.owner.id}.{member.name}")
        hits.append(_hit(m, LMI204, member.declarator, message, fix, context=where, at=use,
                         need=_member_need(m, member)))
    return hits
