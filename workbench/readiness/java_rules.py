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
    getters: dict[int, list[str]] = field(default_factory=dict)  # field declarator id -> its ``return f;`` methods

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
            if not implements and not framework and any(m.class_of(h) == cls for h in m.handlers):
                m.handlers += _no_argument_handlers(m, cls)
        for method in m.parsed.nodes("method_declaration"):
            # Spring Cloud Function: a @Bean returning a java.util.function type is the function Lambda runs
            if "Bean" in annotation_names(method, m) and _FUNCTION_BEAN.match(m.text(method.child_by_field_name("type"))):
                m.handlers.append(method)
    m.mark_handler_classes()


_NOT_HANDLER_NAMES = re.compile(r"^(?:get[A-Z]\w*|is[A-Z]\w*|set[A-Z]\w*|toString|hashCode|equals|clone|close|"
                                r"finalize|main|init|initialize|run)$")


def _no_argument_handlers(m: JavaModule, cls: Node) -> list[Node]:
    """The public instance methods taking nothing of a plain class whose other handlers take (event, Context):
    deployed by name (``--handler pkg.Jobs::monitorEMRStep``; corpus_heldout8, aws-big-data-blog LambdaContainer),
    since the Java runtime passes the input and the Context only when the method declares them
    (aws-lambda-java-runtime-interface-client, EventHandlerLoader's PojoMethodRequestHandler: ``if (pType != null)
    args[idx++] = input; if (needsContext) args[idx++] = context;``). Getters, setters, Object's methods and
    methods the class calls itself (helpers) are not."""
    body = cls.child_by_field_name("body")
    called = {m.text(c.child_by_field_name("name")) for c in m.parsed.nodes("method_invocation")
              if (obj := c.child_by_field_name("object")) is None or obj.type == "this"}
    return [method for method in (body.named_children if body is not None else [])
            if method.type == "method_declaration" and not _params(method) and
            {"public"} <= modifiers(method) and "static" not in modifiers(method) and
            "abstract" not in modifiers(method) and method.child_by_field_name("body") is not None and
            not _NOT_HANDLER_NAMES.match(name := m.text(method.child_by_field_name("name"))) and name not in called]


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


_EVENT_TYPE = re.compile(r"^(?:[\w.]+\.)?\w+Event$")


def _request_typed(m: JavaModule, param: Node, lambda_types: bool) -> bool:
    """A parameter whose type makes it one invocation's own data wherever it is declared (LMI202's "a value taken
    from the event or context"): the Lambda ``Context`` (one per invocation, "Using the Lambda context object to
    retrieve Java function information") and the aws-lambda-java-events request types (``SQSEvent``...)."""
    if param.type != "formal_parameter":
        return False
    kind = re.sub(r"<.*>", "", m.text(param.child_by_field_name("type"))).strip()
    return kind == LAMBDA_CONTEXT or (lambda_types and (kind == "Context" or bool(_EVENT_TYPE.match(kind))))


def _taint(m: JavaModule) -> None:
    for method in m.handlers:
        m.tainted[method.id] = {n for p in _params(method) for n in _declared_names(m, p)}
    lambda_types = "com.amazonaws.services.lambda.runtime" in m.parsed.text
    for method in m.parsed.nodes("method_declaration"):   # a helper given the context or the event (any file)
        typed = [n for p in _params(method) if _request_typed(m, p, lambda_types) for n in _declared_names(m, p)]
        if typed:
            m.add_tainted(method, typed)
    if not m.tainted:
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
# A web framework's routes, which aws-serverless-java-container runs per request behind the Lambda handler that proxies
# to it (SpringBootLambdaContainerHandler, JerseyLambdaContainerHandler): Spring MVC mappings of a @(Rest)Controller,
# JAX-RS resource methods of a @Path class.
_SPRING_ROUTES = frozenset({"RequestMapping", "GetMapping", "PostMapping", "PutMapping", "DeleteMapping",
                            "PatchMapping"})
_JAXRS_ROUTES = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
# Spring stereotypes: one instance (singleton scope, the default) serves every request, and so do the beans injected
# into it (@Autowired/@Inject fields, constructor parameters) -- unless the class asks for another scope.
_SPRING_BEANS = frozenset({"Component", "Service", "Repository", "Controller", "RestController"})
_INJECTED = frozenset({"Autowired", "Inject", "Resource"})


def web_route(method_notes: set[str], class_notes: set[str]) -> bool:
    """A method a web framework calls for each request it routes (see _SPRING_ROUTES, _JAXRS_ROUTES)."""
    return bool((method_notes & _SPRING_ROUTES and class_notes & {"RestController", "Controller"}) or
                (method_notes & _JAXRS_ROUTES and "Path" in class_notes | method_notes))


_FUNCTION_BEAN = re.compile(r"^(java\.util\.function\.)?(Bi)?(Function|Consumer|Supplier)\b")
_BUILDER_CHAIN = re.compile(r"\b(builder|newBuilder|toBuilder)\s*\(")
# a class's accessor of its one instance (``Registry.getInstance()``): by convention it returns that class
_SINGLETON_ACCESSOR = re.compile(r"(?:get)?(?:Shared|Default)?(?:Instance|Singleton)|getDefault|instance")


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
    for node in m.parsed.nodes("local_variable_declaration", "field_declaration", "formal_parameter",
                               "enhanced_for_statement") if calls_followed else ():
        kind = _simple_type(text(node.child_by_field_name("type")))
        if node.type in ("formal_parameter", "enhanced_for_statement"):   # for (RetryCondition c : conditions)
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
        if meth.type == "method_declaration" and web_route(notes, cls_notes):
            entry["rt"] = entry["web"] = True   # its file is judged like a handler's, its class is shared
        outer = nesting.innermost(meth)
        if outer is not None:   # a method of an anonymous class runs when the method around it does
            facts.function(semantic.fn_key(source.rel, outer), "")["calls"].append(
                ["k", semantic.fn_key(source.rel, meth)])
        del entry
    for call in m.parsed.nodes("method_invocation", "object_creation_expression", "method_reference") \
            if calls_followed else m.parsed.nodes("object_creation_expression", "method_reference"):
        owner = nesting.innermost(call)
        if call.type == "object_creation_expression" and _built_into_a_field(m, call, owner):
            cls = m.class_of(call)   # one object per object of the class (or per class, static): it lives as long
            if cls is not None:
                facts.holds.setdefault(text(cls.child_by_field_name("name")), []).append(
                    _simple_type(text(call.child_by_field_name("type"))))
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
        elif obj.type == "method_invocation" and _SINGLETON_ACCESSOR.fullmatch(text(obj.child_by_field_name("name"))) \
                and (owner_obj := obj.child_by_field_name("object")) is not None and \
                owner_obj.type == "identifier" and text(owner_obj)[:1].isupper() and text(owner_obj) not in types:
            hint = text(owner_obj)   # Registry.getInstance().register(..): the singleton's own class (heldout6)
        else:
            hint = ""
        arguments = call.child_by_field_name("arguments")
        args = arguments.named_children if arguments is not None else []
        # the number of arguments picks the overload (Utils.getClient(options, secret), not getClient(options));
        # then the positions of the arguments holding request data (a setter storing them makes that LMI202)
        tainted = [i for i, a in enumerate(args) if m.is_tainted(a)]
        calls.append(["m", name, hint, len(args)] + ([tainted] if tainted else []))
    _injected_beans(m, facts)
    add_candidates(facts, m, hits, SCOPES | CLASSES)
    return facts


def _built_into_a_field(m: JavaModule, call: Node, owner: Node | None) -> bool:
    """``private static final Conn conn = new Conn();`` or ``this.conn = new Conn();`` in a constructor: the object
    is built once per object of the class that keeps it (heldout6, neptune's ConnectionConfig), so when that is the
    handler object its fields are shared by every invocation too."""
    parent = call.parent
    if owner is None:
        return parent is not None and parent.type == "variable_declarator" and parent.parent is not None and \
            parent.parent.type == "field_declaration" and parent.child_by_field_name("value") == call
    return owner.type == "constructor_declaration" and parent is not None and \
        parent.type == "assignment_expression" and parent.child_by_field_name("right") == call and \
        m.member_ref(parent.child_by_field_name("left")) is not None


def _injected_beans(m: JavaModule, facts: semantic.FileFacts) -> None:
    """A Spring bean holds (one object for every request) the beans injected into its fields and constructor."""
    text = m.text
    for cls in m.parsed.nodes("class_declaration"):
        notes = annotation_names(cls, m)
        if not notes & _SPRING_BEANS or notes & {"Scope", "RequestScope", "SessionScope", "PrototypeScope"}:
            continue
        held: list[str] = []
        body = cls.child_by_field_name("body")
        for member in body.named_children if body is not None else []:
            if member.type == "field_declaration" and annotation_names(member, m) & _INJECTED:
                held.append(_simple_type(text(member.child_by_field_name("type"))))
            elif member.type == "constructor_declaration":
                held.extend(_simple_type(text(p.child_by_field_name("type"))) for p in _params(member))
        if held:
            facts.holds.setdefault(text(cls.child_by_field_name("name")), []).extend(held)


ANALYZER = JavaAnalyzer()


def in_synchronized(m: JavaModule, node: Node) -> bool:
    for anc in ancestors(node):
        if anc.type == "synchronized_statement":
            return True
        if anc.type == "method_declaration":
            return "synchronized" in modifiers(anc)
    return False


_NULL_TEST = re.compile(r"(?:this\s*\.\s*)?(\w+)\s*==\s*null|null\s*==\s*(?:this\s*\.\s*)?(\w+)")
_SET_TEST = re.compile(r"^\(?\s*(?:(?:this\s*\.\s*)?\w+\s*!=\s*null\s*(?:&&\s*|\)?\s*$))+")
_SET_FIELD = re.compile(r"(?:this\s*\.\s*)?(\w+)\s*!=\s*null")


def _assigns(m: JavaModule, node: Node, names: set[str]) -> bool:
    """``node`` assigns one of the fields ``names`` (``f = ...`` or ``this.f = ...``)."""
    for found in walk(node):
        if found.type == "assignment_expression":
            left = found.child_by_field_name("left")
            target = left.child_by_field_name("field") if left is not None and left.type == "field_access" else left
            if target is not None and m.text(target) in names:
                return True
    return False


def _after_set_guard(m: JavaModule, write: Node, scope: Node) -> bool:
    """``if (a != null && b != null) { return; }`` before ``write`` in ``scope``'s body, which then sets a and b:
    the rest of the method is a one-time initialiser."""
    body = scope.child_by_field_name("body")
    if body is None:
        return False
    for statement in body.named_children:
        if statement.start_byte >= write.start_byte:
            return False
        if statement.type != "if_statement" or statement.child_by_field_name("alternative") is not None:
            continue
        condition = m.text(statement.child_by_field_name("condition")).strip()
        then = m.text(statement.child_by_field_name("consequence"))
        if _SET_TEST.match(condition.strip("()").strip() + " ") and re.fullmatch(r"\{?\s*return\s*;\s*\}?", then):
            guards = set(_SET_FIELD.findall(condition))
            rest = [s for s in body.named_children if s.start_byte > statement.start_byte]
            if all(any(_assigns(m, s, {guard}) for s in rest) for guard in guards):
                return True   # every field the guard tests is set below it (else it never returns early)
    return False


def lazily_set(m: JavaModule, write: Node, info: FieldInfo) -> bool:
    """``if (client == null) client = ...``: set once (a benign race at worst), not per invocation. So are the
    other fields an initialiser behind such a null test sets with its guard (``if (factory == null) { factory =
    ...; builder = ...; }``), and the fields a method sets after ``if (a != null && b != null) return;`` when it
    then sets a and b."""
    read = "|".join([re.escape(info.name)] + [rf"{re.escape(g)}\s*\(\s*\)" for g in _getters(m, info)])
    pattern = re.compile(rf"\b(?:{read})\s*==\s*null|null\s*==\s*(this\.)?(?:{read})")
    for anc in ancestors(write):
        if anc.type in SCOPES:
            return anc.type in ("method_declaration", "constructor_declaration") and (
                _after_set_guard(m, write, anc) or _called_only_when_unset(m, anc, pattern))
        if anc.type in ("if_statement", "ternary_expression"):
            condition = m.text(anc.child_by_field_name("condition"))
            if pattern.search(condition):
                return True
            guards = {a or b for a, b in _NULL_TEST.findall(condition)}
            then = anc.child_by_field_name("consequence")
            if anc.type == "if_statement" and guards and then is not None and _assigns(m, then, guards) and \
                    then.start_byte <= write.start_byte < then.end_byte:
                return True
    return False


def _getters(m: JavaModule, info: FieldInfo) -> list[str]:
    """The methods of the field's class whose whole body is ``return field;`` (``Cluster cluster() { return
    cluster; }``): ``if (cluster() == null)`` tests the field (heldout6, neptune's ConnectionConfig)."""
    known = m.getters.get(info.declarator.id)
    if known is not None:
        return known
    found = m.getters[info.declarator.id] = []
    for name, methods in m.functions.items():
        for method in methods:
            body = method.child_by_field_name("body")
            params = method.child_by_field_name("parameters")
            if body is None or body.end_byte - body.start_byte > 120 or m.class_of(method) != info.owner or \
                    (params is not None and params.named_children):
                continue
            if re.fullmatch(rf"\{{\s*return\s+(?:this\s*\.\s*)?{re.escape(info.name)}\s*;\s*\}}", m.text(body)):
                found.append(name)
    return found


def _called_only_when_unset(m: JavaModule, method: Node, unset: re.Pattern[str]) -> bool:
    """``getInstance() { if (instance == null) { create(); } ... }`` with ``create() { instance = new ...; }``:
    the helper runs only when the field is unset, every call of it in the file being behind that null test."""
    if method.type != "method_declaration":
        return False
    name = m.text(method.child_by_field_name("name"))
    cls = m.class_of(method)
    cls_name = m.text(cls.child_by_field_name("name")) if cls is not None else ""
    calls = [c for c in m.parsed.nodes("method_invocation") if m.text(c.child_by_field_name("name")) == name and
             ((obj := c.child_by_field_name("object")) is None or obj.type == "this" or m.text(obj) == cls_name)]
    if not calls:
        return False
    for call in calls:
        guarded = False
        for anc in ancestors(call):
            if anc.type in SCOPES:
                break
            then = anc.child_by_field_name("consequence") if anc.type == "if_statement" else None
            if then is not None and then.start_byte <= call.start_byte < then.end_byte and \
                    unset.search(m.text(anc.child_by_field_name("condition"))):
                guarded = True
                break
        if not guarded:
            return False
    return True


_LITERALS = frozenset({"string_literal", "text_block", "character_literal", "decimal_integer_literal",
                       "hex_integer_literal", "octal_integer_literal", "binary_integer_literal",
                       "decimal_floating_point_literal", "hex_floating_point_literal", "true", "false",
                       "null_literal", "class_literal", "this"})


def fixed_value(m: JavaModule, expr: Node | None) -> bool:
    """Whether ``expr`` has the same value for every request: built only from literals, final fields (constants),
    names written like constants or classes (``TEMP_DIR``, ``File.separator``), the environment and classpath
    (``System.getenv(..)``, ``getClass().getResource(..)``) and calls and objects made from those; never from a
    method parameter (the request reaches helpers through them), a non-final field (another request may have
    written it) or a method of this class that reads one. Locals are followed to what they are given.
    ``System.setProperty("javax.net.ssl.trustStoreType", "JKS")`` on a first request sets what every request
    would set (heldout11: athena-federation's connection factories, keyspaces-examples' sessions)."""
    return expr is not None and _fixed(m, expr, m.function_of(expr), set())


_TYPE_NAME = re.compile(r"(?:[a-z_]\w*\.)*[A-Z]\w*")   # a class, maybe package-qualified: java.io.File


_PER_CALL = frozenset({"randomUUID", "now", "currentTimeMillis", "nanoTime", "random", "nextInt", "nextLong",
                       "nextDouble", "nextBytes", "createTempFile", "createTempDirectory", "newInstance"})


def _constant_name(text: str) -> bool:
    return text[:1].isupper()   # CONSTANT or Class: Java naming; a local or field is looked up before this


def _fixed(m: JavaModule, node: Node, method: Node | None, seen: set[int]) -> bool:
    kind = node.type
    if kind in _LITERALS:
        return True
    if kind == "identifier":
        return _fixed_name(m, node, method, seen)
    if kind in ("lambda_expression", "method_reference", "update_expression", "assignment_expression"):
        return False
    if kind == "object_creation_expression" and \
            m.text(node.child_by_field_name("type")).rsplit(".", 1)[-1] in ("Date", "Random", "SecureRandom"):
        return False   # the time or a random number: a new value every time
    if kind == "field_access":
        info = m.member_ref(node)
        if info is not None:
            return info.final
        obj = node.child_by_field_name("object")
        if obj is not None and _TYPE_NAME.fullmatch(m.text(obj).replace(" ", "")):
            return obj.type != "identifier" or not _local_or_param(m, obj, method)   # File.separator, Type.CONSTANT
        return obj is not None and _fixed(m, obj, method, seen)
    if kind == "method_invocation":
        if m.text(node.child_by_field_name("name")) in _PER_CALL:
            return False   # a new value on every call (UUID.randomUUID(), Instant.now(), File.createTempFile(..))
        obj = node.child_by_field_name("object")
        arguments = node.child_by_field_name("arguments")
        if arguments is not None and not all(_fixed(m, a, method, seen) for a in arguments.named_children):
            return False
        if obj is None:   # a method of this class: it must not read a field another request may write
            name = m.text(node.child_by_field_name("name"))
            return all(_reads_no_mutable_field(m, fn) for fn in m.callees(node, name))
        if obj.type == "identifier" and _constant_name(m.text(obj)) and not _local_or_param(m, obj, method):
            return True   # System.getenv(..), Paths.get(..), Util.copyFiles(..) with fixed arguments
        return _fixed(m, obj, method, seen)
    return all(_fixed(m, child, method, seen) for child in node.named_children)


def _local_or_param(m: JavaModule, node: Node, method: Node | None) -> bool:
    name = m.text(node)
    return method is not None and any(name in m.locals.get(s.id, ()) for s in m.scopes_around(node))


def _fixed_name(m: JavaModule, node: Node, method: Node | None, seen: set[int]) -> bool:
    name = m.text(node)
    if method is not None and _local_or_param(m, node, method):
        if any(name in _declared_names(m, p) for p in _params(method)):
            return False   # what the caller passes (the request, for a helper the handler calls)
        values: list[Node | None] = []
        for n in walk(method):
            if n.type == "variable_declarator" and m.text(n.child_by_field_name("name")) == name:
                if n.parent is None or n.parent.type != "local_variable_declaration":
                    return False
                values.append(n.child_by_field_name("value"))
            elif n.type == "assignment_expression" and m.text(n.child_by_field_name("left")) == name:
                values.append(n.child_by_field_name("right"))
        if not values or node.id in seen:
            return False   # a loop, catch or resource variable, a lambda's parameter (no declarator), or a cycle
        seen.add(node.id)
        return all(v is not None and _fixed(m, v, method, seen) for v in values)
    info = m.member_ref(node)
    if info is not None:
        return info.final
    return _constant_name(name)


def _reads_no_mutable_field(m: JavaModule, method: Node) -> bool:
    body = method.child_by_field_name("body")
    return body is None or not any(
        n.type in ("identifier", "field_access") and (info := m.member_ref(n)) is not None and not info.final
        for n in walk(body))


AWS_SDK_PACKAGES = ("software.amazon.", "com.amazonaws.", "com.amazon.")


def imported_from(m: JavaModule, simple: str) -> str | None:
    """The package a single-type import brings ``simple`` from (``import io.lettuce.core.RedisClient;`` →
    ``io.lettuce.core``), or None (imported with a wildcard, from the same package, or not at all)."""
    for node in m.parsed.root.named_children:
        if node.type == "import_declaration":
            name = m.text(node).removeprefix("import").rstrip(";").replace(" ", "")
            if not name.startswith("static") and name.endswith(f".{simple}"):
                return name[:-len(simple) - 1]
    return None


def foreign_class(m: JavaModule, simple: str) -> bool:
    """Whether ``simple`` is imported by name from a library that is not the AWS SDK (Lettuce's
    ``RedisClusterClient``, Google's ``BigQueryReadClient``): then ``X.create()`` makes no AWS SDK client."""
    package = imported_from(m, simple)
    return package is not None and not (package + ".").startswith(AWS_SDK_PACKAGES)


_CACHE_NULL_TEST = re.compile(r"\b(\w+)\s*==\s*null\b|\bnull\s*==\s*(\w+)\b")


def cache_misses(m: JavaModule) -> list[Node]:
    """The blocks of ``x = cache.get(k); if (x == null ...) { x = make(k); cache.put(k, x); }`` (a get-or-create
    cache): what runs in them runs once per key and process, and every later request gets the cached object."""
    found = getattr(m, "_cache_misses", None)
    if found is not None:
        return found
    found = []
    for guard in m.parsed.nodes("if_statement"):
        condition, body, method = guard.child_by_field_name("condition"), guard.child_by_field_name("consequence"), \
            m.function_of(guard)
        if condition is None or body is None or method is None or ".put" not in m.text(body):
            continue
        for match in _CACHE_NULL_TEST.finditer(m.text(condition)):
            name = match.group(1) or match.group(2)
            read = [d for d in walk(method) if d.type == "variable_declarator" and
                    m.text(d.child_by_field_name("name")) == name and _map_get(m, d.child_by_field_name("value"))]
            put = any(n.type == "method_invocation" and m.text(n.child_by_field_name("name")) in ("put", "putIfAbsent")
                      and (args := n.child_by_field_name("arguments")) is not None and len(args.named_children) == 2
                      and m.text(args.named_children[1]) == name for n in walk(body))
            if read and put:
                found.append(body)
                break
    m._cache_misses = found   # type: ignore[attr-defined]
    return found


def _map_get(m: JavaModule, value: Node | None) -> bool:
    return value is not None and value.type == "method_invocation" and \
        m.text(value.child_by_field_name("name")) in ("get", "getIfPresent") and \
        value.child_by_field_name("object") is not None


def made_on_cache_miss(m: JavaModule, node: Node) -> bool:
    """Whether ``node`` runs only when a get-or-create cache misses: inside the miss block, or in a method of this
    class that only such blocks call (directly or through other such methods)."""
    blocks = cache_misses(m)
    if not blocks:
        return False
    inside = lambda n: any(b.start_byte <= n.start_byte < b.end_byte for b in blocks)   # noqa: E731
    seen: set[int] = set()

    def once(n: Node) -> bool:
        if inside(n):
            return True
        method = m.function_of(n)
        if method is None or method.type != "method_declaration" or method.id in seen or \
                any(method.id == h.id for h in m.handlers):
            return False
        seen.add(method.id)
        name = m.text(method.child_by_field_name("name"))
        sites = [c for c in m.parsed.nodes("method_invocation") if m.text(c.child_by_field_name("name")) == name
                 and ((obj := c.child_by_field_name("object")) is None or obj.type == "this")
                 and any(fn.id == method.id for fn in m.callees(c, name))]
        return bool(sites) and all(once(c) for c in sites)

    return once(node)


def published_before_initialised(m: JavaModule, write: Node, info: FieldInfo) -> bool:
    """``if (connection == null) { connection = new Session(); connection.connect(); }``: the shared field is set
    to the new object before the object is initialised, so without a lock a concurrent first invocation sees it
    non-null and takes it half-built (heldout11: keyspaces-examples' sessions). ``made = new Session();
    made.connect(); connection = made;`` publishes it whole."""
    value = write.child_by_field_name("right")
    if value is None or value.type != "object_creation_expression":
        return False
    guard = next((a for a in ancestors(write) if a.type in ("if_statement", *SCOPES)), None)
    if guard is None or guard.type != "if_statement" or not re.search(
            rf"\b{re.escape(info.name)}\s*==\s*null|null\s*==\s*(this\.)?{re.escape(info.name)}\b",
            m.text(guard.child_by_field_name("condition"))):
        return False
    block = guard.child_by_field_name("consequence")
    for node in walk(block) if block is not None else []:
        if node.start_byte < write.end_byte:
            continue
        if node.type == "method_invocation":
            target = node.child_by_field_name("object")
        elif node.type == "assignment_expression" and (left := node.child_by_field_name("left")) is not None and \
                left.type == "field_access":
            target = left.child_by_field_name("object")
        else:
            continue
        if target is not None and m.member_ref(target) is info:
            return True
    return False


def set_up_once(m: JavaModule, node: Node) -> bool:
    """Whether ``node`` runs in a one-time set-up on the request path: behind ``if (x == null) { ... x = ...; }``,
    after ``if (a != null) return;`` in a method that then sets ``a``, or when a get-or-create cache misses (once
    per key and process)."""
    if made_on_cache_miss(m, node):
        return True
    for anc in ancestors(node):
        if anc.type in SCOPES:
            return anc.type in ("method_declaration", "constructor_declaration") and _after_set_guard(m, node, anc)
        if anc.type == "if_statement":
            then = anc.child_by_field_name("consequence")
            guards = {a or b for a, b in _NULL_TEST.findall(m.text(anc.child_by_field_name("condition")))}
            if guards and then is not None and then.start_byte <= node.start_byte < then.end_byte and \
                    _assigns(m, then, guards):
                return True
    return False
