"""The Java front-end of the readiness rules: the tree-sitter adapter of the shared model
(``frontend``). It builds a file's ``JavaModule`` and describes the file for the project model; the rules'
checks over that model are the modules of ``workbench.readiness.checks``.

On Lambda Managed Instances one handler instance is called by many OS threads at once: static fields, and the
fields of the handler object itself, are shared by every invocation in flight. The analyzer finds the handler
methods (named by the templates in ``ScanContext.handlers``, else ``handleRequest`` of a ``RequestHandler`` /
``RequestStreamHandler``, or a method taking a Lambda ``Context``), follows the methods of the file they call,
and judges that request path; constructors, static initialisers and field initialisers run once and are fine.
A file without handlers treats all its methods as possibly on the request path, and its static fields as shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.readiness import semantic
from workbench.readiness.frontend import (
    file_facts,
    run_checks,
    ClassFileModel,
    TreeSitterAnalyzer,
    add_candidates,
    by_enclosing,
    handler_names,
    reachable_from,
    spread_taint,
)
from workbench.readiness.model import Language, ScanContext, SourceFile
from workbench.readiness.treesitter import (
    Nesting,
    Node,
    ancestors,
    parse_source,
    walk,
)

RUNTIME = "java"
METHODS = frozenset({"method_declaration", "lambda_expression"})
SCOPES = frozenset({"method_declaration", "constructor_declaration", "lambda_expression", "static_initializer",
                    "compact_constructor_declaration"})
CLASSES = frozenset({"class_declaration", "record_declaration", "enum_declaration"})
LOG_METHODS = frozenset({"println", "print", "printf", "format", "log", "info", "debug", "warn", "error", "trace",
                         "fine", "severe", "warning", "write"})
LAMBDA_CONTEXT = "com.amazonaws.services.lambda.runtime.Context"


def modifiers(node: Node) -> set[str]:
    found = next((c for c in node.children if c.type == "modifiers"), None)
    return {c.type for c in found.children} if found is not None else set()


@dataclass
class FieldInfo:
    name: str
    owner: Node                 # the class
    mods: set[str]
    declaration: Node           # field_declaration
    declarator: Node
    type_node: Node | None
    value: Node | None

    @property
    def static(self) -> bool:
        return "static" in self.mods

    @property
    def final(self) -> bool:
        return "final" in self.mods


@dataclass
class JavaModule(ClassFileModel[FieldInfo]):
    RUNTIME = "java"

    scope_nesting: Nesting = field(default_factory=lambda: Nesting(()))
    method_nesting: Nesting = field(default_factory=lambda: Nesting(()))
    class_nesting: Nesting = field(default_factory=lambda: Nesting(()))
    context_params: set[str] = field(default_factory=set)      # names of Lambda Context parameters

    def context_constant(self, node: Node) -> bool:
        """``context.getFunctionName()`` on a Lambda Context parameter: the same for every invocation."""
        parent = node.parent
        return self.text(node) in self.context_params and parent is not None and \
            parent.type == "method_invocation" and parent.child_by_field_name("object") == node and \
            semantic.context_constant_member(self.text(parent.child_by_field_name("name")))

    def scopes_around(self, node: Node) -> list[Node]:
        return self.scope_nesting.around(node)

    def function_of(self, node: Node) -> Node | None:
        return self.method_nesting.innermost(node)

    def taint_scopes(self, node: Node) -> list[Node]:
        method = self.function_of(node)
        return [method] if method is not None else []

    def context_name(self, node: Node) -> str:
        method = self.function_of(node)
        if method is not None and method.child_by_field_name("name") is not None:
            return self.text(method.child_by_field_name("name"))
        cls = self.class_of(node)
        return self.text(cls.child_by_field_name("name")) if cls is not None else ""

    def class_of(self, node: Node) -> Node | None:
        return self.class_nesting.innermost(node)

    def member_access(self, node: Node) -> tuple[str, Node | None, bool] | None:
        if node.type != "field_access":
            return None
        obj = node.child_by_field_name("object")
        return self.text(node.child_by_field_name("field")), obj, obj is not None and obj.type == "this"



def _declared_names(m: JavaModule, node: Node) -> list[str]:
    name = node.child_by_field_name("name")
    if name is not None:
        return [m.text(name)]
    declarator = next((c for c in node.named_children if c.type == "variable_declarator"), None)
    return [m.text(declarator.child_by_field_name("name"))] if declarator is not None else []


INDEXED = (*SCOPES, *CLASSES, "field_declaration", "local_variable_declaration", "formal_parameter",
           "spread_parameter", "catch_formal_parameter", "resource", "enhanced_for_statement", "method_invocation",
           "object_creation_expression", "assignment_expression", "update_expression", "string_literal",
           "variable_declarator", "type_identifier", "method_reference", "if_statement")
METHOD_LIKE = ("method_declaration", "constructor_declaration", "static_initializer")
# what ``describe`` reads of a file no check runs over (its methods and classes, the objects it builds and the
# methods it registers as callbacks)
DECLARED = (*METHOD_LIKE, *CLASSES, "object_creation_expression", "method_reference")


def build_module(source: SourceFile, ctx: ScanContext, extract: bool = False, checked: bool = True) -> JavaModule:
    """The file's model; without ``checked`` (no rule check runs over it: a test file described for the project
    model) only its declarations and handlers, not the locals, calls and request data the checks ask about."""
    parsed = parse_source(source)
    if not checked:
        parsed.nodes(*DECLARED)   # (a query's cost is mostly its walk of the tree: one for all the kinds)
        m = JavaModule(parsed=parsed, source=source, extract=extract, method_nesting=Nesting(
            parsed.nodes(*METHOD_LIKE)), class_nesting=Nesting(parsed.nodes(*CLASSES)))
        _add_methods(m)
        _find_handlers(m, ctx)
        return m
    parsed.nodes(*INDEXED)   # one query for every kind of node the rules look at
    m = JavaModule(parsed=parsed, source=source, extract=extract, scope_nesting=Nesting(parsed.nodes(*SCOPES)),
                   method_nesting=Nesting(parsed.nodes(*METHOD_LIKE)), class_nesting=Nesting(parsed.nodes(*CLASSES)))
    _add_methods(m)
    for decl in parsed.nodes("field_declaration"):
        owner = m.class_of(decl)
        if owner is None:
            continue
        mods = modifiers(decl)
        for declarator in decl.named_children:
            if declarator.type == "variable_declarator":
                name = m.text(declarator.child_by_field_name("name"))
                info = FieldInfo(name, owner, mods, decl, declarator, decl.child_by_field_name("type"),
                                 declarator.child_by_field_name("value"))
                m.members.setdefault(name, []).append(info)
                m.member_index.setdefault((owner.id, name), info)
    for node in parsed.nodes("local_variable_declaration"):
        for declarator in node.named_children:
            if declarator.type == "variable_declarator":
                _add_local(m, node, m.text(declarator.child_by_field_name("name")))
    for node in parsed.nodes("formal_parameter", "spread_parameter", "catch_formal_parameter", "resource",
                             "enhanced_for_statement"):
        for name in _declared_names(m, node):
            _add_local(m, node, name)
            if node.type == "formal_parameter" and \
                    m.text(node.child_by_field_name("type")) in ("Context", LAMBDA_CONTEXT):
                m.context_params.add(name)
    for lam in parsed.nodes("lambda_expression"):
        params = lam.child_by_field_name("parameters")
        if params is not None and params.type == "identifier":
            m.locals.setdefault(lam.id, set()).add(m.text(params))
        elif params is not None:
            for p in params.named_children:
                m.locals.setdefault(lam.id, set()).update([m.text(p)] if p.type == "identifier" else [])
    _find_handlers(m, ctx)
    _follow_calls(m)
    _taint(m)
    return m


def _add_methods(m: JavaModule) -> None:
    for method in m.parsed.nodes("method_declaration"):
        m.functions.setdefault(m.text(method.child_by_field_name("name")), []).append(method)


def _add_local(m: JavaModule, node: Node, name: str) -> None:
    scope = next(iter(m.scopes_around(node)), None)
    if scope is not None:
        m.locals.setdefault(scope.id, set()).add(name)


def _params(method: Node) -> list[Node]:
    params = method.child_by_field_name("parameters")
    return [p for p in params.named_children if p.type in ("formal_parameter", "spread_parameter")] \
        if params is not None else []


def _find_handlers(m: JavaModule, ctx: ScanContext) -> None:
    named = handler_names(ctx, m.source.rel)
    if named:
        m.handlers = [meth for name in sorted(named) for meth in m.functions.get(name, [])]
    if not m.handlers:
        lambda_context = "com.amazonaws.services.lambda.runtime" in m.parsed.text
        for cls in m.parsed.nodes("class_declaration"):
            interfaces = m.text(cls.child_by_field_name("interfaces"))
            implements = re.search(r"\bRequest(?:Stream)?Handler\b", interfaces) is not None
            # a framework's handler base class (Micronaut's MicronautRequestHandler calls execute(input))
            framework = re.search(r"\b\w+Request(?:Stream)?Handler\b", m.text(cls.child_by_field_name("superclass")))
            body = cls.child_by_field_name("body")
            for method in body.named_children if body is not None else []:
                if method.type != "method_declaration":
                    continue
                # Lambda calls (input, Context) or (InputStream, OutputStream, Context): the context comes last,
                # after the input ("Define Lambda function handler in Java"); a library method taking a Context
                # first (captureColdStartMetric(Context, ...)) is not a handler
                found = _params(method)
                takes_context = lambda_context and len(found) >= 2 and "public" in modifiers(method) and \
                    m.text(found[-1].child_by_field_name("type")) in ("Context", LAMBDA_CONTEXT)
                name = m.text(method.child_by_field_name("name"))
                if (implements and name == "handleRequest") or takes_context or \
                        (framework and name in ("execute", "handleRequest") and "public" in modifiers(method)):
                    m.handlers.append(method)
        for method in m.parsed.nodes("method_declaration"):
            # Spring Cloud Function: a @Bean returning a java.util.function type is the function Lambda runs
            if "Bean" in annotation_names(method, m) and _FUNCTION_BEAN.match(m.text(method.child_by_field_name("type"))):
                m.handlers.append(method)
    m.mark_handler_classes()


def _follow_calls(m: JavaModule) -> None:
    m.calls = by_enclosing(m.parsed.nodes("method_invocation"), m.function_of)
    roots = list(m.handlers)
    if m.extract:
        roots = list(m.parsed.nodes("method_declaration", "constructor_declaration"))
    elif not roots:
        roots = [meth for meth in m.parsed.nodes("method_declaration")
                 if not ("static" in modifiers(meth) and m.text(meth.child_by_field_name("name")) == "main")]

    def called(method: Node) -> list[Node]:   # unqualified and this. calls: the methods of the same class
        return [target for call in m.calls.get(method.id, [])
                if (obj := call.child_by_field_name("object")) is None or obj.type == "this"
                for target in m.callees(call, m.text(call.child_by_field_name("name")))]

    m.reachable = reachable_from(roots, called)


def _taint(m: JavaModule) -> None:
    for method in m.handlers:
        m.tainted[method.id] = {n for p in _params(method) for n in _declared_names(m, p)}
    if not m.handlers:
        return
    declarators = [d for d in m.parsed.nodes("variable_declarator") if d.parent is not None
                   and d.parent.type == "local_variable_declaration"]
    loops = m.parsed.nodes("enhanced_for_statement")

    def loop_variables() -> bool:   # for (SQSMessage message : event.getRecords()): each element is request data
        changed = False
        for loop in loops:
            method = m.function_of(loop)
            if method is not None and m.is_tainted(loop.child_by_field_name("value")):
                changed |= m.add_tainted(method, [m.text(loop.child_by_field_name("name"))])
        return changed

    def variables() -> bool:
        changed = False
        for declarator in declarators:
            method = m.function_of(declarator)
            if method is not None and m.is_tainted(declarator.child_by_field_name("value")):
                changed |= m.add_tainted(method, [m.text(declarator.child_by_field_name("name"))])
        return changed

    def arguments() -> bool:
        changed = False
        for method_id, calls in m.calls.items():
            if method_id not in m.reachable:
                continue
            for call in calls:
                obj = call.child_by_field_name("object")
                if obj is not None and obj.type != "this":
                    continue
                args = call.child_by_field_name("arguments")
                for target in m.callees(call, m.text(call.child_by_field_name("name"))):
                    for param, arg in zip(_params(target), args.named_children if args is not None else []):
                        if m.is_tainted(arg):
                            changed |= m.add_tainted(target, _declared_names(m, param))
        return changed

    spread_taint((loop_variables, variables, arguments))


# --- the analyzer (its checks are the modules of workbench/readiness/checks) ----------------------------------
class JavaAnalyzer(TreeSitterAnalyzer):
    """LMI101-104 and LMI201-204 for Java, and LMI501 for CDK apps written in Java.

    ``extract`` describes a file for the project model (``semantic``): its methods, their calls and every
    candidate hit; ``resolve`` keeps the candidates on methods reached from a handler anywhere in the project.
    ``analyze`` does both for one file on its own (without a handler in it, every method that is not test,
    run-once or program code counts as reachable)."""

    languages = frozenset({Language.JAVA})
    runtime = RUNTIME

    def describe(self, source: SourceFile) -> semantic.FileFacts:
        return describe(source)


_TEST_ANNOTATIONS = frozenset({"Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate",
                               "BeforeAll", "BeforeEach", "AfterAll", "AfterEach", "Before", "After", "BeforeClass",
                               "AfterClass", "BeforeMethod", "AfterMethod", "DataProvider"})
_TEST_CLASS_ANNOTATIONS = frozenset({"SpringBootTest", "ExtendWith", "RunWith", "TestInstance", "QuarkusTest",
                                     "MicronautTest", "WebMvcTest", "DataJpaTest", "TestConfiguration"})
_ONCE_ANNOTATIONS = frozenset({"Bean", "PostConstruct", "Produces", "Startup", "Provides", "Factory",
                               "EventListener", "Observes"})
_ADVICE_ANNOTATIONS = frozenset({"Around", "Before", "After", "AfterReturning", "AfterThrowing"})
_ONCE_CLASS_ANNOTATIONS = frozenset({"Configuration", "SpringBootApplication", "EnableAutoConfiguration",
                                     "ConfigurationProperties"})


_FUNCTION_BEAN = re.compile(r"^(java\.util\.function\.)?(Bi)?(Function|Consumer|Supplier)\b")
_BUILDER_CHAIN = re.compile(r"\b(builder|newBuilder|toBuilder)\s*\(")


_FUNCTION_METHOD = {"Function": "apply", "BiFunction": "apply", "Consumer": "accept", "BiConsumer": "accept",
                    "Supplier": "get"}


def _bean_function_method(m: JavaModule, bean: Node, creation: Node) -> str | None:
    """The method Spring Cloud Function calls per request on an object a function ``@Bean`` builds outside a lambda
    (``apply`` of a ``Function``), or None when ``bean`` is not such a bean or the object is built inside a lambda
    (which runs per request)."""
    if bean.type != "method_declaration" or "Bean" not in annotation_names(bean, m):
        return None
    match = _FUNCTION_BEAN.match(m.text(bean.child_by_field_name("type")))
    if match is None:
        return None
    for anc in ancestors(creation):
        if anc.id == bean.id:
            break
        if anc.type in ("lambda_expression", "class_body"):
            return None
    return _FUNCTION_METHOD.get((match.group(2) or "") + match.group(3))


def annotation_names(node: Node, m: JavaModule) -> set[str]:
    found = next((c for c in node.children if c.type == "modifiers"), None)
    names = set()
    for c in found.children if found is not None else []:
        if c.type in ("marker_annotation", "annotation"):
            names.add(m.text(c.child_by_field_name("name")).rsplit(".", 1)[-1])
    return names


_SPACES = re.compile(r"\s+")   # (compiled once: a type name is cleaned for every declaration)


def _simple_type(text: str) -> str:
    """The class a type names, as written (``WriteBatch.Builder<X>`` -> ``WriteBatch.Builder``)."""
    return _SPACES.sub("", text.split("<")[0]).rstrip("[]")


def _qualified_class(m: JavaModule, cls: Node | None) -> str:
    names = []
    for outer in [cls, *m.class_nesting.around(cls)] if cls is not None else []:
        names.append(m.text(outer.child_by_field_name("name")))
    return ".".join(reversed(names))


def describe(source: SourceFile) -> semantic.FileFacts:
    """The file in the project model's terms: methods with roles and calls, candidate hits."""
    cls: Node | None   # the class around each method and call below
    facts = file_facts(source, RUNTIME)
    # a test (or generated) file: semantic.resolve neither keeps its candidates nor follows its functions' calls
    # (see run_checks), so no check runs over it and its calls and the class names it mentions are not worked
    # out; what it declares (methods, bases, callbacks, holds) still is
    calls_followed = not facts.role
    m = build_module(source, ScanContext(root=source.path.parent), extract=True, checked=calls_followed)
    hits = run_checks(m) if calls_followed else []
    text = m.text
    types: dict[str, str] = {}   # variable, parameter or field name -> its declared class
    for node in m.parsed.nodes("local_variable_declaration", "field_declaration", "formal_parameter") \
            if calls_followed else ():
        kind = _simple_type(text(node.child_by_field_name("type")))
        if node.type == "formal_parameter":
            types[text(node.child_by_field_name("name"))] = kind
        else:
            for d in node.named_children:
                if d.type == "variable_declarator":
                    value = d.child_by_field_name("value")
                    declared = kind if kind != "var" or value is None or value.type != \
                        "object_creation_expression" else _simple_type(text(value.child_by_field_name("type")))
                    types[text(d.child_by_field_name("name"))] = declared
    if calls_followed:
        facts.types = [text(n) for n in m.parsed.nodes("type_identifier")] + \
            [text(c.child_by_field_name("name")) for c in m.parsed.nodes(*CLASSES)]
    for node in m.parsed.root.named_children:
        if node.type == "package_declaration":
            facts.package = _SPACES.sub("", text(node).removeprefix("package").rstrip(";"))
        elif node.type == "import_declaration":
            facts.imports.append(_SPACES.sub("", text(node).removeprefix("import").rstrip(";")
                                        .replace("static ", "")))
    for cls in m.parsed.nodes(*CLASSES):
        supers = [cls.child_by_field_name("superclass"), cls.child_by_field_name("interfaces")]
        names = [text(t) for part in supers if part is not None for t in walk(part) if t.type == "type_identifier"
                 and (t.parent is None or t.parent.type != "type_arguments")]
        if names:
            facts.bases[text(cls.child_by_field_name("name"))] = names
    handlers = {meth.id for meth in m.handlers}
    # a @Configuration / @SpringBootApplication class runs its methods once, at start-up, unless it also holds the
    # function beans Lambda invokes: then the methods those call run per request (the walk decides which are reached)
    serving = {cls.id for meth in m.handlers if (cls := m.class_of(meth)) is not None}
    methods = m.parsed.nodes("method_declaration", "constructor_declaration")
    nesting = Nesting(methods)
    for meth in methods:
        cls = m.class_of(meth)
        cls_name = text(cls.child_by_field_name("name")) if cls is not None else ""
        cls_notes = annotation_names(cls, m) if cls is not None else set()
        notes = annotation_names(meth, m)
        mods = modifiers(meth)
        name = text(meth.child_by_field_name("name")) if meth.type == "method_declaration" else cls_name
        fn_role = ""
        if notes & _TEST_ANNOTATIONS or cls_notes & _TEST_CLASS_ANNOTATIONS:
            fn_role = semantic.TEST
        elif "static" in mods and name == "main" and meth.type == "method_declaration":
            fn_role = semantic.PROGRAM
        elif meth.id in handlers:
            fn_role = ""   # a function bean of a @Configuration class is what Lambda runs
        elif notes & _ONCE_ANNOTATIONS or (cls_notes & _ONCE_CLASS_ANNOTATIONS and
                                           (cls is None or cls.id not in serving)):
            fn_role = semantic.ONCE
        entry = facts.function(semantic.fn_key(source.rel, meth), name, cls_name, fn_role, meth.id in handlers,
                               params=len(_params(meth)), ctor=meth.type == "constructor_declaration",
                               qualified=_qualified_class(m, cls))
        # an AspectJ advice (Powertools' @Logging, @Tracing, @Metrics) runs around every call of the handler
        # methods it is woven into: no call in the source leads to it
        entry["rt"] = bool(notes & _ADVICE_ANNOTATIONS)
        outer = nesting.innermost(meth)
        if outer is not None:   # a method of an anonymous class runs when the method around it does
            facts.function(semantic.fn_key(source.rel, outer), "")["calls"].append(
                ["k", semantic.fn_key(source.rel, meth)])
        del entry
    for call in m.parsed.nodes("method_invocation", "object_creation_expression", "method_reference") \
            if calls_followed else m.parsed.nodes("object_creation_expression", "method_reference"):
        owner = nesting.innermost(call)
        if call.type == "method_reference" and (owner is None or owner.type == "constructor_declaration"):
            parts = call.named_children
            cls = m.class_of(call)
            if len(parts) >= 2 and text(parts[0]) == "this" and cls is not None:
                facts.callbacks.append([text(cls.child_by_field_name("name")), text(parts[-1])])
        if owner is None or not calls_followed and (call.type != "object_creation_expression" or
                                                    owner.id not in handlers):
            continue
        calls = facts.fns[semantic.fn_key(source.rel, owner)]["calls"]
        if call.type == "object_creation_expression":
            built = _simple_type(text(call.child_by_field_name("type")))
            method = _bean_function_method(m, owner, call) if owner.id in handlers else None
            # `@Bean Function<..> f() { return new UserHandler(..); }` builds the function object once, at start-up:
            # what runs per request is its apply (accept, get), not its constructor
            calls.append(["m", method, built] if method else ["new", built])
            bean_cls = m.class_of(owner) if method else None
            if bean_cls is not None:   # one object (a singleton bean) for every request: its fields are shared
                facts.holds.setdefault(text(bean_cls.child_by_field_name("name")), []).append(built)
            continue
        if call.type == "method_reference":
            parts = [c for c in call.named_children]
            if len(parts) >= 2:
                head, name = text(parts[0]), text(parts[-1])
                if head == "this":
                    calls.extend(["k", semantic.fn_key(source.rel, t)] for t in m.functions.get(name, [])
                                 if m.class_of(t) == m.class_of(call))
                else:
                    calls.append(["m", name, types.get(head, head if head[:1].isupper() else "")])
            continue
        obj = call.child_by_field_name("object")
        name = text(call.child_by_field_name("name"))
        if obj is None or obj.type in ("this", "super"):
            calls.extend(["k", semantic.fn_key(source.rel, t)] for t in m.callees(call, name))
            cls = m.class_of(call)
            if cls is not None:
                calls.append(["v", name, text(cls.child_by_field_name("name"))])
            continue
        if obj.type == "field_access" and text(obj.child_by_field_name("object")) == "this":
            hint = types.get(text(obj.child_by_field_name("field")), "")
        elif obj.type == "identifier":
            hint = types.get(text(obj), text(obj) if text(obj)[:1].isupper() else "")
        elif obj.type == "method_invocation" and _BUILDER_CHAIN.search(text(obj)):
            continue   # GetParameterRequest.builder().name(key).build(): the SDK's builder, not a project class
        else:
            hint = ""
        calls.append(["m", name, hint])
    add_candidates(facts, m, hits, SCOPES | CLASSES)
    return facts


ANALYZER = JavaAnalyzer()


def in_synchronized(m: JavaModule, node: Node) -> bool:
    for anc in ancestors(node):
        if anc.type == "synchronized_statement":
            return True
        if anc.type == "method_declaration":
            return "synchronized" in modifiers(anc)
    return False


def lazily_set(m: JavaModule, write: Node, info: FieldInfo) -> bool:
    """``if (client == null) client = ...``: set once (a benign race at worst), not per invocation."""
    pattern = re.compile(rf"\b{re.escape(info.name)}\s*==\s*null|null\s*==\s*(this\.)?{re.escape(info.name)}\b")
    for anc in ancestors(write):
        if anc.type in SCOPES:
            return False
        if anc.type in ("if_statement", "ternary_expression") and \
                pattern.search(m.text(anc.child_by_field_name("condition"))):
            return True
    return False


