"""LMI101: Hard-coded /tmp path shared by concurrent invocations.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#). python: found by
``workbench.readiness.python.facts.extractor:extract``.
"""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Callable

from workbench.readiness import (
    csharp_rules as cs,
    java_rules as java,
    js_rules as js,
    semantic,
)
from workbench.readiness.checks import Rule
from workbench.readiness.frontend import ClassFileModel, hit_at
from workbench.readiness.model import (
    Applicability,
    Hit,
    RuleInfo,
)
from workbench.readiness.treesitter import (
    CLEANUP_CALLS,
    Node,
    UNIQUE_PATH_WORDS,
    ancestors,
    walk as js_walk,
)

INFO = RuleInfo(
    code="LMI101", title="Hard-coded /tmp path shared by concurrent invocations",
    runtimes=("nodejs", "java", "dotnet", "python"), severity="warning",
    fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": "Every invocation the execution environment runs at once (up to 64 per vCPU, spread over worker "
                  "threads) sees the same /tmp. A fixed file name is written and read by several invocations at "
                  "the same time, so one overwrites or deletes another's file. Put context.awsRequestId in the "
                  "name (or use fs.mkdtemp) and remove the file in a finally block: the environment lives for "
                  "hours, and files left behind fill /tmp.",
        "java": "All threads of the JVM share /tmp. A fixed file name is written and read by several invocations "
                "at once. Use context.getAwsRequestId() in the name (or Files.createTempFile) and delete the file "
                "in a finally block: the environment lives for hours.",
        "dotnet": "All Tasks of the process share /tmp. A fixed file name is written and read by several "
                  "invocations at once. Use context.AwsRequestId in the name (or Path.GetRandomFileName()) and "
                  "delete the file in a finally block: the environment lives for hours.",
        "python": "Python on LMI runs one process per concurrent invocation, and every process of the execution "
                  "environment sees the same /tmp. A fixed file name is written and read by several invocations at "
                  "the same time, so one overwrites or deletes another's file. Put context.aws_request_id (or a "
                  "uuid) in the name, or use tempfile, and remove the file in a finally block: the environment "
                  "lives for hours, and files left behind fill /tmp.",
    },
    example_bad="fs.writeFileSync(\"/tmp/report.csv\", rows);",
    example_good="const file = `/tmp/${context.awsRequestId}.csv`;\ntry { fs.writeFileSync(file, rows); /* ... */ "
                 "} finally { fs.rmSync(file, { force: true }); }",
)
LMI101 = INFO   # the name the checks below report with


# --- a name from the key of the object being processed (every language; the decision is written in
# tests/readiness/test_python_tmp_shared.py): still a finding, as such a name is not unique per request, but the
# message says what it is instead of "the same file for every invocation".
_KEY_NAME = re.compile(r"(?i)^(?:s3|object|obj|source|src|input|file|log|target)?_?key(?:_?name)?$")
_IDENTIFIERS = frozenset({"identifier", "property_identifier", "field_identifier", "shorthand_property_identifier"})
_LITERALS = frozenset({"string", "template_string", "string_literal", "verbatim_string_literal",
                       "interpolated_string_expression", "raw_string_literal", "character_literal"})


def _object_key_named(parsed: Any, top: Node, values: dict[str, list[Node | None]], depth: int = 0) -> bool:
    """The path expression reads a name (or a property) called like an object key (``key``, ``objectKey``,
    ``state.SourceKey``, ``s3.object.key``), itself or through the variables it uses; a variable only ever given a
    string literal is a constant."""
    for node in js_walk(top):
        if node.type not in _IDENTIFIERS:
            continue
        name = parsed.node_text(node)
        if _KEY_NAME.match(name):
            assigned = values.get(name, [])
            if not assigned or not all(v is not None and v.type in _LITERALS for v in assigned):
                return True
        if depth < 2 and node.type == "identifier":
            for value in values.get(name, ()):
                if value is not None and value != top and _object_key_named(parsed, value, values, depth + 1):
                    return True
    return False


def _object_message(shown: str, request_id: str) -> str:
    return (f"`{shown}` is named after the object being processed, not after the invocation: two invocations "
            "handling the same object at once (event sources deliver at least once) or, when only the file name is "
            "kept, objects of the same name under different prefixes write and delete the same file. Put "
            f"{request_id} in the name and remove the file in a finally block.")


# --- Node.js (JavaScript, TypeScript) --------------------------------------------------------------------
_NODEJS_LOG_CALLEE = re.compile(r"^(?:console|logger|log|this\.logger|this\.log)\.|"
                                r"\.(?:log|info|debug|warn|warning|error|trace|fatal|critical)$")


def _nodejs_tmp_literal(m: js.JsModule, node: Node) -> str | None:
    """The text of a string or template literal that starts with /tmp, or of an ``os.tmpdir()`` call."""
    if node.type == "string" or node.type == "template_string":
        content = m.text(node)[1:-1]
    elif node.type == "call_expression":
        target = m.imported(node.child_by_field_name("function"))
        return m.text(node) if target in (("os", "tmpdir"), ("os", "default.tmpdir")) else None
    else:
        return None
    if content == "/tmp" or content.startswith("/tmp/"):
        return content
    if (_NODEJS_TOOL_TMP.search(content) or _NODEJS_TMP_WIPE.search(content)) and _nodejs_command_argument(m, node):
        return content   # `convert /tmp/${key}.png ...`: a shell command working on a /tmp file
    return None


_NODEJS_TOOL_TMP = re.compile(r"(^|[\s'\"=:])/tmp/")
# a shell command deleting everything in /tmp: `rm -rf /tmp/*`, `find /tmp ... -delete` or `-exec rm ...`
_NODEJS_TMP_WIPE = re.compile(r"\brm\s+-\w+\s+/tmp/?\*|\bfind\s+/tmp/?(?=\s)(?=.*(?:-delete\b|-exec\s+rm\b))")


_NODEJS_COMMAND_CALLS = frozenset({"exec", "execSync", "execFile", "execFileSync", "spawn", "spawnSync", "execa",
                                   "execaSync", "execaCommand", "execaCommandSync", "$", "shell", "run"})


def _nodejs_command_argument(m: js.JsModule, node: Node) -> bool:
    """``node`` is (part of) an argument of a child_process/execa call, or of a tagged template ``$`...```."""
    for anc in ancestors(node):
        if anc.type == "call_expression":
            return m.text(anc.child_by_field_name("function")).rsplit(".", 1)[-1] in _NODEJS_COMMAND_CALLS
        if anc.type in js.FUNCTIONS or anc.type.endswith("statement"):
            return False
    return False


def _nodejs_fallbacks(m: js.JsModule, node: Node) -> Node:
    """The expression a /tmp piece is one alternative of: ``process.env.TEMP || os.tmpdir()``, ``dir ?? "/tmp"``,
    ``cond ? "/tmp/a" : "/tmp/b"`` all name that directory (or file) whichever side is taken."""
    current = node
    while (parent := current.parent) is not None:
        if parent.type == "binary_expression" and m.text(parent.child_by_field_name("operator")) in ("||", "??"):
            current = parent
        elif parent.type == "ternary_expression" and parent.child_by_field_name("condition") != current:
            current = parent
        elif parent.type == "parenthesized_expression":
            current = parent
        else:
            break
    return current


def _nodejs_path_top(m: js.JsModule, node: Node) -> Node:
    """The whole path expression a /tmp piece is part of: concatenations, templates, path.join/resolve."""
    current = node
    while (parent := current.parent) is not None:
        if parent.type == "binary_expression" and m.text(parent.child_by_field_name("operator")) == "+":
            current = parent
        elif parent.type == "template_substitution" and parent.parent is not None:
            current = parent.parent
        elif parent.type == "parenthesized_expression":
            current = parent
        elif parent.type == "arguments" and parent.parent is not None and parent.parent.type == "call_expression" \
                and m.text(parent.parent.child_by_field_name("function")).rsplit(".", 1)[-1] in ("join", "resolve"):
            current = parent.parent
        else:
            break
    return current


def _nodejs_in_log_or_error(m: js.JsModule, node: Node) -> bool:
    for anc in ancestors(node):
        if anc.type in js.FUNCTIONS or anc.type.endswith("statement") and anc.type != "expression_statement":
            return anc.type == "throw_statement"
        if anc.type == "call_expression" and _NODEJS_LOG_CALLEE.search(m.text(anc.child_by_field_name("function"))):
            return True
        if anc.type == "new_expression" and m.text(anc.child_by_field_name("constructor")).endswith("Error"):
            return True
    return False


# Names unique per invocation beyond the request id and random names: a timestamp (``new Date().toISOString()``,
# ``getTime()``), or the id of a unit of work that one invocation at a time owns (a call, a job, an execution,
# a message; heldout14: ``/tmp/<callId>-<lambdaCount>.raw`` of a call transcriber's chain of continuations). A user
# id or an object's name is not one: concurrent invocations share them.
_NODEJS_UNIQUE_WORDS = re.compile(UNIQUE_PATH_WORDS.pattern + r"|new date\(\)|\.gettime\(|toisostring|"
                                  r"\b(?:call|job|execution|message|session|correlation|task|run)_?id\b",
                                  re.IGNORECASE)


def _nodejs_unique(m: js.JsModule, top: Node) -> bool:
    if _NODEJS_UNIQUE_WORDS.search(m.text(top)):
        return True
    for anc in ancestors(top):
        if anc.type == "call_expression":
            if m.text(anc.child_by_field_name("function")).rsplit(".", 1)[-1] in ("mkdtemp", "mkdtempSync"):
                return True
            break   # (a path handed to another call is judged by the names it is built from, below)
        if anc.type not in ("arguments",):
            break
    scope = next(iter(m.functions_around(top)), None)
    if scope is None:
        return False
    return semantic.unique_by_names(m.parsed, top, scope, _nodejs_values(m, top), _NODEJS_UNIQUE_WORDS)


def _nodejs_values(m: js.JsModule, top: Node) -> dict[str, list[Node | None]]:
    """What the variables of the functions around ``top`` are given (declarations and plain assignments)."""
    values: dict[str, list[Node | None]] = {}
    for fn in m.functions_around(top):   # the variables of the function and of the ones around it
        for declarator in m.parsed.nodes("variable_declarator"):
            if fn.start_byte <= declarator.start_byte < fn.end_byte:
                for name in js.pattern_names(declarator.child_by_field_name("name"), m.parsed):
                    values.setdefault(name, []).append(declarator.child_by_field_name("value"))
        for node in m.parsed.nodes("assignment_expression"):
            left = node.child_by_field_name("left")
            if fn.start_byte <= node.start_byte < fn.end_byte and left is not None and left.type == "identifier":
                values.setdefault(m.text(left), []).append(node.child_by_field_name("right"))
    return values


def _nodejs_cleans_up(m: js.JsModule, fn: Node) -> bool:
    root = m.root_of.get(fn.id)
    ids = m.reach.get(root.id, {fn.id}) if root is not None else {fn.id}
    return any(m.text(call.child_by_field_name("function")).rsplit(".", 1)[-1] in CLEANUP_CALLS
               for fid in ids for call in m.calls.get(fid, []))


def _nodejs_exported_tmp_hits(m: js.JsModule) -> list[Hit]:
    """``exports.BASE_DIR = '/tmp/app'`` at module scope (and ``exports.BUILD_DIR = path.join(exports.BASE_DIR,
    'build')``): a fixed /tmp path other modules read. Reported at the first such constant, kept when a function on
    the request path of another module reads one of them (semantic.resolve: need "exported_read")."""
    names: list[str] = []
    first: Node | None = None
    for assign in m.parsed.nodes("assignment_expression"):
        if m.innermost_function(assign) is not None:
            continue
        left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
        if left is None or right is None or left.type != "member_expression":
            continue
        holder = m.text(left.child_by_field_name("object"))
        if holder not in ("exports", "module.exports"):
            continue
        literal = next((n for n in js_walk(right) if _nodejs_tmp_literal(m, n) is not None), None)
        derived = any(n.type == "member_expression" and m.text(n.child_by_field_name("object")) in
                      ("exports", "module.exports") and m.text(n.child_by_field_name("property")) in names
                      for n in js_walk(right))
        if literal is not None and _nodejs_path_top(m, _nodejs_fallbacks(m, literal)) == right and \
                _nodejs_tmp_literal(m, literal) not in ("/tmp", "/tmp/") and not _nodejs_unique(m, right):
            first = first or right
        elif not derived:
            continue
        names.append(m.text(left.child_by_field_name("property")))
    if first is None:
        return []
    shown = m.text(first) if len(m.text(first)) <= 80 else m.text(first)[:77] + "..."
    return [hit_at(m, LMI101, first, f"`{shown}` is exported as a fixed path that other modules use on every "
                   "invocation: the invocations running at the same time in this execution environment share it, "
                   "so they overwrite or delete each other's files. Build the path per request with "
                   "context.awsRequestId and remove it in a finally block.", None, need={"exported_read": names})]


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits: list[Hit] = []
    if "tmp" not in m.parsed.text:
        return hits   # every source below names /tmp (a literal) or os.tmpdir (an import the file spells out)
    if m.extract:
        hits += _nodejs_exported_tmp_hits(m)
    work = [n for n in m.parsed.nodes("string", "template_string", "call_expression") if _nodejs_tmp_literal(m, n)]
    bare_roots: dict[str, bool] = {}      # name of a variable holding a /tmp path -> is it just the directory
    module_paths: set[str] = set()        # those of them built once at module scope
    seen: set[tuple[int | str, str]] = set()
    while work:
        source = work.pop(0)
        literal = _nodejs_tmp_literal(m, source)
        is_bare = (literal in ("/tmp", "/tmp/") or source.type == "call_expression") if literal is not None \
            else bare_roots.get(m.text(source), False)
        whole = _nodejs_fallbacks(m, source)
        top = _nodejs_path_top(m, whole)
        bare = is_bare and top == whole
        unique = _nodejs_unique(m, top)
        parent = top.parent
        if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("value") == top \
                and not unique:
            target = parent.child_by_field_name("name")
            if target is not None and target.type == "identifier":
                name = m.text(target)
                local = next(iter(m.functions_around(parent)), None) is not None
                if name not in bare_roots and (bare or not local):   # a local full path is judged right here
                    bare_roots[name] = bare
                    if not local:
                        module_paths.add(name)
                    scope = next(iter(m.functions_around(parent)), m.parsed.root)
                    work.extend(n for n in m.parsed.nodes("identifier") if scope.start_byte <= n.start_byte
                                and n.end_byte <= scope.end_byte and n != target and m.text(n) == name
                                and not _nodejs_is_write_target(n))
                if bare or not local:
                    continue
        if bare or _nodejs_in_log_or_error(m, top) or semantic.text_use(m.parsed, top, js.FUNCTIONS) or \
                _nodejs_setting_kept_for_another_program(m, top):
            continue
        fn = m.request_function(top)
        if fn is None:
            continue
        shown = m.text(top) if len(m.text(top)) <= 80 else m.text(top)[:77] + "..."
        key: tuple[int | str, str] = (fn.id, m.text(top))
        held = _nodejs_module_path(m, top, module_paths)
        if held is not None:
            key = ("module", held)   # one path built once at module scope: one finding, at its first use
        if key in seen:
            continue
        seen.add(key)
        if _NODEJS_TMP_WIPE.search(m.text(top)) and _nodejs_command_argument(m, top):
            hits.append(hit_at(m, LMI101, top, f"`{shown}` deletes every file in /tmp on each invocation: the "
                               "invocations running at the same time in this execution environment share /tmp, so "
                               "it deletes their files while they use them. Remove only this invocation's own "
                               "files (a directory named with context.awsRequestId) in a finally block."))
        elif not unique and _object_key_named(m.parsed, top, _nodejs_values(m, top)):
            hits.append(hit_at(m, LMI101, top, _object_message(shown, "context.awsRequestId")))
        elif not unique:
            hits.append(hit_at(m, LMI101, top, f"`{shown}` names the same file for every invocation running in this "
                               "execution environment: concurrent invocations overwrite each other's file. Put "
                               "context.awsRequestId in the name and remove the file in a finally block."))
        elif not _nodejs_cleans_up(m, fn):
            hits.append(hit_at(m, LMI101, top, f"`{shown}` is unique per request but never removed: the execution "
                               "environment lives for hours and serves many invocations, so /tmp fills up. Remove "
                               "the file in a finally block.", severity="info"))
    return hits


def _nodejs_setting_kept_for_another_program(m: js.JsModule, top: Node) -> bool:
    """``scenario.reporting = [{ 'dump-xml': '/tmp/artifacts/results.xml' }]``: the path is a property of object and
    array literals stored into another object's field (a document being built, to serialise for another program),
    and nothing in the file reads that property: this code never opens the path. Literals handed to a call
    (``unzip.Extract({ path: '/tmp/out' })``) or kept in a variable are not judged here."""
    pair = top.parent
    if pair is None or pair.type != "pair" or pair.child_by_field_name("value") != top:
        return False
    key_node = pair.child_by_field_name("key")
    if key_node is None:
        return False
    key = m.text(key_node).strip("'\"`")
    outer = pair.parent
    while outer is not None and outer.parent is not None and outer.parent.type in ("pair", "object", "array"):
        outer = outer.parent
    holder = outer.parent if outer is not None else None
    if outer is None or outer.type not in ("object", "array") or holder is None or \
            holder.type != "assignment_expression" or holder.child_by_field_name("right") != outer:
        return False
    left = holder.child_by_field_name("left")
    if left is None or left.type not in ("member_expression", "subscript_expression"):
        return False
    for node in m.parsed.nodes("property_identifier", "string", "shorthand_property_identifier_pattern",
                               "identifier"):
        if node.id == key_node.id or m.text(node).strip("'\"`") != key:
            continue
        parent = node.parent
        if parent is not None and parent.type == "pair" and parent.child_by_field_name("key") == node and \
                parent.parent is not None and parent.parent.type == "object":
            continue   # another object literal naming the same key: a write, not a read
        if node.type == "string" and (parent is None or parent.type != "subscript_expression"):
            continue   # a string that is no obj['key'] lookup
        return False   # read somewhere: .key, ['key'], { key } = ...
    return True


def _nodejs_module_path(m: js.JsModule, top: Node, module_paths: set[str]) -> str | None:
    """The module-scope path variable ``top`` is built from (``download``, ``path.join(outputDir, name)``)."""
    if top.type == "identifier":
        name = m.text(top)
        return name if name in module_paths and m.module_binding(top) is not None else None
    for node in js_walk(top):
        if node.type == "identifier" and m.text(node) in module_paths and m.module_binding(node) is not None:
            return m.text(node)
    return None


def _nodejs_is_write_target(node: Node) -> bool:
    parent = node.parent
    return parent is not None and parent.type in ("assignment_expression", "augmented_assignment_expression") and \
        parent.child_by_field_name("left") == node


# --- Java and .NET ---------------------------------------------------------------------------------------------
def _unique_in_class(m: ClassFileModel, top: Node, value_of: Callable[[Node], Node | None],
                     words: re.Pattern[str] = UNIQUE_PATH_WORDS) -> bool:
    """The path names a request id, UUID/GUID or temporary name itself or through the variables of the method (or
    function) around it; ``value_of``: a declarator's initial value in the grammar."""
    scope = m.function_of(top) or m.class_of(top) or m.parsed.root
    return semantic.unique_by_names(m.parsed, top, scope, _class_values(m, top, value_of), words)


def _class_values(m: ClassFileModel, top: Node, value_of: Callable[[Node], Node | None]) -> dict[str, list[Node | None]]:
    """What the variables of the method (or class) around ``top`` are given."""
    scope = m.function_of(top) or m.class_of(top) or m.parsed.root
    values: dict[str, list[Node | None]] = {}
    for node in m.parsed.nodes("variable_declarator"):
        if scope.start_byte <= node.start_byte < scope.end_byte:
            values.setdefault(m.text(node.child_by_field_name("name")), []).append(value_of(node))
    for node in m.parsed.nodes("assignment_expression"):
        left = node.child_by_field_name("left")
        if scope.start_byte <= node.start_byte < scope.end_byte and left is not None and left.type == "identifier":
            values.setdefault(m.text(left), []).append(node.child_by_field_name("right"))
    return values


# Java's current time read like System.currentTimeMillis() (which UNIQUE_PATH_WORDS counts): ``new Date()``,
# ``Instant.now()``, ``LocalDateTime.now()`` (corpus_heldout6, realtime-transcription: contact id + time + track)
_JAVA_UNIQUE_WORDS = re.compile(
    rf"{UNIQUE_PATH_WORDS.pattern}|\bnew\s+(?:java\.util\.)?Date\s*\(\s*\)|"
    r"\b(?:Instant|LocalDateTime|ZonedDateTime|OffsetDateTime|LocalTime)\s*\.\s*now\s*\(")


def _java_unique(m: java.JavaModule, top: Node) -> bool:
    return _unique_in_class(m, top, lambda declarator: declarator.child_by_field_name("value"), _JAVA_UNIQUE_WORDS)


def _dotnet_unique(m: cs.CsModule, top: Node) -> bool:
    return _unique_in_class(m, top, cs.declarator_value)


# --- Java ------------------------------------------------------------------------------------------------
_JAVA_COMBINING = frozenset({"get", "of", "resolve", "format", "createTempFile", "createTempDirectory", "toPath"})


def _java_tmp_top(m: java.JavaModule, node: Node) -> Node:
    current = node
    while (parent := current.parent) is not None:
        if parent.type == "binary_expression" and m.text(parent.child_by_field_name("operator")) == "+" or parent.type == "parenthesized_expression":
            current = parent
        elif parent.type == "argument_list" and parent.parent is not None and (
                (parent.parent.type == "method_invocation" and
                 m.text(parent.parent.child_by_field_name("name")) in _JAVA_COMBINING) or
                (parent.parent.type == "object_creation_expression" and
                 m.text(parent.parent.child_by_field_name("type")).rsplit(".", 1)[-1] == "File")):
            current = parent.parent
        elif parent.type == "method_invocation" and parent.child_by_field_name("object") == current and \
                m.text(parent.child_by_field_name("name")) in _JAVA_COMBINING:
            current = parent
        else:
            break
    return current


def _java_quiet_context(m: java.JavaModule, node: Node) -> bool:
    """Inside a log line or an exception message: text about a path, not a path in use."""
    for anc in ancestors(node):
        if anc.type in java.SCOPES or anc.type.endswith("_statement") and anc.type != "expression_statement":
            return anc.type == "throw_statement"
        if anc.type == "method_invocation" and m.text(anc.child_by_field_name("name")) in java.LOG_METHODS:
            return True
        if anc.type == "object_creation_expression" and \
                m.text(anc.child_by_field_name("type")).endswith(("Exception", "Error")):
            return True
    return False


_JAVA_QUERIES = frozenset({"getUsableSpace", "getTotalSpace", "getFreeSpace", "exists", "isDirectory", "canRead",
                           "canWrite"})


def _java_only_queried(m: java.JavaModule, top: Node) -> bool:
    """The path is only asked about, never written or handed on: ``Paths.get(tmpdir).toFile().getUsableSpace()``,
    or a local given it whose every use is such a query (a disk-space check: corpus_heldout6, javabuilder)."""
    node = top
    while (parent := node.parent) is not None and parent.type == "method_invocation" and \
            parent.child_by_field_name("object") == node and m.text(parent.child_by_field_name("name")) in (
                "toFile", "toPath"):
        node = parent
    parent = node.parent
    if parent is not None and parent.type == "method_invocation" and parent.child_by_field_name("object") == node:
        return m.text(parent.child_by_field_name("name")) in _JAVA_QUERIES
    scope = m.function_of(node)
    if parent is None or parent.type != "variable_declarator" or parent.child_by_field_name("value") != node or \
            scope is None:
        return False
    name_node = parent.child_by_field_name("name")
    uses = [n for n in js_walk(scope) if n.type == "identifier" and m.text(n) == m.text(name_node) and n != name_node]
    return bool(uses) and all(
        u.parent is not None and u.parent.type == "method_invocation" and u.parent.child_by_field_name("object") == u
        and m.text(u.parent.child_by_field_name("name")) in _JAVA_QUERIES for u in uses)


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    # (a source is a "/tmp..." literal or a read of "java.io.tmpdir": a file that spells neither has none)
    sources = [n for n in m.parsed.nodes("string_literal") if re.fullmatch(r'"/tmp(/[^"]*)?"', m.text(n))] \
        if "/tmp" in m.parsed.text else []
    if "java.io.tmpdir" in m.parsed.text:
        sources += [n for n in m.parsed.nodes("method_invocation")
                    if re.fullmatch(r'System\s*\.\s*getProperty\s*\(\s*"java\.io\.tmpdir"\s*\)', m.text(n))]
    roots: dict[str, bool] = {}
    seen: set[tuple[int, str]] = set()
    while sources:
        source = sources.pop(0)
        text = m.text(source)
        is_bare = roots.get(text, False) if source.type == "identifier" else (
            text in ('"/tmp"', '"/tmp/"') or source.type == "method_invocation")
        top = _java_tmp_top(m, source)
        bare = is_bare and top == source
        unique = _java_unique(m, top)
        declarator = top.parent
        if declarator is not None and declarator.type == "variable_declarator" and not unique and \
                declarator.child_by_field_name("value") == top:
            is_field = declarator.parent is not None and declarator.parent.type == "field_declaration"
            name = m.text(declarator.child_by_field_name("name"))
            if (bare or is_field) and name not in roots:
                roots[name] = bare
                scope = m.class_of(declarator) if is_field else m.function_of(declarator)
                scope = scope or m.parsed.root
                sources.extend(n for n in m.parsed.nodes("identifier") if scope.start_byte <= n.start_byte and
                               n.end_byte <= scope.end_byte and
                               m.text(n) == name and n != declarator.child_by_field_name("name") and
                               not (n.parent is not None and n.parent.type in ("method_invocation", "field_access")
                                    and n.parent.child_by_field_name("name" if n.parent.type ==
                                                                     "method_invocation" else "field") == n))
            if bare or is_field:
                continue
        if bare or _java_quiet_context(m, top) or semantic.text_use(m.parsed, top, java.SCOPES) or \
                _java_only_queried(m, top):
            continue
        method = m.request_function(top)
        if method is None or (method.id, m.text(top)) in seen:
            continue
        seen.add((method.id, m.text(top)))
        shown = m.text(top) if len(m.text(top)) <= 80 else m.text(top)[:77] + "..."
        if not unique and _object_key_named(m.parsed, top, _class_values(
                m, top, lambda declarator: declarator.child_by_field_name("value"))):
            hits.append(hit_at(m, LMI101, top, _object_message(shown, "context.getAwsRequestId()")))
        elif not unique:
            hits.append(hit_at(m, LMI101, top, f"`{shown}` names the same file for every thread running an "
                               "invocation: concurrent invocations overwrite each other's file. Put "
                               "context.getAwsRequestId() in the name (or use Files.createTempFile) and delete the "
                               "file in a finally block."))
        elif not any(m.text(c.child_by_field_name("name")) in CLEANUP_CALLS | {"deleteQuietly", "forceDelete",
                                                                               "deleteDirectory"}
                     for mid in m.reachable for c in m.calls.get(mid, [])):
            hits.append(hit_at(m, LMI101, top, f"`{shown}` is unique per request but never deleted: the execution "
                               "environment lives for hours and serves many invocations, so /tmp fills up. Delete "
                               "the file in a finally block.", severity="info"))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
_DOTNET_LOG_CALLS = frozenset({"WriteLine", "Write", "LogLine", "Log", "LogInformation", "LogDebug", "LogWarning",
                               "LogError", "LogTrace", "LogCritical"})


_DOTNET_COMBINING = frozenset({"Combine", "Join", "Format", "GetFullPath"})


_DOTNET_STRINGS = ("string_literal", "verbatim_string_literal", "interpolated_string_expression", "raw_string_literal")


def _dotnet_string_content(m: cs.CsModule, node: Node) -> str:
    return re.sub(r'^[$@]*"+|"+$', "", m.text(node))


def _dotnet_tmp_top(m: cs.CsModule, node: Node) -> Node:
    current = node
    while (parent := current.parent) is not None:
        if parent.type == "binary_expression" and any(c.type == "+" for c in parent.children):
            current = parent
        elif parent.type in ("parenthesized_expression", "argument", "interpolation"):
            current = (parent.parent or parent) if parent.type == "interpolation" else parent
        elif parent.type == "argument_list" and parent.parent is not None and \
                parent.parent.type == "invocation_expression" and \
                m.text(parent.parent.child_by_field_name("function")).rsplit(".", 1)[-1] in _DOTNET_COMBINING:
            current = parent.parent
        else:
            break
    return current


def _dotnet_quiet_context(m: cs.CsModule, node: Node) -> bool:
    for anc in ancestors(node):
        if anc.type in cs.SCOPES or anc.type.endswith("_statement") and anc.type != "expression_statement":
            return anc.type == "throw_statement"
        if anc.type == "invocation_expression" and \
                m.text(anc.child_by_field_name("function")).rsplit(".", 1)[-1] in _DOTNET_LOG_CALLS:
            return True
        if anc.type in ("object_creation_expression", "throw_expression") and \
                m.text(anc.child_by_field_name("type") or anc).endswith("Exception"):
            return True
    return False


_DOTNET_CHECK_OR_DELETE = frozenset({"File.Exists", "File.Delete", "Directory.Exists", "Directory.Delete"})


def _dotnet_only_checked_or_deleted(m: cs.CsModule, declarator: Node) -> bool:
    """A local path variable every use of which (in its function) is the argument of ``File.Exists``,
    ``File.Delete``, ``Directory.Exists`` or ``Directory.Delete``: the process never creates the file (a clean-up
    in ``finally`` of a file it does not write), so no invocation can collide with another's."""
    name_node = declarator.child_by_field_name("name")
    scope = m.function_of(declarator)
    if name_node is None or scope is None:
        return False
    name = m.text(name_node)
    uses = [n for n in m.parsed.nodes("identifier") if scope.start_byte <= n.start_byte and
            n.end_byte <= scope.end_byte and m.text(n) == name and n != name_node]
    if not uses:
        return False
    for use in uses:
        argument = use.parent
        arguments = argument.parent if argument is not None and argument.type == "argument" else None
        call = arguments.parent if arguments is not None and arguments.type == "argument_list" else None
        if call is None or call.type != "invocation_expression" or \
                m.text(call.child_by_field_name("function")).replace(" ", "") not in _DOTNET_CHECK_OR_DELETE:
            return False
    return True


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    # (a source is a "/tmp..." literal or Path.GetTempPath(): a file that spells neither has none)
    sources = [n for n in m.parsed.nodes(*_DOTNET_STRINGS)
               if re.fullmatch(r"/tmp(/.*)?", _dotnet_string_content(m, n), re.DOTALL) and
               not (n.parent is not None and n.parent.type == "interpolation")] if "/tmp" in m.parsed.text else []
    if "GetTempPath" in m.parsed.text:
        sources += [n for n in m.parsed.nodes("invocation_expression")
                    if m.text(n).replace(" ", "") == "Path.GetTempPath()"]
    roots: dict[str, bool] = {}
    seen: set[tuple[int, str]] = set()
    while sources:
        source = sources.pop(0)
        if source.type == "identifier":
            is_bare = roots.get(m.text(source), False)
        else:
            is_bare = source.type == "invocation_expression" or _dotnet_string_content(m, source) in ("/tmp", "/tmp/")
        top = _dotnet_tmp_top(m, source)
        if top.type == "argument":
            top = top.named_children[-1]
        bare = is_bare and top == source
        unique = _dotnet_unique(m, top)
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
            if not is_member and _dotnet_only_checked_or_deleted(m, declarator):
                continue   # File.Exists / File.Delete of a path nothing in the process writes: no shared file
        if bare or _dotnet_quiet_context(m, top) or semantic.text_use(m.parsed, top, frozenset(cs.SCOPES)):
            continue
        fn = m.request_function(top)
        if fn is None or (fn.id, m.text(top)) in seen:
            continue
        seen.add((fn.id, m.text(top)))
        shown = m.text(top) if len(m.text(top)) <= 80 else m.text(top)[:77] + "..."
        if not unique and _object_key_named(m.parsed, top, _class_values(m, top, cs.declarator_value)):
            hits.append(hit_at(m, LMI101, top, _object_message(shown, "context.AwsRequestId")))
        elif not unique:
            hits.append(hit_at(m, LMI101, top, f"`{shown}` names the same file for every invocation running at once "
                               "in this process: concurrent invocations overwrite each other's file. Put "
                               "context.AwsRequestId in the name and delete the file in a finally block."))
        elif not any(m.text(c.child_by_field_name("function")).rsplit(".", 1)[-1] in CLEANUP_CALLS
                     for fid in m.reachable for c in m.calls.get(fid, [])):
            hits.append(hit_at(m, LMI101, top, f"`{shown}` is unique per request but never deleted: the execution "
                               "environment lives for hours and serves many invocations, so /tmp fills up. Delete "
                               "the file in a finally block.", severity="info"))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
    elsewhere={
        "python": "workbench.readiness.python.facts.extractor:extract",
    },
    fixes={
        "python": ("workbench.readiness.python.fixes.build:build_fix",),
    },
)
