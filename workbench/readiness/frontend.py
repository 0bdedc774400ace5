"""The part the tree-sitter front-ends (``js_rules``, ``java_rules``, ``csharp_rules``) share.

Each front-end is an adapter for one grammar: it builds a ``FileModel`` of one file (declarations, handlers, the
calls followed from them, the names holding request data) and says what its nodes mean (which node is a function,
a scope, a class; how a function is named). What does not depend on the grammar is here: the model's common
state and its taint question, how a rule's hit is made and tagged with the function it sits in, how the hits
become the candidates of the project model (``semantic.FileFacts``), and the analyzer every front-end exposes
(``extract`` per file, ``resolve`` over the project, ``analyze`` for one file alone). The rules' checks run over
these models; they are the modules of ``workbench.readiness.checks``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from workbench.readiness import semantic
from workbench.readiness.model import Applicability, Edit, Fix, Hit, Language, RuleInfo, ScanContext, SourceFile
from workbench.readiness.textsearch import found_from
from workbench.readiness.treesitter import Node, Parsed, hit, walk


@dataclass
class FileModel:
    """One file as a front-end sees it. Subclasses add the grammar's declarations and implement the lookups."""

    RUNTIME: ClassVar[str] = ""
    # node types that name a variable (for the taint question)
    IDENTIFIERS: ClassVar[tuple[str, ...]] = ("identifier",)

    parsed: Parsed
    source: SourceFile
    locals: dict[int, set[str]] = field(default_factory=dict)        # scope or function id -> names declared in it
    calls: dict[int, list[Node]] = field(default_factory=dict)       # function id -> calls directly in it
    tainted: dict[int, set[str]] = field(default_factory=dict)       # function id -> names holding request data
    extract: bool = False          # describing the file for the project model: every function is a candidate
    tags: dict[int, tuple] = field(default_factory=dict)            # id(hit) -> (function, need, at)
    singletons: dict[int, bool] = field(default_factory=dict)       # class id -> ``singleton_class`` (asked per write)

    def text(self, node: Node | None) -> str:
        return self.parsed.node_text(node)

    # --- what the adapter says ----------------------------------------------------------------------------------
    def request_function(self, node: Node) -> Node | None:
        """The function around ``node`` that is on the request path (None: code that runs once, or unreached)."""
        raise NotImplementedError

    def context_name(self, node: Node) -> str:
        """The name of the function (or class) around ``node``, for messages and fingerprints."""
        raise NotImplementedError

    def taint_scopes(self, node: Node) -> Iterable[Node]:
        """The functions whose request-data names are visible at ``node``."""
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------------------------
    def is_tainted(self, expr: Node | None) -> bool:
        """Whether ``expr`` reads a name holding request data (a handler's parameter or what came from it)."""
        if expr is None:
            return False
        names: set[str] = set()
        for fn in self.taint_scopes(expr):
            names |= self.tainted.get(fn.id, set())
        return bool(names) and any(n.type in self.IDENTIFIERS and self.text(n) in names
                                   and not self.context_constant(n) for n in walk(expr))

    def context_constant(self, node: Node) -> bool:
        """Whether the name ``node`` is read for a Lambda context value that is the same for every invocation of
        the function (its name, version, memory, log group): not request data. The adapters that know the
        grammar's member access say so."""
        return False

    def add_tainted(self, fn: Node, names: Iterable[str]) -> bool:
        """Record that ``names`` hold request data in ``fn``; whether that is news."""
        known = self.tainted.setdefault(fn.id, set())
        new = set(names)
        if new <= known:
            return False
        known |= new
        return True


class SharedMember(Protocol):
    @property
    def static(self) -> bool: ...

    owner: Node


M = TypeVar("M", bound=SharedMember)


@dataclass
class ClassFileModel(FileModel, Generic[M]):
    """A file of a class-based language (Java, C#): handlers are methods, and a field of a handler's class is
    shared by every invocation (one handler object serves them all)."""

    handlers: list[Node] = field(default_factory=list)
    handler_classes: set[int] = field(default_factory=set)
    reachable: dict[int, Node] = field(default_factory=dict)      # function id -> function on the request path
    functions: dict[str, list[Node]] = field(default_factory=dict)   # name -> the methods (functions) so named
    members: dict[str, list[M]] = field(default_factory=dict)     # name -> the fields (properties) of that name
    member_index: dict[tuple[int, str], M] = field(default_factory=dict)   # (class id, name) -> member

    def scopes_around(self, node: Node) -> list[Node]:
        """The scopes (methods, lambdas, blocks that declare locals) around ``node``, innermost first."""
        raise NotImplementedError

    def member_access(self, node: Node) -> tuple[str, Node | None, bool] | None:
        """For ``obj.name`` in the grammar: (name, the object expression, whether it is ``this``); else None."""
        raise NotImplementedError

    def member_ref(self, node: Node | None) -> M | None:
        """The field (or property) an expression names: ``x`` (unless a local of that name hides it), ``this.x``,
        ``T.x`` (a static member of class ``T``)."""
        if node is None:
            return None
        access = self.member_access(node)
        if access is not None:
            name, obj, this = access
            if this:
                cls = self.class_of(node)
                return self.member_index.get((cls.id if cls is not None else 0, name))
            if obj is not None and obj.type == "identifier":
                return next((c for c in self.members.get(name, []) if c.static and
                             self.text(c.owner.child_by_field_name("name")) == self.text(obj)), None)
            return None
        if node.type != "identifier":
            return None
        parent = node.parent
        if parent is not None and parent.type == "assignment_expression" and parent.parent is not None and \
                parent.parent.type == "initializer_expression" and parent.child_by_field_name("left") == node:
            return None   # new T { Name = ... }: a member of the object being created
        name = self.text(node)
        candidates = self.members.get(name, [])
        if not candidates or any(name in self.locals.get(s.id, ()) for s in self.scopes_around(node)):
            return None
        cls = self.class_of(node)
        own = self.member_index.get((cls.id if cls is not None else 0, name))
        return own or (candidates[0] if len(candidates) == 1 else None)

    def callees(self, call: Node, name: str) -> list[Node]:
        """The methods (and local functions) named ``name`` in the caller's class that an unqualified (or
        ``this.``) call may run."""
        cls = self.class_of(call)
        return [fn for fn in self.functions.get(name, []) if self.class_of(fn) == cls]

    def function_of(self, node: Node) -> Node | None:
        """The innermost method (or function) around ``node``."""
        raise NotImplementedError

    def class_of(self, node: Node) -> Node | None:
        raise NotImplementedError

    def request_function(self, node: Node) -> Node | None:
        fn = self.function_of(node)
        return fn if fn is not None and fn.id in self.reachable else None

    def shared(self, member: SharedMember) -> bool:
        """Shared by concurrent invocations: static, or a field of the handler object (when describing the file
        for the project model, any field: the project decides which classes hold handlers)."""
        return member.static or self.extract or member.owner.id in self.handler_classes or \
            singleton_class(self, member.owner)

    def mark_handler_classes(self) -> None:
        for fn in self.handlers:
            cls = self.class_of(fn)
            if cls is not None:
                self.handler_classes.add(cls.id)


def handler_names(ctx: ScanContext, rel: str, separators: tuple[str, ...] = ("::",)) -> set[str]:
    """The function names the templates give for the handlers of ``rel`` ("Assembly::Ns.Class::Method" ->
    "Method", "index.handler" -> "handler" with ``separators=(".", "::")``)."""
    names = set()
    for name in ctx.handlers.get(rel, set()):
        for sep in separators:
            name = name.rsplit(sep, 1)[-1]
        names.add(name)
    return names


def by_enclosing(nodes: Iterable[Node], enclosing: Callable[[Node], Node | None]) -> dict[int, list[Node]]:
    """``nodes`` grouped by the id of the function (or scope) ``enclosing`` finds around each, in source order;
    nodes outside any are left out (the calls in each function, the functions nested in each function)."""
    grouped: dict[int, list[Node]] = {}
    for node in nodes:
        outer = enclosing(node)
        if outer is not None:
            grouped.setdefault(outer.id, []).append(node)
    return grouped


def reachable_from(roots: Iterable[Node], expand: Callable[[Node], Iterable[Node]]) -> dict[int, Node]:
    """Every function reached from ``roots`` through ``expand`` (the functions one calls or nests), by id."""
    seen: dict[int, Node] = {}
    queue = list(roots)
    while queue:
        fn = queue.pop()
        if fn.id in seen:
            continue
        seen[fn.id] = fn
        queue.extend(expand(fn))
    return seen


def spread_taint(steps: Sequence[Callable[[], bool]], rounds: int = 3) -> None:
    """Run the taint steps of a front-end (each returns whether it marked a new name) until none does, at most
    ``rounds`` times: request data flows through assignments and into the functions it is passed to."""
    for _ in range(rounds):
        changed = False
        for step in steps:
            if step():
                changed = True
        if not changed:
            break


def hit_at(m: FileModel, rule: RuleInfo, node: Node, message: str, fix: Any = None, *, context: str | None = None,
           severity: str | None = None, at: Node | None = None, need: dict | None = None) -> Hit:
    """A hit of ``rule`` at ``node``, tagged with the request function around ``at`` (default: ``node``) and what
    the project model needs to keep it (``need``: e.g. the class whose object must be the handler)."""
    found = hit(m.parsed, rule.code, node, message, m.RUNTIME, context or m.context_name(node), fix, severity)
    m.tags[id(found)] = (m.request_function(at or node), need or {}, at or node)
    return found


# A class of which one object serves the whole process: an AspectInjector aspect of ``Scope.Global`` (C#), an
# AspectJ ``@Aspect`` (a singleton unless declared per-this/per-target), a CDI/Micronaut ``@Singleton`` or
# ``@ApplicationScoped`` bean (Java).
_SINGLETON_MARKS = re.compile(r"\[\s*Aspect\s*\(\s*Scope\s*\.\s*Global\b|@Aspect\b(?!\s*\(\s*\"?\s*per)|"
                              r"@(?:javax\.inject\.|jakarta\.inject\.)?Singleton\b|@ApplicationScoped\b")


def singleton_class(m: FileModel, cls: Node) -> bool:
    """One object of ``cls`` serves every invocation: it is marked as a singleton (above) or keeps its own
    instance in a static field or property (``static readonly Counter Instance = new Counter()``, a ``Lazy<T>``,
    ``private static volatile Counter instance``)."""
    found = m.singletons.get(cls.id)
    if found is None:
        found = m.singletons[cls.id] = _singleton_class(m, cls)
    return found


def _singleton_class(m: FileModel, cls: Node) -> bool:
    body = cls.child_by_field_name("body")
    name = cls.child_by_field_name("name")
    if body is None or name is None:
        return False
    if _SINGLETON_MARKS.search(m.parsed.data[cls.start_byte:body.start_byte].decode("utf-8", "replace")):
        return True
    own, text = m.text(name), m.text(body)
    if "static" not in text or own not in text:
        return False   # what the pattern below needs (its search is slow on long class bodies)
    pattern = re.compile(rf"\bstatic\s+(?:(?:readonly|final|volatile|private|public|internal)\s+)*"
                         rf"(?:Lazy\s*<\s*)?{re.escape(own)}\s*>?\s+\w+\s*(?:=|;|\{{)")
    return found_from(text, "static", pattern)


def field_need(m: FileModel, member: SharedMember) -> dict:
    """A field of an object (not static) is shared only when the object is the handler's, or the only object of
    a singleton class."""
    if member.static or singleton_class(m, member.owner):
        return {}
    return {"class": m.text(member.owner.child_by_field_name("name"))}


def file_facts(source: SourceFile, runtime: str) -> semantic.FileFacts:
    """The start of a file's description for the project model: its role by path and text (test, tooling...) and,
    when it is a CDK app written in this language, the LMI501 hits of the functions it defines."""
    from workbench.readiness import definitions

    facts = semantic.FileFacts(runtime, semantic.path_role(source.rel, source.text))
    if definitions.is_cdk_app(source.text):
        facts.plain.extend(definitions.cdk_plain(source))   # Runtime.NODEJS_LATEST judged per scan (plain_hits)
    return facts


def run_checks(m: FileModel) -> list[Hit]:
    """The hits of every rule's check for this runtime over the model, in code order (the checks are the modules
    of ``workbench.readiness.checks``). The front-ends skip this for a file with a role of its own (test or
    generated code, ``semantic.path_role``): ``semantic.resolve`` neither starts from nor walks into its
    functions, so it keeps none of their candidates (only a method a test class named like a handler's class
    registers as a callback, ``this::process``, could be a root: test code, whose hits were never wanted)."""
    from workbench.readiness.checks import checks_for

    return [found for check in checks_for(m.RUNTIME) for found in check(m)]


def add_candidates(facts: semantic.FileFacts, m: FileModel, hits: list[Hit], enclosing: Iterable[str]) -> None:
    """The hits as candidates of the project model, each on the function it sits in; a hit inside an explicit
    LMI guard (``if (isUsingMultiConcurrency) ... else ...``) is left out. ``enclosing``: the grammar's function
    (and class) node types, for finding the guard."""
    types = frozenset(enclosing)
    for found in hits:
        fn, need, at = m.tags.get(id(found), (None, {}, None))
        if at is not None and semantic.lmi_guarded(m.parsed, at, types):
            continue
        facts.candidate(found, semantic.fn_key(m.source.rel, fn) if fn is not None else None, need)


class TreeSitterAnalyzer:
    """The analyzer of a tree-sitter front-end: ``extract`` describes a file for the project model
    (``semantic``): its functions, their calls and every candidate hit; ``resolve`` keeps the candidates on
    functions reached from a handler anywhere in the project; ``analyze`` does both for one file on its own."""

    runtime: ClassVar[str] = ""
    languages: frozenset[Language] = frozenset()

    def describe(self, source: SourceFile) -> semantic.FileFacts:
        raise NotImplementedError

    def extract(self, source: SourceFile) -> dict:
        return self.describe(source).to_json()

    def resolve(self, facts_by_rel: dict, sources: dict, ctx: ScanContext, *, entry: str = "handlers"):
        return semantic.resolve(self.runtime, facts_by_rel, sources, ctx, entry)

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        facts = {source.rel: self.extract(source)}
        return semantic.resolve(self.runtime, facts, {}, ctx, fallback=True).hits.get(source.rel, [])


def hoist_to_static_field(parsed: Parsed, statement: Node, creation: Node, first_member: Node, last: Node | None,
                          head: str, description: str, review: str | None) -> Fix | None:
    """The Java/C# fix that moves a local declaration (``statement``, whose value is ``creation``) to a static
    field of the class: ``head`` is the field up to its name (``private static final S3Client s3``). Static
    initialisers run in textual order, so the field goes just after ``last`` (the last static member its value
    reads), or before the class's first member. None when the statement or the anchor shares its lines with other
    code (the edit could not be made cleanly); needs review when ``review`` says why."""
    lines = parsed.statement_lines(statement)
    anchor = last if last is not None else first_member
    anchor_start = parsed.start(anchor)
    if lines is None or parsed.text[parsed.line_start(anchor_start):anchor_start].strip():
        return None
    indent = parsed.indent_of(anchor_start)
    expr = parsed.dedent(parsed.node_text(creation), parsed.indent_of(parsed.start(statement)))
    field = f"{indent}{head} = {expr.replace(chr(10), chr(10) + indent)};\n"
    if last is not None:
        if parsed.statement_lines(last) is None:
            return None
        at = parsed.line_end(parsed.end(last))
    else:
        field += "\n"
        at = parsed.line_start(anchor_start)
    return Fix(
        description=description + (f" (review: {review})" if review else ""),
        applicability=Applicability.NEEDS_REVIEW if review else Applicability.SAFE,
        edits=parsed.native((Edit(at, at, field), Edit(lines[0], lines[1], ""))),
    )
