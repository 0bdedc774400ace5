"""Fixes for the Java rules, as character edits of the scanned text (``None`` when not exact)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.readiness.frontend import hoist_to_static_field
from workbench.readiness.model import Applicability, Edit, Fix
from workbench.readiness.treesitter import Node, walk

if TYPE_CHECKING:
    from workbench.readiness.java_rules import FieldInfo, JavaModule

_CLIENT = re.compile(r"^[A-Z]\w*(?:Client|AsyncClient)$")


def add_import(m: JavaModule, qualified: str) -> Edit | None:
    """An edit importing ``qualified`` after the last import (or the package line), unless it is imported."""
    package = qualified.rsplit(".", 1)[0]
    imports = [i for i in m.parsed.nodes("import_declaration") if "static" not in m.text(i).split()]
    if any(re.sub(r"\s+", "", m.text(i)) in (f"import{qualified};", f"import{package}.*;") for i in imports):
        return None
    if imports:   # in order among the imports, when they are sorted
        later = [i for i in imports if m.text(i).split()[-1].rstrip(";") > qualified]
        if later and later[0] != imports[0] and m.parsed.statement_lines(later[0]) is not None:
            at = m.parsed.line_start(m.parsed.start(later[0]))
        else:
            at = m.parsed.line_end(m.parsed.end(imports[-1]))
        return Edit(at, at, f"import {qualified};\n")
    packages = m.parsed.nodes("package_declaration")
    if packages:
        at = m.parsed.line_end(m.parsed.end(packages[0]))
        return Edit(at, at, f"\nimport {qualified};\n")
    return Edit(0, 0, f"import {qualified};\n\n")


def _replace_class_name(m: JavaModule, type_node: Node | None, old: set[str], new: str) -> Edit | None:
    """Rename the class of a type (``HashMap<K, V>`` -> ``ConcurrentHashMap<K, V>``)."""
    if type_node is None:
        return None
    if type_node.type == "scoped_type_identifier":   # java.text.DateFormat: the last part names the class
        type_node = type_node.named_children[-1]
    name = type_node if type_node.type == "type_identifier" else next(
        (c for c in type_node.named_children if c.type in ("type_identifier", "scoped_type_identifier")), None)
    if name is not None and name.type == "scoped_type_identifier":
        name = name.named_children[-1]
    if name is None or m.text(name) not in old:
        return None
    return Edit(m.parsed.start(name), m.parsed.end(name), new)


def _static_reads(m: JavaModule, expr: Node, cls: Node) -> tuple[bool, str | None, Node | None]:
    """Whether ``expr`` can initialise a static field of ``cls``: (possible at all, why it needs review — None
    when it provably compiles, the last field declaration of ``cls`` it reads — the field must come after it,
    or javac says "illegal forward reference").

    Not possible: ``this``/``super``, lambdas, locals and parameters, instance fields of the class ("non-static
    variable cannot be referenced from a static context"), non-final static fields, lower-case names the class
    does not declare (inherited or an outer class's). A capitalised CamelCase name is a class; an ALL_CAPS name the
    class does not declare (inherited, statically imported) might be an instance constant: review."""
    review = None
    last: Node | None = None
    for node in walk(expr):
        if node.type in ("this", "super", "lambda_expression", "method_reference"):
            return False, None, None
        if node.type != "identifier":
            continue
        parent = node.parent
        if parent is not None and ((parent.type == "method_invocation" and parent.child_by_field_name("name") == node)
                                   or (parent.type == "field_access" and parent.child_by_field_name("field") == node)):
            continue
        name = m.text(node)
        if any(name in m.locals.get(s.id, ()) for s in m.scopes_around(node)):
            return False, None, None
        owned = [f for f in m.members.get(name, []) if f.owner == cls]
        if owned:
            info = owned[0]
            if not (info.static and info.final):
                return False, None, None
            if last is None or m.parsed.start(info.declaration) > m.parsed.start(last):
                last = info.declaration
            continue
        if name[:1].isupper() and not name.isupper():
            continue   # a class name (Region, S3Client, System)
        if name.isupper() and name[:1].isalpha():
            review = (f"`{name}` is not declared in this class (inherited or statically imported): check that it "
                      "is static")
            continue
        return False, None, None
    return True, review, last


def _builds_without_checked_exceptions(m: JavaModule, creation: Node) -> bool:
    """An AWS SDK v2 builder chain (``X.builder()...build()``) or ``X.create()``: no checked exception, so it can
    run in a static initialiser. A constructor (``new AmazonS3Client(...)``) or another factory might throw one
    ("unreported exception ... must be caught")."""
    if creation.type != "method_invocation":
        return False
    name = m.text(creation.child_by_field_name("name"))
    if name == "create":
        return True
    if name != "build":
        return False
    node: Node | None = creation
    while node is not None and node.type == "method_invocation":
        if m.text(node.child_by_field_name("name")) == "builder":
            return True
        node = node.child_by_field_name("object")
    return False


def hoist_client(m: JavaModule, creation: Node, client: str) -> Fix | None:
    """``S3Client s3 = S3Client.builder()...build();`` in a method -> a ``private static final`` field, placed
    after the static constants it reads. Safe only when it provably compiles and behaves the same: see
    ``_static_reads`` and ``_builds_without_checked_exceptions``; otherwise needs review, with the reason."""
    declarator = creation.parent
    if declarator is None or declarator.type != "variable_declarator" or \
            declarator.child_by_field_name("value") != creation:
        return None
    declaration = declarator.parent
    if declaration is None or declaration.type != "local_variable_declaration" or \
            len([c for c in declaration.named_children if c.type == "variable_declarator"]) != 1:
        return None
    type_text = m.text(declaration.child_by_field_name("type"))
    if type_text == "var":
        if not _CLIENT.match(client):
            return None
        type_text = client
    name = m.text(declarator.child_by_field_name("name"))
    cls = m.class_of(declaration)
    method = m.function_of(declaration)
    if cls is None or cls.type != "class_declaration":
        return None   # interfaces (no private fields), enums (constants come first), records: not here
    body = cls.child_by_field_name("body")
    if body is None or method is None or not body.named_children or m.members.get(name):
        return None
    possible, review, last = _static_reads(m, creation, cls)
    if not possible:
        return None
    if review is None and not _builds_without_checked_exceptions(m, creation):
        review = "its constructor or factory may throw a checked exception, which a static initialiser cannot"
    for node in walk(method):
        if node.type == "method_invocation" and m.text(node.child_by_field_name("object")) == name and \
                m.text(node.child_by_field_name("name")) in ("close", "shutdown"):
            return None
        if node.type == "assignment_expression" and m.text(node.child_by_field_name("left")) == name:
            return None
    return hoist_to_static_field(m.parsed, declaration, creation, body.named_children[0], last,
                                 f"private static final {type_text} {name}",
                                 f"Build `{name}` once, in a private static final field shared by all threads", review)


def to_concurrent_hash_map(m: JavaModule, info: FieldInfo) -> Fix | None:
    """``new HashMap<>()`` -> ``new ConcurrentHashMap<>()`` (and a declared ``HashMap`` type), with the import."""
    value = info.value
    if value is None or value.type != "object_creation_expression":
        return None
    edits = [_replace_class_name(m, value.child_by_field_name("type"), {"HashMap"}, "ConcurrentHashMap"),
             _replace_class_name(m, info.type_node, {"HashMap"}, "ConcurrentHashMap"),
             add_import(m, "java.util.concurrent.ConcurrentHashMap")]
    if edits[0] is None:
        return None
    return Fix(
        description=f"Make `{info.name}` a ConcurrentHashMap (it rejects null keys and values: check the callers)",
        applicability=Applicability.NEEDS_REVIEW,
        edits=m.parsed.native(e for e in edits if e is not None),
    )


def to_date_time_formatter(m: JavaModule, info: FieldInfo) -> Fix | None:
    """``new SimpleDateFormat(pattern[, locale])`` -> ``DateTimeFormatter.ofPattern(pattern[, locale])``."""
    value = info.value
    if value is None or value.type != "object_creation_expression" or \
            m.text(value.child_by_field_name("type")).rsplit(".", 1)[-1] != "SimpleDateFormat":
        return None
    args = value.child_by_field_name("arguments")
    if args is None or not 1 <= len(args.named_children) <= 2:
        return None
    edits = [Edit(m.parsed.start(value), m.parsed.end(value), f"DateTimeFormatter.ofPattern{m.text(args)}"),
             _replace_class_name(m, info.type_node, {"SimpleDateFormat", "DateFormat"}, "DateTimeFormatter"),
             add_import(m, "java.time.format.DateTimeFormatter")]
    return Fix(
        description=f"Make `{info.name}` an immutable DateTimeFormatter; its callers must pass java.time values "
                    "(e.g. date.toInstant().atZone(zone)) and parse with LocalDate.parse(text, formatter)",
        applicability=Applicability.NEEDS_REVIEW,
        edits=m.parsed.native(e for e in edits if e is not None),
    )
