"""Fixes for the C# rules, as character edits of the scanned text (``None`` when not exact)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from workbench.readiness.frontend import hoist_to_static_field
from workbench.readiness.model import Applicability, Edit, Fix
from workbench.readiness.treesitter import Node, walk

if TYPE_CHECKING:
    from workbench.readiness.csharp_rules import CsModule, Member


def add_using(m: CsModule, namespace: str) -> Edit | None:
    """An edit adding ``using <namespace>;`` among the usings (in order when they are sorted), unless present."""
    usings = [u for u in m.parsed.nodes("using_directive") if "=" not in m.text(u) and " static " not in m.text(u)]
    if any(m.text(u).split()[-1].rstrip(";") == namespace for u in usings):
        return None
    if usings:
        later = [u for u in usings if m.text(u).split()[-1].rstrip(";") > namespace]
        if later and later[0] != usings[0] and m.parsed.statement_lines(later[0]) is not None:
            at = m.parsed.line_start(m.parsed.start(later[0]))
        else:
            at = m.parsed.line_end(m.parsed.end(usings[-1]))
        indent = m.parsed.indent_of(m.parsed.start(usings[-1]))
        return Edit(at, at, f"{indent}using {namespace};\n")
    return Edit(0, 0, f"using {namespace};\n\n")


def _rename_type(m: CsModule, type_node: Node | None, old: str, new: str) -> Edit | None:
    if type_node is None:
        return None
    name = type_node if type_node.type == "identifier" else next(
        (c for c in type_node.named_children if c.type == "identifier"), None) if type_node.type == "generic_name" \
        else None
    if type_node.type == "qualified_name":
        return _rename_type(m, type_node.child_by_field_name("name"), old, new)
    if name is None or m.text(name) != old:
        return None
    return Edit(m.parsed.start(name), m.parsed.end(name), new)


_TYPE_PARENTS = frozenset({"object_creation_expression", "generic_name", "qualified_name", "type_argument_list",
                           "array_type", "nullable_type", "cast_expression", "typeof_expression"})


def _static_reads(m: CsModule, expr: Node, cls: Node) -> tuple[bool, str | None, Node | None]:
    """Whether ``expr`` can initialise a static readonly field of ``cls``: (possible at all, why it needs review —
    None when it provably compiles and reads the same values, the last member declaration of ``cls`` it reads).

    Static field initialisers run in textual order, so a static member declared below the new field would still
    hold its default (null) when the field is built: the field goes after the last one it reads. Instance members
    cannot be read at all (CS0120); a bare name the class does not declare (inherited, a property of a base
    class) needs review; ``X.Y`` and type names are types."""
    review = None
    last: Node | None = None
    for node in walk(expr):
        if node.type in ("this_expression", "this", "base_expression", "lambda_expression", "await_expression"):
            return False, None, None
        if node.type != "identifier":
            continue
        parent = node.parent
        if parent is not None and parent.type == "member_access_expression" and \
                parent.child_by_field_name("name") == node:
            continue
        name = m.text(node)
        if any(name in m.locals.get(s.id, ()) for s in m.scopes_around(node)):
            return False, None, None
        owned = [x for x in m.members.get(name, []) if x.owner == cls]
        if owned:
            if not (owned[0].static and owned[0].immutable):
                return False, None, None
            if last is None or m.parsed.start(owned[0].declaration) > m.parsed.start(last):
                last = owned[0].declaration
            continue
        if not name[:1].isupper():
            return False, None, None
        if parent is not None and (parent.type in _TYPE_PARENTS or (
                parent.type == "member_access_expression" and parent.child_by_field_name("expression") == node)):
            continue   # a type or a namespace: RegionEndpoint.USEast1, new AmazonS3Client(...)
        review = f"`{name}` is not declared in this class (inherited?): check that it is static"
    return True, review, last


def hoist_client(m: CsModule, creation: Node, client: str) -> Fix | None:
    """``var s3 = new AmazonS3Client(config);`` in a method -> a ``static readonly`` field of the class, after the
    static members it reads; safe only when every name it reads is provably static (see ``_static_reads``)."""
    declarator = creation.parent
    if declarator is None or declarator.type != "variable_declarator":
        return None
    variables = declarator.parent
    statement = variables.parent if variables is not None else None
    if variables is None or statement is None or statement.type != "local_declaration_statement" or \
            any(c.type == "using" for c in statement.children) or \
            len([c for c in variables.named_children if c.type == "variable_declarator"]) != 1:
        return None
    type_node = variables.child_by_field_name("type")
    type_text = client if type_node is None or type_node.type == "implicit_type" else m.text(type_node)
    name = m.text(declarator.child_by_field_name("name"))
    cls = m.class_of(statement)
    fn = m.function_of(statement)
    body = cls.child_by_field_name("body") if cls is not None else None
    members = [c for c in body.named_children] if body is not None else []
    if cls is None or not members or fn is None or m.members.get(name):
        return None
    possible, review, last = _static_reads(m, creation, cls)
    if not possible:
        return None
    if re.search(rf"\b{re.escape(name)}\s*(\.\s*Dispose\s*\(|=[^=>])", m.text(fn).replace(m.text(statement), "")):
        return None
    return hoist_to_static_field(m.parsed, statement, creation, members[0], last,
                                 f"private static readonly {type_text} {name}",
                                 f"Create `{name}` once, in a static readonly field shared by every invocation",
                                 review)


def _adds_and_removes(m: CsModule) -> dict[int, list[tuple[Node, Node]]]:
    """``X.Add(...)`` and ``X.Remove(...)`` calls by the member ``X`` they are made on (computed once a file)."""
    found = cast("dict[int, list[tuple[Node, Node]]] | None", m.memo.get("adds_and_removes"))
    if found is None:
        found = {}
        for call in m.parsed.nodes("invocation_expression"):
            function = call.child_by_field_name("function")
            if function is None or function.type != "member_access_expression":
                continue
            name_node = function.child_by_field_name("name")
            if name_node is not None and m.text(name_node) in ("Add", "Remove"):
                member = m.member_ref(function.child_by_field_name("expression"))
                if member is not None:
                    found.setdefault(id(member), []).append((call, name_node))
        m.memo["adds_and_removes"] = found
    return found


def to_concurrent_dictionary(m: CsModule, member: Member) -> Fix | None:
    """``Dictionary<K, V>`` -> ``ConcurrentDictionary<K, V>`` (type, ``new``, ``Add`` -> ``TryAdd``,
    ``Remove(k)`` -> ``TryRemove(k, out _)``), with ``using System.Collections.Concurrent;``."""
    value = member.value
    if value is None or value.type not in ("object_creation_expression", "implicit_object_creation_expression"):
        return None
    initializer = value.child_by_field_name("initializer") or next(
        (c for c in value.named_children if c.type == "initializer_expression"), None)
    if initializer is not None and "[" not in m.text(initializer).split(",")[0]:
        return None   # a { {k, v} } initializer calls Add, which ConcurrentDictionary does not expose
    edits = [_rename_type(m, value.child_by_field_name("type"), "Dictionary", "ConcurrentDictionary"),
             _rename_type(m, member.type_node, "Dictionary", "ConcurrentDictionary")]
    if value.type == "object_creation_expression" and edits[0] is None:
        return None
    rewrites = 0
    for call, name_node in _adds_and_removes(m).get(id(member), []):
        arguments = call.child_by_field_name("arguments")
        args = [a for a in arguments.named_children if a.type == "argument"] if arguments is not None else []
        if m.text(name_node) == "Add" and len(args) == 2:
            edits.append(Edit(m.parsed.start(name_node), m.parsed.end(name_node), "TryAdd"))
            rewrites += 1
        elif m.text(name_node) == "Remove" and len(args) == 1:
            edits.append(Edit(m.parsed.start(name_node), m.parsed.end(name_node), "TryRemove"))
            end = m.parsed.end(args[0])
            edits.append(Edit(end, end, ", out _"))
            rewrites += 1
    edits.append(add_using(m, "System.Collections.Concurrent"))
    changed = " (Add becomes TryAdd, Remove becomes TryRemove: they do not throw)" if rewrites else ""
    return Fix(
        description=f"Make `{member.name}` a ConcurrentDictionary{changed}",
        applicability=Applicability.NEEDS_REVIEW,
        edits=m.parsed.native(e for e in edits if e is not None),
    )


def to_shared_random(m: CsModule, member: Member) -> Fix | None:
    """``new Random()`` (no seed) -> ``Random.Shared`` (.NET 6+, thread-safe)."""
    value = member.value
    if value is None or value.type not in ("object_creation_expression", "implicit_object_creation_expression"):
        return None
    args = value.child_by_field_name("arguments")
    if args is not None and args.named_children:
        return None   # a seeded Random wants its sequence: Random.Shared would change it
    return Fix(
        description=f"Use Random.Shared (thread-safe, .NET 6+) for `{member.name}`",
        applicability=Applicability.NEEDS_REVIEW,
        edits=(Edit(m.parsed.start(value), m.parsed.end(value), "Random.Shared"),),
    )
