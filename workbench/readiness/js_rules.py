"""The Node.js (JavaScript, TypeScript) front-end of the readiness rules: the tree-sitter adapter of the shared model
(``frontend``). It builds a file's ``JsModule`` and describes the file for the project model; the rules'
checks over that model are the modules of ``workbench.readiness.checks``.

On Lambda Managed Instances a Node.js execution environment runs invocations on worker threads, each with its own
event loop: module scope is shared by every invocation on a worker, and an ``await`` lets another invocation run.
The analyzer finds the handlers (named by the templates in ``ScanContext.handlers``, else by their shape: an
exported ``handler``, or an exported function taking ``(event, context)``), follows the functions of the file
they call, and judges only that request path: module-level initialisation runs once per worker and is fine.
A file without handlers treats its exported functions as the request path (a handler elsewhere may call them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.readiness import semantic
from workbench.readiness.frontend import (
    file_facts,
    run_checks,
    FileModel,
    TreeSitterAnalyzer,
    add_candidates,
    by_enclosing,
    handler_names,
    reachable_from,
    spread_taint,
)
from workbench.readiness.model import Language, ScanContext, SourceFile
from workbench.readiness.textsearch import found_from
from workbench.readiness.treesitter import (
    Nesting,
    Node,
    Parsed,
    ancestors,
    parse_source,
    walk,
)

RUNTIME = "nodejs"
FUNCTIONS = frozenset({"function_declaration", "function_expression", "function", "arrow_function",
                       "method_definition", "generator_function_declaration", "generator_function"})
EVENT_NAMES = frozenset({"event", "_event", "evt", "lambdaEvent"})
CONTEXT_NAMES = frozenset({"context", "_context", "ctx", "_ctx", "lambdaContext", "lambdaCtx"})

_EXPORTS = re.compile(r"\bexports?\b")


def _exports(text: str) -> bool:
    """``_EXPORTS.search(text)``, tried only where "export" starts (a plain search was 7% of the CPU of a
    TypeScript tree's analysis)."""
    return found_from(text, "export", _EXPORTS)


def package_of(module: str) -> str:
    module = module.removeprefix("node:")
    if module.startswith("aws-sdk/clients/"):
        return module
    parts = module.split("/")
    return "/".join(parts[:2]) if module.startswith("@") else parts[0]


# Specs that never name a file of the project: Node's built-in modules and the AWS SDKs.
_NOT_PROJECT = re.compile(r"^(node:|@aws-sdk/|@smithy/|aws-sdk($|/))|^(fs|path|os|crypto|http|https|url|util|"
                          r"stream|events|child_process|zlib|buffer|querystring|assert|net|dns|tls|readline|"
                          r"worker_threads|cluster|process|timers|string_decoder|v8|vm|perf_hooks)(/|$)")


def _project_spec(raw: str) -> bool:
    """An import spec that may name a project file: relative, a TypeScript path alias or ``baseUrl`` name, a
    layer's ``/opt/nodejs/...`` or a package a layer of the project provides (resolved by ``js_modules``)."""
    return bool(raw) and not _NOT_PROJECT.match(raw)


def pattern_names(node: Node | None, parsed: Parsed) -> list[str]:
    """Names a binding pattern declares."""
    if node is None:
        return []
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        return [parsed.node_text(node)]
    if node.type in ("required_parameter", "optional_parameter"):
        return pattern_names(node.child_by_field_name("pattern"), parsed)
    if node.type in ("assignment_pattern", "object_assignment_pattern"):
        return pattern_names(node.child_by_field_name("left"), parsed)
    if node.type == "pair_pattern":
        return pattern_names(node.child_by_field_name("value"), parsed)
    if node.type in ("object_pattern", "array_pattern", "rest_pattern"):
        return [name for child in node.named_children for name in pattern_names(child, parsed)]
    return []


def params(fn: Node) -> list[Node]:
    found = fn.child_by_field_name("parameters")
    if found is None:
        single = fn.child_by_field_name("parameter")
        return [single] if single is not None else []
    return [c for c in found.named_children if c.type != "comment"]


def is_async(fn: Node) -> bool:
    return any(c.type == "async" for c in fn.children)


def waits_for_callback(m: "JsModule", fn: Node) -> bool:
    """A handler of three parameters answers through its callback, so its invocation goes on after it returns —
    unless it is async and never uses that parameter: it answers through its promise (the runtime interface client
    settles an async handler's invocation with the returned promise)."""
    found = params(fn)
    if len(found) < 3:
        return False
    if not is_async(fn) or found[2].type != "identifier":
        return True
    body = fn.child_by_field_name("body")
    name = m.parsed.node_text(found[2])
    return body is None or any(n.type == "identifier" and m.parsed.node_text(n) == name for n in walk(body))


@dataclass
class Binding:
    name: str
    kind: str            # const | let | var | function | class
    statement: Node      # the top-level statement
    declarator: Node | None = None
    value: Node | None = None


@dataclass
class JsModule(FileModel):
    """What the rules need to know about one file: its module scope, handlers and request path."""

    RUNTIME = "nodejs"
    IDENTIFIERS = ("identifier", "shorthand_property_identifier")

    bindings: dict[str, Binding] = field(default_factory=dict)
    imports: dict[str, tuple[str, str, int | None]] = field(default_factory=dict)  # name -> (package, member, owner)
    classes: dict[str, Node] = field(default_factory=dict)
    methods: dict[str, list[Node]] = field(default_factory=dict)
    exports: dict[str, Node | None] = field(default_factory=dict)
    handlers: list[tuple[str, Node]] = field(default_factory=list)
    reach: dict[int, set[int]] = field(default_factory=dict)              # root id -> reachable function ids
    root_of: dict[int, Node] = field(default_factory=dict)                # function id -> a root reaching it
    yields: dict[int, bool] = field(default_factory=dict)                 # root id -> lets others run meanwhile
    nesting: Nesting = field(default_factory=lambda: Nesting(()))
    rel_imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (spec of a project file?, member)
    awaits: set[int] = field(default_factory=set)                         # functions that await or .then
    tables: set[str] | None = None           # module-level names holding an object literal (``_table``), on first use
    export_aliases: set[str] | None = None   # module-level consts bound to module.exports / exports, on first use


    # --- scope ------------------------------------------------------------------------------------------------
    def functions_around(self, node: Node) -> list[Node]:
        """The functions enclosing ``node``, innermost first."""
        return self.nesting.around(node)

    def innermost_function(self, node: Node) -> Node | None:
        return self.nesting.innermost(node)

    def taint_scopes(self, node: Node) -> list[Node]:
        return self.functions_around(node)

    def module_binding(self, node: Node) -> Binding | None:
        """The module-level binding an identifier refers to, unless a function around it declares the name."""
        name = self.text(node)
        binding = self.bindings.get(name)
        if binding is None:
            return None
        if any(name in self.locals.get(fn.id, ()) for fn in self.functions_around(node)):
            return None
        return binding

    def imported(self, node: Node | None) -> tuple[str, str] | None:
        """(package, member path) of an imported name or a member chain on one: ``AWS.S3`` -> (aws-sdk, S3)."""
        path: list[str] = []
        while node is not None and node.type == "member_expression":
            path.insert(0, self.text(node.child_by_field_name("property")))
            node = node.child_by_field_name("object")
        if node is None or node.type != "identifier":
            return None
        name = self.text(node)
        found = self.imports.get(name)
        if found is None:
            return None
        package, member, owner = found
        if any(name in self.locals.get(fn.id, ()) for fn in self.functions_around(node) if fn.id != owner):
            return None
        if member in ("*", "default") and path:   # a default import of a CommonJS package is its exports
            return package, ".".join(path)
        return package, ".".join([member, *path])

    # --- request path -----------------------------------------------------------------------------------------
    def request_function(self, node: Node) -> Node | None:
        """The innermost function around ``node`` that is on the request path (None: module-level code)."""
        for fn in self.functions_around(node):
            if fn.id in self.root_of:
                return fn
        return None

    def context_name(self, node: Node) -> str:
        for fn in [node] + self.functions_around(node) if node.type in FUNCTIONS else self.functions_around(node):
            name = function_name(fn, self.parsed)
            if name:
                return name
        return ""

    def interleaves(self, fn: Node) -> bool:
        return any(self.yields.get(root_id) for root_id, reach in self.reach.items() if fn.id in reach)


def function_name(fn: Node, parsed: Parsed) -> str:
    name = fn.child_by_field_name("name")
    if name is not None:
        return parsed.node_text(name)
    parent = fn.parent
    while parent is not None and parent.type in ("parenthesized_expression", "arguments", "call_expression",
                                                 "as_expression", "satisfies_expression"):
        parent = parent.parent
    if parent is None:
        return ""
    if parent.type == "variable_declarator":
        return parsed.node_text(parent.child_by_field_name("name"))
    if parent.type == "assignment_expression":
        return parsed.node_text(parent.child_by_field_name("left")).rsplit(".", 1)[-1]
    if parent.type == "pair":
        return parsed.node_text(parent.child_by_field_name("key")).strip("\"'")
    if parent.type == "export_statement":
        return "default"
    return ""


# --- building the module facts ------------------------------------------------------------------------------------
INDEXED = (*FUNCTIONS, "variable_declarator", "call_expression", "new_expression", "import_statement",
           "class_declaration", "class", "abstract_class_declaration", "catch_clause", "for_in_statement",
           "assignment_expression", "augmented_assignment_expression", "update_expression", "unary_expression",
           "await_expression", "string", "template_string", "return_statement", "subscript_expression")


def build_module(source: SourceFile, ctx: ScanContext, extract: bool = False) -> JsModule:
    parsed = parse_source(source)
    parsed.nodes(*INDEXED)   # one query for every kind of node the rules look at
    m = JsModule(parsed=parsed, source=source, nesting=Nesting(parsed.nodes(*FUNCTIONS)), extract=extract)
    _collect_scope(m)
    _collect_exports(m)
    _find_handlers(m, ctx)
    _follow_calls(m)
    _taint(m)
    return m


# Root-relative require helpers: ``const rfr = require('rfr'); rfr('/lib/logger')`` (rfr: "Require From project
# Root", its default root the folder whose node_modules holds it, i.e. the package's) and app-root-path's
# ``require('app-root-path').require('/lib/logger')`` (npm pages of rfr and app-root-path).
_ROOT_REQUIRE_PACKAGES = frozenset({"rfr", "app-root-path"})


def _root_require_names(m: JsModule) -> set[str]:
    """The callee texts that require a module relative to the package root: a name bound to ``require('rfr')``,
    ``<name>.require`` for a name bound to ``require('app-root-path')``."""
    if "rfr" not in m.parsed.text and "app-root-path" not in m.parsed.text:
        return set()
    names: set[str] = set()
    for call in m.parsed.nodes("call_expression"):
        function = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if function is None or m.text(function) != "require" or args is None or len(args.named_children) != 1:
            continue
        package = m.text(args.named_children[0]).strip("\"'`")
        holder = call.parent
        if package not in _ROOT_REQUIRE_PACKAGES or holder is None or holder.type != "variable_declarator":
            continue
        name = m.text(holder.child_by_field_name("name"))
        names.add(name if package == "rfr" else f"{name}.require")
    return names


def _from_package_root(m: JsModule, raw: str) -> str:
    """A root-relative spec (``/logger``, ``lib/log``) as a spec relative to the importing file: the root is the
    nearest folder above the file with a package.json (the file's own folder when none is found)."""
    here = m.source.path.parent
    root = here
    for folder in [here, *here.parents][:12]:
        try:
            if (folder / "package.json").is_file():
                root = folder
                break
        except OSError:
            break
    try:
        up = here.relative_to(root).parts
    except ValueError:
        up = ()
    prefix = "/".join([".."] * len(up)) or "."
    return f"{prefix}/{raw.lstrip('/')}"


def _top_statements(m: JsModule) -> list[tuple[Node, Node]]:
    out = []
    for stmt in m.parsed.root.named_children:
        if stmt.type == "export_statement":
            decl = stmt.child_by_field_name("declaration")
            out.append((stmt, decl) if decl is not None else (stmt, stmt))
        else:
            out.append((stmt, stmt))
    return out


def _collect_scope(m: JsModule) -> None:
    text = m.text
    for stmt, decl in _top_statements(m):
        if decl.type in ("lexical_declaration", "variable_declaration"):
            kind = text(decl.children[0]) if decl.children else "var"
            for declarator in decl.named_children:
                if declarator.type != "variable_declarator":
                    continue
                value = declarator.child_by_field_name("value")
                for name in pattern_names(declarator.child_by_field_name("name"), m.parsed):
                    m.bindings[name] = Binding(name, kind, stmt, declarator, value)
        elif decl.type in ("function_declaration", "generator_function_declaration"):
            name = text(decl.child_by_field_name("name"))
            m.bindings[name] = Binding(name, "function", stmt, None, decl)
        elif decl.type in ("class_declaration", "abstract_class_declaration"):
            name = text(decl.child_by_field_name("name"))
            m.bindings[name] = Binding(name, "class", stmt, None, decl)
    for cls in m.parsed.nodes("class_declaration", "class", "abstract_class_declaration"):
        cls_name = cls.child_by_field_name("name")
        if cls_name is not None:
            m.classes[text(cls_name)] = cls
    for method in m.parsed.nodes("method_definition"):
        m.methods.setdefault(text(method.child_by_field_name("name")), []).append(method)
    # imports and requires
    for stmt in m.parsed.nodes("import_statement"):
        source = stmt.child_by_field_name("source")
        clause = next((c for c in stmt.named_children if c.type in ("import_clause", "import_require_clause")), None)
        if source is None or clause is None:
            continue
        raw = text(source).strip("\"'`")
        package = package_of(raw)
        if clause.type == "import_require_clause":
            ident = next((c for c in clause.named_children if c.type == "identifier"), None)
            if ident is not None:
                m.imports[text(ident)] = (package, "*", None)
                if _project_spec(raw):
                    m.rel_imports[text(ident)] = (raw, "*")
            continue
        for part in clause.named_children:
            if part.type == "identifier":
                m.imports[text(part)] = (package, "default", None)
                if _project_spec(raw):
                    m.rel_imports[text(part)] = (raw, "default")
            elif part.type == "namespace_import":
                ident = next((c for c in part.named_children if c.type == "identifier"), None)
                if ident is not None:
                    m.imports[text(ident)] = (package, "*", None)
                    if _project_spec(raw):
                        m.rel_imports[text(ident)] = (raw, "*")
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type == "import_specifier":
                        original = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or original
                        m.imports[text(alias)] = (package, text(original).strip("\"'"), None)
                        if _project_spec(raw):
                            m.rel_imports[text(alias)] = (raw, text(original).strip("\"'"))
    root_requires = _root_require_names(m)
    for call in m.parsed.nodes("call_expression"):
        function = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if function is None or args is None or not args.named_children or \
                text(function) != "require" and text(function) not in root_requires:
            continue
        first = args.named_children[0]
        if first.type != "string":
            continue
        raw = text(first).strip("\"'`")
        if text(function) != "require":
            raw = _from_package_root(m, raw)
        package = package_of(raw)
        holder, member = call.parent, "*"
        if holder is not None and holder.type == "member_expression":
            member = text(holder.child_by_field_name("property"))
            holder = holder.parent
        holder = _sdk_module_holder(m, holder, raw) if member == "*" else holder
        if holder is None or holder.type != "variable_declarator":
            continue
        target = holder.child_by_field_name("name")
        if target is None:
            continue
        owner = next(iter(m.functions_around(holder)), None)
        owner_id = owner.id if owner is not None else None
        relative = _project_spec(raw)   # (or an alias or layer path that may name a project file)
        if target.type == "identifier":
            m.imports[text(target)] = (package, member, owner_id)
            if relative:
                m.rel_imports[text(target)] = (raw, member)
        elif target.type == "object_pattern":
            for part in target.named_children:
                if part.type == "shorthand_property_identifier_pattern":
                    m.imports[text(part)] = (package, text(part), owner_id)
                    if relative:
                        m.rel_imports[text(part)] = (raw, text(part))
                elif part.type == "pair_pattern":
                    for name in pattern_names(part.child_by_field_name("value"), m.parsed):
                        m.imports[name] = (package, text(part.child_by_field_name("key")), owner_id)
                        if relative:
                            m.rel_imports[name] = (raw, text(part.child_by_field_name("key")))
    for name in m.imports:
        m.bindings.pop(name, None)
    # names each function declares (parameters, variables, nested functions, catch parameters)
    declaring: list[tuple[Node, list[str]]] = []
    for fn in m.parsed.nodes(*FUNCTIONS):
        names = [n for p in params(fn) for n in pattern_names(p, m.parsed)]
        declaring.append((fn, names))
        if fn.type in ("function_declaration", "generator_function_declaration") and fn.parent is not None \
                and fn.parent.type != "program" and fn.parent.type != "export_statement":
            declaring.append((fn.parent, [text(fn.child_by_field_name("name"))]))
    for declarator in m.parsed.nodes("variable_declarator"):
        declaring.append((declarator, pattern_names(declarator.child_by_field_name("name"), m.parsed)))
    for clause in m.parsed.nodes("catch_clause"):
        declaring.append((clause, pattern_names(clause.child_by_field_name("parameter"), m.parsed)))
    for loop in m.parsed.nodes("for_in_statement"):
        if any(c.type in ("const", "let", "var") for c in loop.children):
            declaring.append((loop, pattern_names(loop.child_by_field_name("left"), m.parsed)))
    for node, names in declaring:
        owner = node if node.type in FUNCTIONS else next(iter(m.functions_around(node)), None)
        if owner is not None:
            m.locals.setdefault(owner.id, set()).update(names)


def _sdk_module_holder(m: JsModule, holder: Node | None, raw: str) -> Node | None:
    """Where ``require(raw)`` ends up through ``AWSXRay.captureAWS(require('aws-sdk'))`` (captureAWS returns the SDK
    module itself, its clients instrumented: "Tracing AWS SDK calls with the X-Ray SDK for Node.js", AWS X-Ray
    Developer Guide) and ``cond ? AWSXRay.captureAWS(require('aws-sdk')) : require('aws-sdk')`` (both branches the
    same module); otherwise ``holder`` itself."""
    same = re.compile(rf"^\(?\s*(\w+\.)?(captureAWS\()?\s*require\(\s*['\"`]{re.escape(raw)}['\"`]\s*\)\s*\)?\s*\)?$")
    while holder is not None:
        call = holder.parent if holder.type == "arguments" else None
        if call is not None and call.type == "call_expression" and \
                m.text(call.child_by_field_name("function")).rsplit(".", 1)[-1] == "captureAWS":
            holder = call.parent
        elif holder.type == "parenthesized_expression":
            holder = holder.parent
        elif holder.type == "ternary_expression" and all(
                branch is not None and same.match(m.text(branch)) for branch in (
                    holder.child_by_field_name("consequence"), holder.child_by_field_name("alternative"))):
            holder = holder.parent
        else:
            break
    return holder


def _collect_exports(m: JsModule) -> None:
    text = m.text
    for stmt, decl in _top_statements(m):
        if stmt.type == "expression_statement":
            expr = stmt.named_children[0] if stmt.named_children else None
            if expr is None or expr.type != "assignment_expression":
                continue
            left, right = text(expr.child_by_field_name("left")), expr.child_by_field_name("right")
            if left.startswith(("exports.", "module.exports.")):
                m.exports[left.rsplit(".", 1)[1]] = right
            elif left == "module.exports" and right is not None and right.type == "object":
                for part in right.named_children:
                    if part.type == "pair":
                        m.exports[text(part.child_by_field_name("key")).strip("\"'")] = part.child_by_field_name(
                            "value")
                    elif part.type == "shorthand_property_identifier":
                        m.exports[text(part)] = part
                    elif part.type == "method_definition":
                        m.exports[text(part.child_by_field_name("name"))] = part
            elif left == "module.exports" and right is not None:
                m.exports["default"] = right
        elif stmt.type == "export_statement":
            if decl is not stmt:
                if decl.type in ("lexical_declaration", "variable_declaration"):
                    for declarator in decl.named_children:
                        if declarator.type == "variable_declarator":
                            m.exports[text(declarator.child_by_field_name("name"))] = \
                                declarator.child_by_field_name("value")
                elif decl.type in FUNCTIONS:
                    m.exports[text(decl.child_by_field_name("name"))] = decl
                    if any(c.type == "default" for c in stmt.children):   # export default function connect()
                        m.exports.setdefault("default", decl)
                continue
            value = stmt.child_by_field_name("value")
            if value is not None:
                m.exports["default"] = value
            for clause in stmt.named_children:
                if clause.type == "export_clause":
                    for spec in clause.named_children:
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or name
                        if name is not None:
                            m.exports[text(alias)] = name


def resolve_function(m: JsModule, node: Node | None, depth: int = 0) -> Node | None:
    """The function a value stands for: itself, a named function, a wrapped one (``middy(fn)``), a bound method."""
    if node is None or depth > 6:
        return None
    if node.type in FUNCTIONS:
        return node
    if node.type in ("identifier", "shorthand_property_identifier"):
        binding = m.bindings.get(m.text(node))
        if binding is None or binding.value is node:
            return None
        return resolve_function(m, binding.value, depth + 1)
    if node.type in ("parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"):
        inner = node.named_children[0] if node.named_children else None
        return resolve_function(m, inner, depth + 1)
    if node.type == "call_expression":
        args = node.child_by_field_name("arguments")
        for arg in args.named_children if args is not None else []:
            found = resolve_function(m, arg, depth + 1)
            if found is not None:
                return found
        function = node.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            obj = function.child_by_field_name("object")
            if m.text(function.child_by_field_name("property")) == "bind":
                return resolve_function(m, obj, depth + 1)
            return resolve_function(m, obj, depth + 1)
        return None
    if node.type == "member_expression":
        methods = m.methods.get(m.text(node.child_by_field_name("property")), [])
        return methods[0] if methods else None
    return None


def _looks_like_handler(m: JsModule, name: str, fn: Node) -> bool:
    """An exported function Lambda could call: named like a handler, or taking (event, context). A function
    named ``invokeErrorHandler(errorHandler, error, event)`` is not one: a name that merely contains "handler"
    needs a handler's parameters too."""
    names = [next(iter(pattern_names(p, m.parsed)), "") for p in params(fn)]
    event_like = bool(names) and (names[0] in EVENT_NAMES or names[0].lower().endswith("event"))
    context_like = len(names) >= 2 and names[1] in CONTEXT_NAMES
    if name in ("handler", "lambdaHandler") or name.lower().endswith("handler") and (not names or event_like):
        return True
    return event_like or context_like


def _find_handlers(m: JsModule, ctx: ScanContext) -> None:
    named = handler_names(ctx, m.source.rel, (".", "::"))
    exported = {name: resolve_function(m, value) for name, value in m.exports.items()}
    exported_named = [fn for name, fn in exported.items() if name != "default"]
    if named:
        for name in sorted(named):
            fn = exported.get(name) or resolve_function(m, next(
                (b.value for b in m.bindings.values() if b.name == name), None))
            if fn is not None:
                m.handlers.append((name, fn))
    if not m.handlers:
        m.handlers = [(name, fn) for name, fn in exported.items() if fn is not None and
                      _looks_like_handler(m, name, fn) and not (name == "default" and fn in exported_named)]
        if m.handlers and _container_package(m):
            m.handlers = []   # handler-shaped code of an ECS/Batch container image, which no definition names


def _follow_calls(m: JsModule) -> None:
    parsed = m.parsed
    inner = by_enclosing(parsed.nodes(*FUNCTIONS), m.innermost_function)   # function id -> functions nested in it
    calls = m.calls
    awaits: set[int] = set()
    for call in parsed.nodes("call_expression"):
        owner = next(iter(m.functions_around(call)), None)
        if owner is not None:
            calls.setdefault(owner.id, []).append(call)
            function = call.child_by_field_name("function")
            if function is not None and function.type == "member_expression" and \
                    m.text(function.child_by_field_name("property")) == "then":
                awaits.add(owner.id)
    for node in parsed.nodes("await_expression"):
        owner = next(iter(m.functions_around(node)), None)
        if owner is not None:
            awaits.add(owner.id)
    roots = [fn for _, fn in m.handlers]
    if not roots and not m.extract:
        roots = [fn for fn in (resolve_function(m, v) for v in m.exports.values()) if fn is not None]

    def called(fn: Node) -> list[Node]:   # the functions nested in it and the ones of this file it calls
        targets = [_callee(m, call) for call in calls.get(fn.id, [])]
        return inner.get(fn.id, []) + [t for t in targets if t is not None]

    for root in roots:
        seen = set(reachable_from([root], called))
        for fn_id in seen:
            m.root_of.setdefault(fn_id, root)
        m.reach[root.id] = seen
        callback_style = any(fn == root for _, fn in m.handlers) and waits_for_callback(m, root)
        m.yields[root.id] = bool(seen & awaits) or callback_style
    m.awaits = awaits
    if m.extract:
        for fn in parsed.nodes(*FUNCTIONS):
            m.root_of[fn.id] = fn


def _enclosing_declaration(m: JsModule, ident: Node) -> Node | None:
    """The function a name stands for when an enclosing function's body declares it (``let getConfig = function
    (cb) {...}`` or ``function named() {...}`` in a module-level IIFE, called from a prototype method defined there;
    corpus_heldout3, aws-data-lake-solution), the innermost declaration first."""
    name = m.text(ident)
    if not any(name in m.locals.get(fn.id, ()) for fn in m.functions_around(ident)):
        return None   # (most names are not a local of any enclosing function)
    for fn in m.functions_around(ident):
        body = fn.child_by_field_name("body")
        for stmt in body.named_children if body is not None and body.type == "statement_block" else ():
            if stmt.type in ("function_declaration", "generator_function_declaration"):
                if m.text(stmt.child_by_field_name("name")) == name:
                    return stmt
            elif stmt.type in ("lexical_declaration", "variable_declaration"):
                for declarator in stmt.named_children:
                    if declarator.type == "variable_declarator" and \
                            m.text(declarator.child_by_field_name("name")) == name:
                        value = declarator.child_by_field_name("value")
                        return value if value is not None and value.type in FUNCTIONS else None
    return None


def _callee(m: JsModule, call: Node) -> Node | None:
    function = call.child_by_field_name("function")
    if function is None:
        return None
    if function.type == "identifier":
        return _enclosing_declaration(m, function) or resolve_function(m, function)
    if function.type == "member_expression":
        obj = function.child_by_field_name("object")
        prop = m.text(function.child_by_field_name("property"))
        if obj is not None and obj.type == "this":
            found = m.methods.get(prop, [])
            return found[0] if found else None
        if obj is not None and _own_exports(m, obj):   # module.exports.f(), exports.f(), utils.f() (utils = exports)
            return resolve_function(m, m.exports.get(prop))
        if obj is not None and obj.type == "identifier":
            binding = m.bindings.get(m.text(obj))
            value = binding.value if binding is not None else None
            if value is not None and value.type == "new_expression":
                cls = m.classes.get(m.text(value.child_by_field_name("constructor")))
                if cls is not None:
                    return next((meth for meth in m.methods.get(prop, []) if cls.start_byte <= meth.start_byte
                                 < cls.end_byte), None)
            if value is not None and value.type == "object":
                for part in value.named_children:
                    if part.type == "pair" and m.text(part.child_by_field_name("key")) == prop:
                        return resolve_function(m, part.child_by_field_name("value"))
                    if part.type == "method_definition" and m.text(part.child_by_field_name("name")) == prop:
                        return part
    return None


def _own_exports(m: JsModule, obj: Node) -> bool:
    """``obj`` is this module's own exports object: ``module.exports``, CommonJS ``exports`` (not redeclared), or a
    module-level name bound to one of them (``const utils = module.exports``)."""
    if obj.type == "member_expression":
        return obj.end_byte - obj.start_byte == 14 and m.text(obj) == "module.exports"
    if obj.type != "identifier":
        return False
    if m.export_aliases is None:
        m.export_aliases = {name for name, b in m.bindings.items() if b.kind == "const" and b.value is not None and
                            m.text(_unwrapped(b.value)) in ("module.exports", "exports")}
    text = m.text(obj)
    if text == "exports":
        return "exports" not in m.bindings and not any("exports" in m.locals.get(fn.id, ())
                                                       for fn in m.functions_around(obj))
    return text in m.export_aliases and m.module_binding(obj) is not None


def _table(m: JsModule, node: Node | None) -> Node | None:
    """The object literal a module-level name holds (a plugin table: ``{ redis: require('./redis'), ... }``)."""
    if m.tables is None:
        m.tables = {name for name, b in m.bindings.items()
                    if (value := _unwrapped(b.value)) is not None and value.type == "object"}
    node = _unwrapped(node)
    if node is None or node.type != "identifier" or not m.tables:
        return None
    if m.text(node) not in m.tables:
        return None
    binding = m.module_binding(node)
    value = _unwrapped(binding.value) if binding is not None else None
    return value if value is not None and value.type == "object" else None


def _table_lookups(m: JsModule) -> dict[tuple[int | None, str], list[Node]]:
    """Locals set from a lookup in a plugin table (``const d = table[event.type]``, ``d = table[key]``): (the
    function they belong to, name) -> the ``table[key]`` expressions."""
    found: dict[tuple[int | None, str], list[Node]] = {}
    _table(m, None)
    if not m.tables:
        return found
    for node in m.parsed.nodes("variable_declarator", "assignment_expression"):
        name = node.child_by_field_name("name" if node.type == "variable_declarator" else "left")
        value = _unwrapped(node.child_by_field_name("value" if node.type == "variable_declarator" else "right"))
        if name is None or name.type != "identifier" or value is None or value.type != "subscript_expression":
            continue
        if _table(m, value.child_by_field_name("object")) is None:
            continue
        owner = m.innermost_function(node)
        found.setdefault((owner.id if owner is not None else None, m.text(name)), []).append(value)
    return found


def _table_entries(m: JsModule, lookup: Node) -> list[Node]:
    """The values of the table entries ``table[key]`` may give: the one a literal key names, else every one."""
    table = _table(m, lookup.child_by_field_name("object"))
    if table is None:
        return []
    index = lookup.child_by_field_name("index")
    key = m.text(index).strip("\"'`") if index is not None and index.type in ("string", "number") else None
    out: list[Node] = []
    for part in table.named_children:
        if part.type == "pair":
            name, value = m.text(part.child_by_field_name("key")).strip("\"'`"), part.child_by_field_name("value")
        elif part.type == "shorthand_property_identifier":
            name, value = m.text(part), part
        elif part.type == "method_definition":
            name, value = m.text(part.child_by_field_name("name")), part
        else:
            continue
        if value is not None and (key is None or name == key):
            out.append(value)
    return out


def _table_calls(m: JsModule, call: Node, lookups: dict[tuple[int | None, str], list[Node]]) -> list[list[str]]:
    """What a call through a plugin table may run (issue 12, fanout's ``serviceDefinitions[target.type]``):
    ``table[key](...)`` every function of the table; ``table[key].send(...)``, or ``d.send(...)`` where
    ``d = table[key]``, the ``send`` of every module the table holds. A key from the event picks any entry."""
    if not lookups and not m.tables:
        return []   # no plugin table in this file
    function = _unwrapped(call.child_by_field_name("function"))
    if function is None:
        return []
    method = None
    if function.type == "member_expression":
        method = m.text(function.child_by_field_name("property"))
        function = _unwrapped(function.child_by_field_name("object"))
        if function is None:
            return []
    if function.type == "subscript_expression":
        found = [function]
    elif function.type == "identifier" and method is not None:
        scopes = [f.id for f in m.functions_around(function)] + [None]
        found = next((lookups[(s, m.text(function))] for s in scopes if (s, m.text(function)) in lookups), [])
    else:
        return []
    out: list[list[str]] = []
    for lookup in found:
        for entry in _table_entries(m, lookup):
            value = _unwrapped(entry)
            if value is None:
                continue
            module = _required_module(m, value)
            if module is not None:
                if method is not None:
                    out.append(["imp", module, method])
                elif (m.rel_imports.get(m.text(value), ("", "*"))[1]) not in ("*", "default"):
                    out.append(["imp", module, m.rel_imports[m.text(value)][1]])
                else:
                    out.append(["imp", module, "default"])
                continue
            if method is not None:
                continue
            local = resolve_function(m, value) if value.type != "member_expression" else None
            if local is not None:
                out.append(["k", semantic.fn_key(m.source.rel, local)])
            elif value.type == "member_expression":   # { redis: redis.send } where redis = require('./redis')
                owner = _required_module(m, _unwrapped(value.child_by_field_name("object")))
                if owner is not None:
                    out.append(["imp", owner, m.text(value.child_by_field_name("property"))])
    return out


_BUILTIN_RECEIVERS = frozenset({"this", "super", "console", "JSON", "Math", "Object", "Array", "Promise", "process",
                                "Date", "Number", "String", "Buffer", "Reflect", "Symbol", "window", "document"})


def _unresolved_method(m: JsModule, call: Node) -> str | None:
    """The method name of ``x.name(...)`` when nothing in the file tells what ``x`` is (a parameter, a property of
    one, a local set from another call): not an import, a built-in, or a module value of the file."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return None
    obj = _unwrapped(function.child_by_field_name("object"))
    if obj is None or obj.type not in ("identifier", "member_expression"):
        return None
    head = obj
    while head.type == "member_expression" and (inner := head.child_by_field_name("object")) is not None:
        head = inner
    name = m.text(head)
    if head.type not in ("identifier",) or name in _BUILTIN_RECEIVERS or name in m.imports or \
            m.module_binding(head) is not None:
        return None
    return m.text(function.child_by_field_name("property")) or None


def _handed_out_plugins(m: JsModule, lookups: dict[tuple[int | None, str], list[Node]]) -> list[str]:
    """The modules of a plugin table whose entries leave this file: the table is exported, or a value looked up in
    it is returned, passed to a call or put in an object (fanout's ``callback(null, { definition: definition })``),
    so the receiving code calls the plugins' exports (``semantic``'s "plug" calls)."""
    def leaves(node: Node) -> bool:
        parent = node.parent
        while parent is not None and parent.type in ("parenthesized_expression", "await_expression"):
            node, parent = parent, parent.parent
        if parent is None:
            return False
        if parent.type in ("arguments", "return_statement", "array"):
            return True
        if parent.type == "pair":
            value = parent.child_by_field_name("value")
            return value is not None and value.id == node.id
        body = parent.child_by_field_name("body") if parent.type == "arrow_function" else None
        return body is not None and body.id == node.id

    tables: list[Node] = []
    for value in m.exports.values():   # exports.definitions = serviceDefinitions
        table = _table(m, value)
        if table is not None:
            tables.append(table)
    for (owner, name), found in lookups.items():
        scope = next((fn for fn in m.parsed.nodes(*FUNCTIONS) if fn.id == owner), None) if owner is not None \
            else m.parsed.root
        if scope is None:
            continue
        if any(n.type in ("identifier", "shorthand_property_identifier") and m.text(n) == name and leaves(n)
               for n in walk(scope)):
            tables.extend(t for lookup in found if (t := _table(m, lookup.child_by_field_name("object"))) is not None)
    for lookup in m.parsed.nodes("subscript_expression"):
        table = _table(m, lookup.child_by_field_name("object"))
        if table is not None and leaves(lookup):
            tables.append(table)
    specs: list[str] = []
    for table in dict.fromkeys(tables):
        for part in table.named_children:
            value = part.child_by_field_name("value") if part.type == "pair" else part
            spec = _required_module(m, _unwrapped(value))
            if spec is not None and spec not in specs:
                specs.append(spec)
    return specs


def _required_module(m: JsModule, value: Node | None) -> str | None:
    """The project-file spec a value is the module of: ``require('./x')`` inline, or a name a relative import or
    require binds."""
    if value is None:
        return None
    if value.type == "call_expression" and m.text(value.child_by_field_name("function")) == "require":
        args = value.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        if first is not None and first.type == "string":
            raw = m.text(first).strip("\"'`")
            return raw if _project_spec(raw) else None
        return None
    if value.type in ("identifier", "shorthand_property_identifier") and m.text(value) in m.rel_imports:
        return m.rel_imports[m.text(value)][0]
    return None


def _taint(m: JsModule) -> None:
    """Names holding request data: the handlers' parameters, and what is computed from them (and passed on)."""
    handler_ids = {fn.id for _, fn in m.handlers}
    for _, fn in m.handlers:
        m.tainted.setdefault(fn.id, set()).update(n for p in params(fn) for n in pattern_names(p, m.parsed))
    if not handler_ids:
        return
    fns = {fid for reach in m.reach.values() for fid in reach}
    declarators = [d for d in m.parsed.nodes("variable_declarator")
                   if (owner := m.innermost_function(d)) is not None and owner.id in fns]
    assignments = [a for a in m.parsed.nodes("assignment_expression")
                   if (owner := m.innermost_function(a)) is not None and owner.id in fns]
    calls = [c for fid in fns for c in m.calls.get(fid, [])]

    def variables() -> bool:
        changed = False
        for node in declarators:
            if m.is_tainted(node.child_by_field_name("value")):
                changed |= m.add_tainted(m.functions_around(node)[0],
                                         pattern_names(node.child_by_field_name("name"), m.parsed))
        return changed

    def assigned_locals() -> bool:
        changed = False
        for node in assignments:
            left = node.child_by_field_name("left")
            if left is not None and left.type == "identifier" and m.is_tainted(node.child_by_field_name("right")):
                owner = m.functions_around(node)[0]
                if m.text(left) in m.locals.get(owner.id, set()):
                    changed |= m.add_tainted(owner, [m.text(left)])
        return changed

    def arguments() -> bool:
        changed = False
        for call in calls:
            target = _callee(m, call)
            args = call.child_by_field_name("arguments")
            if target is None or args is None:
                continue
            for param, arg in zip(params(target), args.named_children):
                if m.is_tainted(arg):
                    changed |= m.add_tainted(target, pattern_names(param, m.parsed))
        return changed

    spread_taint((variables, assigned_locals, arguments))


# --- the analyzer (its checks are the modules of workbench/readiness/checks) ----------------------------------
class JsAnalyzer(TreeSitterAnalyzer):
    """LMI101-104, LMI201-205 for Node.js, and LMI501 for CDK apps written in JavaScript or TypeScript.

    ``extract`` describes a file for the project model (``semantic``): its functions, the calls they make (into
    this file and, through relative imports, into others) and every candidate hit; ``resolve`` keeps the
    candidates on functions reached from a handler anywhere in the project. ``analyze`` does both for one file
    on its own (without a handler in it, its exported functions count as reachable)."""

    languages = frozenset({Language.JAVASCRIPT, Language.TYPESCRIPT})
    runtime = RUNTIME

    def describe(self, source: SourceFile) -> semantic.FileFacts:
        return describe(source)


ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "del", "all", "options", "head", "use",
                           "route", "any"})
TEST_CALLS = frozenset({"describe", "it", "test", "beforeEach", "beforeAll", "afterEach", "afterAll", "suite",
                        "context", "before", "after"})


def _route_callbacks(m: JsModule) -> set[int]:
    """Functions given to a web framework's routes (``app.get('/x', async (req, res) => ...)``): an app served
    through the handler (serverless-http, lambda-api...) runs them per request, though they are registered once."""
    found: set[int] = set()
    for call in m.parsed.nodes("call_expression"):
        function = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if function is None or function.type != "member_expression" or args is None or not args.named_children:
            continue
        method = m.text(function.child_by_field_name("property"))
        first = args.named_children[0]
        routed = first.type in ("string", "template_string") and m.text(first)[1:2] == "/"
        if method not in ROUTE_METHODS or not (routed or (method == "use" and any(
                fn.type in FUNCTIONS or fn.type == "identifier" for fn in args.named_children))):
            continue
        for arg in args.named_children:
            target = resolve_function(m, arg) if arg.type != "string" else None
            if target is not None:
                found.add(target.id)
    return found


# Packages that serve a web app from a Lambda handler (their routes run per invocation, though the app may also
# listen when run locally).
_LAMBDA_WEB_ADAPTERS = ("serverless-http", "serverless-express", "aws-serverless-express", "@fastify/aws-lambda",
                        "aws-lambda-fastify", "@h4ad/serverless-adapter", "lambda-api", "@hono/aws-lambda",
                        "hono/aws-lambda")
# A container image that runs as a Lambda function: an AWS base image for Lambda (public.ecr.aws/lambda/...,
# amazon/aws-lambda-...), the runtime interface client added to another base (aws-lambda-ric), or the AWS Lambda
# Web Adapter (awslabs/aws-lambda-web-adapter), which runs an ordinary listening server as a Lambda function: its
# image copies the adapter (public.ecr.aws/awsguru/aws-lambda-adapter) into /opt/extensions. (Lambda Developer
# Guide, "Create a Lambda function using a container image".)
_LAMBDA_IMAGE = re.compile(r"public\.ecr\.aws/lambda/|amazon/aws-lambda-|aws-lambda-ric|lambda-adapter|"
                           r"aws-lambda-web-adapter|LAMBDA_TASK_ROOT")


def _container_package(m: JsModule) -> bool:
    """The module's package (the folders up to the nearest package.json) is built into a container image (a
    Dockerfile) that is not a Lambda one: an ECS/Fargate service or an AWS Batch job, not a Lambda function."""
    folder = m.source.path.parent
    for here in [folder, *folder.parents][:8]:
        try:
            images = [p for p in here.iterdir() if p.name.startswith("Dockerfile") and p.is_file()]
            if images:
                return not any(_LAMBDA_IMAGE.search(p.read_text(encoding="utf-8", errors="replace"))
                               for p in images)
            if (here / "package.json").is_file():
                return False   # the package's own folder has no image
        except OSError:
            return False
    return False


def _container_server(m: JsModule) -> bool:
    """The module starts a long-running server when it loads (``server.listen(...)`` as a statement of the module
    itself), imports no Lambda web adapter, and its package is built into a container image that is not a Lambda
    one: its routes are no request code (heldout14: Fastify WebSocket servers on ECS Fargate)."""
    if ".listen(" not in m.parsed.text:
        return False
    if any(package.startswith(_LAMBDA_WEB_ADAPTERS) or package.endswith(_LAMBDA_WEB_ADAPTERS)
           for package, _, _ in m.imports.values()):
        return False
    for call in m.parsed.nodes("call_expression"):
        function = call.child_by_field_name("function")
        if function is not None and function.type == "member_expression" and \
                m.text(function.child_by_field_name("property")) == "listen" and call.parent is not None and \
                call.parent.type == "expression_statement" and call.parent.parent is not None and \
                call.parent.parent.type == "program":
            return _container_package(m)
    return False


def _in_test_call(m: JsModule, fn: Node) -> bool:
    for anc in ancestors(fn):
        if anc.type == "call_expression":
            head = m.text(anc.child_by_field_name("function")).split(".")[0]
            if head in TEST_CALLS:
                return True
    return False


def describe(source: SourceFile) -> semantic.FileFacts:
    """The file in the project model's terms: functions with roles and calls, candidate hits."""
    facts = file_facts(source, RUNTIME)
    facts.injects = "injectLambdaContext" in source.text or ".addContext(" in source.text
    if not _exports(source.text):
        return facts   # nothing exported: no handler, nothing a handler elsewhere can call
    m = build_module(source, ScanContext(root=source.path.parent), extract=True)
    hits = run_checks(m) if not facts.role else []   # (a test file's would never be kept: run_checks)
    rel = source.rel
    facts.sdk_v2 = any(package == "aws-sdk" or package.startswith("aws-sdk/") for package, _, _ in m.imports.values())
    handlers = {fn.id for _, fn in m.handlers}
    routes = _route_callbacks(m) if not _container_server(m) else set()
    functions = m.parsed.nodes(*FUNCTIONS)
    returns = by_enclosing(m.parsed.nodes("return_statement"), m.innermost_function)   # function id -> its returns
    for fn in functions:
        name = function_name(fn, m.parsed)
        fn_role = semantic.TEST if _in_test_call(m, fn) else ""
        entry = facts.function(semantic.fn_key(rel, fn), name, "", fn_role, fn.id in handlers,
                               # (three counted only when it may answer through the callback: the project
                               # model reads three as a callback handler's)
                               awaits=fn.id in m.awaits,
                               params=len(params(fn)) if waits_for_callback(m, fn) or len(params(fn)) < 3 else 2)
        entry["rt"] = fn.id in routes
        if _returns_module_constant(m, fn, returns):
            entry["same"] = True   # every call returns the same object (LMI201: rebinding to it races on nothing)
        if name:
            facts.members.setdefault(name, []).append(semantic.fn_key(rel, fn))
        outer = next(iter(m.functions_around(fn)), None)
        if outer is not None:   # a nested function (a callback, a promise executor) runs with the one around it
            facts.fns[semantic.fn_key(rel, outer)]["calls"].append(["k", semantic.fn_key(rel, fn)])
    for name, value in m.exports.items():
        target = resolve_function(m, value)
        if target is not None:
            facts.exports[name] = semantic.fn_key(rel, target)
        elif value is not None and value.type == "call_expression" and "handler" in name.lower():
            # module.exports.handler = serverless(app): the handler is the wrapper; what it serves is the app
            # another file builds (its routes run per request)
            refs = [["imp", *m.rel_imports[m.text(a)][:1], _member(m.rel_imports[m.text(a)][1])]
                    for a in walk(value) if a.type == "identifier" and m.text(a) in m.rel_imports]
            key = f"{rel}#export:{name}"
            facts.fns[key] = {"n": name, "c": "", "q": "", "r": facts.role, "h": True, "aw": True, "np": 1,
                              "ctor": False, "rt": False, "calls": refs}
            facts.exports[name] = key
        elif value is not None and value.type in ("identifier", "shorthand_property_identifier") and \
                m.text(value) in m.rel_imports:   # a re-export of another file's function
            spec, member = m.rel_imports[m.text(value)]
            facts.fns.setdefault(f"{rel}#re:{name}", {"n": name, "c": "", "r": "", "h": False, "aw": False,
                                                      "np": 0, "ctor": False, "rt": False,
                                                      "calls": [["imp", spec, _member(member)]]})
            facts.exports[name] = f"{rel}#re:{name}"
        elif value is not None and value.type == "call_expression" and \
                m.text(value.child_by_field_name("function")) == "require" and \
                (required := _required_project_spec(m, value)) is not None:   # exports.build = require('./build')
            facts.fns.setdefault(f"{rel}#re:{name}", {"n": name, "c": "", "r": "", "h": False, "aw": False,
                                                      "np": 0, "ctor": False, "rt": False,
                                                      "calls": [["imp", required, "default"]]})
            facts.exports[name] = f"{rel}#re:{name}"

    for declared in m.parsed.nodes("class_declaration", "class", "abstract_class_declaration"):
        # a class extending another file's class inherits its methods: a method this file lacks may be there
        heritage = next((c for c in declared.named_children if c.type == "class_heritage"), None)
        base = next(iter(heritage.named_children), None) if heritage is not None else None
        base = base.child_by_field_name("value") if base is not None and base.type == "extends_clause" else base
        if base is not None and base.type == "identifier" and m.text(base) in m.rel_imports:
            spec, member = m.rel_imports[m.text(base)]
            if [spec, _member(member)] not in facts.ext:
                facts.ext.append([spec, _member(member)])

    def imported(node: Node | None, prop: str | None = None) -> list[str] | None:
        if node is None or node.type != "identifier" or m.text(node) not in m.rel_imports:
            return None
        if m.module_binding(node) is None and m.text(node) not in m.imports:
            return None
        spec, member = m.rel_imports[m.text(node)]
        return ["imp", spec, prop if prop is not None else _member(member)]

    # objects of a class another file defines: (function id or None at module level, name) -> the `new` expression
    instances = {(owner.id if (owner := m.innermost_function(d)) is not None else None,
                  m.text(d.child_by_field_name("name"))): value
                 for d in m.parsed.nodes("variable_declarator")
                 if (value := _unwrapped(d.child_by_field_name("value"))) is not None and value.type == "new_expression"}

    def imported_class(constructor: Node | None, prop: str | None = None) -> list[str] | None:
        """``new Database()`` or ``new lib.Database()`` of a class another file defines: ``prop`` of that file (the
        class's own name when ``prop`` is None)."""
        constructor = _unwrapped(constructor)
        if constructor is not None and constructor.type == "member_expression":
            name = m.text(constructor.child_by_field_name("property"))
            return imported(constructor.child_by_field_name("object"), prop if prop is not None else name)
        return imported(constructor, prop)

    def instance_of_imported(obj: Node | None, prop: str) -> list[str] | None:
        """``db.connect()`` where ``const db = new Database()`` (or ``new Database().connect()``, ``new
        lib.Database()``) and ``Database`` is another file's class: that file's method of the name."""
        obj = _unwrapped(obj)
        if obj is not None and obj.type == "identifier":
            scopes = [f.id for f in m.functions_around(obj)] + [None]
            obj = next((instances[(s, m.text(obj))] for s in scopes if (s, m.text(obj)) in instances), None)
        if obj is None or obj.type != "new_expression":
            return None
        return imported_class(obj.child_by_field_name("constructor"), prop)

    lookups = _table_lookups(m)
    facts.plugins = _handed_out_plugins(m, lookups)
    plug_calls = False
    for fn in functions:
        calls = facts.fns[semantic.fn_key(rel, fn)]["calls"]
        plugged: set[str] = set()
        for call in m.calls.get(fn.id, []):
            target = _callee(m, call)
            if target is not None:
                calls.append(["k", semantic.fn_key(rel, target)])
            calls.extend(_table_calls(m, call, lookups))
            function = call.child_by_field_name("function")
            ref = imported(function)
            if ref is None and function is not None and function.type == "member_expression":
                ref = imported(function.child_by_field_name("object"), m.text(function.child_by_field_name("property")))
            if ref is None and function is not None and function.type == "subscript_expression":
                # actions[event.action](event, context, cb): a dispatch on a project module's exports, any of them
                ref = imported(function.child_by_field_name("object"), "*")
            if ref is None and function is not None and function.type == "member_expression":
                ref = instance_of_imported(function.child_by_field_name("object"),
                                           m.text(function.child_by_field_name("property")))
            if ref is not None:
                calls.append(ref)
            elif target is None and facts.ext and function is not None and function.type == "member_expression" \
                    and (this := function.child_by_field_name("object")) is not None and this.type == "this":
                # this.putDashboard(): a method the class inherits from a base class of another file
                prop = m.text(function.child_by_field_name("property"))
                calls.extend(["imp", spec, prop] for spec, _ in facts.ext)
            resolved = target is not None or ref is not None
            args = call.child_by_field_name("arguments")
            for arg in args.named_children if args is not None else []:
                if arg.type == "identifier":
                    local = resolve_function(m, arg)
                    if local is not None:
                        calls.append(["k", semantic.fn_key(rel, local)])
                    elif (ref := imported(arg)) is not None:
                        calls.append(ref)
            method = _unresolved_method(m, call) if not resolved and m.rel_imports else None
            if method is not None and method not in plugged:
                plugged.add(method)
                calls.append(["plug", method])
        plug_calls = plug_calls or bool(plugged)
    if plug_calls:
        facts.requires = sorted({spec for spec, _ in m.rel_imports.values()})
    for new in m.parsed.nodes("new_expression"):
        creator = m.innermost_function(new)
        cls_name = m.text(new.child_by_field_name("constructor"))
        if creator is None:
            # one object for every invocation: the fields its methods write are shared (LMI202 on ``this``)
            ref = ["k", cls_name] if cls_name in m.classes else imported_class(new.child_by_field_name("constructor"))
            if ref is not None and ref not in facts.shared:
                facts.shared.append(ref)
            continue
        calls = facts.fns[semantic.fn_key(rel, creator)]["calls"]
        cls = m.classes.get(cls_name)
        if cls is not None:
            calls.extend(["k", semantic.fn_key(rel, meth)] for meth in m.methods.get("constructor", [])
                         if cls.start_byte <= meth.start_byte < cls.end_byte)
        elif (ref := imported(new.child_by_field_name("constructor"), "constructor")) is not None:
            calls.append(ref)
    from workbench.readiness.checks.lmi104 import exported_loggers, injecting_exports

    facts.loggers = exported_loggers(m)
    facts.built = _built_exports(m)
    from workbench.readiness.checks.lmi205 import completing_exports

    facts.completes = completing_exports(m)
    for read in m.parsed.nodes("member_expression"):   # config.BUILD_DIR: a member of a project module, read
        obj = read.child_by_field_name("object")
        reader = m.innermost_function(read)
        if reader is None or obj is None or obj.type != "identifier" or m.text(obj) not in m.rel_imports or \
                read.parent is not None and read.parent.type == "call_expression" and \
                read.parent.child_by_field_name("function") == read:
            continue
        member_read = [semantic.fn_key(rel, reader), m.rel_imports[m.text(obj)][0],
                       m.text(read.child_by_field_name("property"))]
        if member_read not in facts.reads:
            facts.reads.append(member_read)
    if facts.injects:
        facts.injectors = injecting_exports(m)
    add_candidates(facts, m, hits, FUNCTIONS)
    return facts


def _built_exports(m: JsModule) -> list[list[str]]:
    """[spec, member] of the project functions whose result the module exports: ``module.exports =
    wrapper.wrapModule({...})``, ``exports.handler = wrap(fn)`` (the function a handler factory returns is the
    handler)."""
    found: list[list[str]] = []
    for value in m.exports.values():
        value = _unwrapped(value)
        if value is None or value.type != "call_expression":
            continue
        head = value.child_by_field_name("function")
        if head is not None and head.type == "identifier" and m.text(head) in m.rel_imports:
            spec, member = m.rel_imports[m.text(head)]
        elif head is not None and head.type == "member_expression" and \
                m.rel_imports.get(m.text(head.child_by_field_name("object")), ("", ""))[1] == "*":
            spec, member = m.rel_imports[m.text(head.child_by_field_name("object"))][0], \
                m.text(head.child_by_field_name("property"))
        else:
            continue
        if [spec, member] not in found:
            found.append([spec, member])
    return found


def _unwrapped(node: Node | None) -> Node | None:
    """The expression inside ``await``, parentheses and TypeScript's ``as`` / ``!``."""
    while node is not None and node.type in ("await_expression", "parenthesized_expression", "as_expression",
                                             "non_null_expression", "satisfies_expression") and node.named_children:
        node = node.named_children[0]
    return node


def _returns_module_constant(m: JsModule, fn: Node, returns: dict[int, list[Node]]) -> bool:
    """Every return of ``fn`` (an arrow's expression body included) is a required module or a module-level
    ``const``: each call gives back the same object (``return log`` where ``const log = require('lambda-log')``).
    ``returns``: the return statements of each function (not of the functions nested in it), by function id."""
    body = fn.child_by_field_name("body")
    if body is None:
        return False
    returned: list[Node | None]
    if body.type != "statement_block":
        returned = [body]
    else:   # (a return statement whose innermost function is ``fn`` lies in its body)
        returned = [r.named_children[0] if r.named_children else None for r in returns.get(fn.id, ())]
    if not returned:
        return False
    for value in returned:
        if value is None or value.type != "identifier" or \
                any(m.text(value) in m.locals.get(f.id, ()) for f in m.functions_around(value)):
            return False
        binding = m.bindings.get(m.text(value))
        if m.text(value) not in m.imports and (binding is None or binding.kind != "const"):
            return False   # a required module, or a module-level const
    return True


def _required_project_spec(m: JsModule, call: Node) -> str | None:
    """``require('./build')``: the project file's spec (None for a package or a computed name)."""
    args = call.child_by_field_name("arguments")
    first = args.named_children[0] if args is not None and args.named_children else None
    if first is None or first.type != "string":
        return None
    raw = m.text(first).strip("\"'`")
    return raw if _project_spec(raw) else None


def _member(member: str) -> str:
    return "default" if member in ("*", "default") else member


ANALYZER = JsAnalyzer()


def guarded_write(m: JsModule, node: Node, name: str) -> bool:
    """True when a write to ``name`` only happens while it is unset: lazy initialisation or a memo cache."""
    pattern = re.compile(rf"!\s*{re.escape(name)}\b|\b{re.escape(name)}\s*[!=]==?\s*(null|undefined|''|\"\")|"
                         rf"typeof\s+{re.escape(name)}\b|\b{re.escape(name)}\s*\.\s*has\s*\(|!\s*{re.escape(name)}\s*\[|"
                         rf"\bin\s+{re.escape(name)}\b|\b{re.escape(name)}\s*\[[^\]]*\]\s*[!=]==?\s*(null|undefined)|"
                         rf"\b{re.escape(name)}\s*(\|\||\?\?)|"
                         # lodash / Ramda / util helpers that test "unset": R.isNil(cache.regions), _.isUndefined(x)
                         rf"\b(isNil|isNull|isUndefined)\s*\(\s*(this\.)?{re.escape(name)}\b")
    set_test = re.compile(rf"^\(\s*(this\.)?{re.escape(name)}(\[[^\]]*\])?\s*\)$")
    mentions = re.compile(rf"\b{re.escape(name)}\b")
    # if (Date.now() < cache.fetchedAt + TTL) return cache.value: a cache with an expiry, refreshed below
    fresh = lambda condition: bool(_CLOCK.search(condition) and mentions.search(condition))   # noqa: E731
    stop = m.request_function(node)
    callbacks = 0
    for anc in itertools.chain((node,), ancestors(node)):
        if anc == stop:
            # a callback passed straight to a call (request(url, function (err, res, body) { x = ... })) runs from
            # where that call is: look on through the function around it (security-workshop, heldout10)
            if callbacks < 2 and anc.parent is not None and anc.parent.type == "arguments" and \
                    anc.type in ("function_expression", "arrow_function", "function"):
                callbacks += 1
                stop = m.request_function(anc.parent)
                continue
            break
        if anc.type in ("if_statement", "ternary_expression"):
            condition = anc.child_by_field_name("condition")
            if condition is not None and (pattern.search(m.text(condition)) or _refresh_block(m, anc, condition)):
                return True
            alternative = anc.child_by_field_name("alternative")
            if anc.type == "if_statement" and condition is not None and alternative is not None and \
                    alternative.start_byte <= node.start_byte < alternative.end_byte and set_test.match(
                        m.text(condition).strip()):
                return True   # if (cache[key]) { use } else { cache[key] = ... }: filled only while unset
        if anc.type == "augmented_assignment_expression" and m.text(anc.child_by_field_name("operator")) in (
                "??=", "||="):
            return True
        if anc.type == "assignment_expression" and pattern.search(m.text(anc.child_by_field_name("right"))):
            return True
        if anc.type == "binary_expression" and pattern.search(m.text(anc)):
            return True
        if anc.parent is not None and anc.parent.type == "statement_block" and (
                _returned_while_set(m, anc, name) or returns_early_before(m, anc, fresh)):
            return True
    return False


_CLOCK = re.compile(r"\bDate\.now\(\)|\bnew Date\(|\.getTime\(\)|\bperformance\.now\(\)")


_ONCE_FLAG = re.compile(r"^\(\s*(?:!\s*([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)\s*===?\s*false)\s*\)$")


def runs_once(m: JsModule, node: Node) -> bool:
    """``node`` sits in ``if (!flag) { ...; flag = true; }`` (or ``flag === false``) on a module variable that the
    block itself sets: one-time initialisation (lambda-streams-to-firehose, heldout10: ``init()`` builds its clients
    and calls ``aws.config.update`` only while ``online`` is unset). The first invocations may race through it, but
    later ones skip it, so what it builds is not built per invocation. The flag may be set in a callback the block
    starts; every enclosing function is looked through, since the callbacks run from inside the block."""
    for anc in ancestors(node):
        if anc.type != "if_statement":
            continue
        consequence = anc.child_by_field_name("consequence")
        condition = anc.child_by_field_name("condition")
        if consequence is None or condition is None or \
                not consequence.start_byte <= node.start_byte < consequence.end_byte:
            continue
        flag = _ONCE_FLAG.match(m.text(condition).strip())
        if flag is None:
            continue
        name = flag.group(1) or flag.group(2)
        tested = next((n for n in walk(condition) if n.type == "identifier" and m.text(n) == name), None)
        if tested is None or m.module_binding(tested) is None:
            continue
        for write in walk(consequence):
            if write.type != "assignment_expression":
                continue
            left, right = write.child_by_field_name("left"), write.child_by_field_name("right")
            if left is not None and left.type == "identifier" and m.text(left) == name and right is not None and \
                    m.text(right).replace(" ", "") in ("true", "!0", "1"):
                return True
    return False


def _returned_while_set(m: JsModule, statement: Node, name: str) -> bool:
    """``if (cached) return cached;`` (or ``cached != null``) before ``statement`` in its block: what follows runs
    only while ``name`` is unset, the early-return form of lazy initialisation."""
    # also ``if (cache.has(key)) return cache.get(key);``: the memo form (what follows fills the missing key)
    set_test = re.compile(rf"^\(\s*(this\.)?{re.escape(name)}((\.\w+)?(\s*!==?\s*(null|undefined))?|"
                          rf"\s*\.\s*has\s*\([^()]*\))\s*\)$")
    # ``if (a !== undefined && b !== undefined) return;``: a group of caches loaded together (heldout16); what
    # follows runs only while one of them is unset, and this one is among those tested
    def when(condition: str) -> bool:
        return set_test.match(condition) is not None or ("&&" in condition and any(
            set_test.match(f"({part.strip()})") for part in condition.strip()[1:-1].split("&&")))

    return returns_early_before(m, statement, when)


def returns_early_before(m: JsModule, statement: Node, when: Callable[[str], bool]) -> bool:
    """An ``if`` without ``else`` before ``statement`` in its block whose condition's text passes ``when`` and
    whose branch ends in ``return``: ``statement`` runs only while that condition is false."""
    sibling = statement.prev_named_sibling
    while sibling is not None:
        if sibling.type == "if_statement" and sibling.child_by_field_name("alternative") is None and \
                when(m.text(sibling.child_by_field_name("condition"))):
            body = sibling.child_by_field_name("consequence")
            last = body.named_children[-1] if body is not None and body.type == "statement_block" and \
                body.named_children else body
            if last is not None and last.type == "return_statement":
                return True
        sibling = sibling.prev_named_sibling
    return False


def _refresh_block(m: JsModule, branch: Node, condition: Node) -> bool:
    """``if (Date.now() > expiry) { token = ...; expiry = ... }``: the block refreshes module state the condition
    tests (a cache with an expiry); invocations racing through it store the same kind of value."""
    tested = {m.text(n) for n in walk(condition) if n.type == "identifier" and m.module_binding(n) is not None}
    if not tested:
        return False
    body = branch.child_by_field_name("consequence") or branch
    for node in walk(body):
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            if left is not None and left.type == "identifier" and m.text(left) in tested:
                return True
    return False


