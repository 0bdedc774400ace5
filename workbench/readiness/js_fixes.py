"""Fixes for the Node.js rules, as character edits of the scanned text.

Each returns ``None`` when the change cannot be made mechanically and exactly (the finding is still reported);
the rules call them with the module facts of ``js_rules`` (``JsModule``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.readiness.model import Applicability, Edit, Fix
from workbench.readiness.treesitter import Node, walk

if TYPE_CHECKING:
    from workbench.readiness.js_rules import Binding, JsModule

_CLOSERS = frozenset({"destroy", "close", "end", "disconnect", "quit", "shutdown"})
_SAFE_GLOBALS = frozenset({"process", "Number", "String", "Boolean", "parseInt", "parseFloat", "JSON", "undefined",
                           "Infinity", "NaN"})


def _top_statement(node: Node) -> Node:
    while node.parent is not None and node.parent.type != "program":
        node = node.parent
    return node


def _insertion_point(m: JsModule, stmt: Node) -> int:
    """Where a new module-level statement goes: before ``stmt`` and the comments directly above it."""
    first = stmt
    while (prev := first.prev_sibling) is not None and prev.type == "comment" and \
            m.parsed.line_col(m.parsed.start(first))[0] - m.parsed.line_col(m.parsed.end(prev))[0] <= 1:
        first = prev
    return m.parsed.line_start(m.parsed.start(first))


def _constant(m: JsModule, expr: Node, before: int) -> bool:
    """True when ``expr`` has the same value at module scope, declared before the byte offset ``before``."""
    from workbench.readiness.js_rules import FUNCTIONS

    for node in walk(expr):
        if node.type in ("this", "await_expression", "yield_expression", "super") or node.type in FUNCTIONS:
            return False
        if node.type in ("identifier", "shorthand_property_identifier"):
            name = m.text(node)
            if name in _SAFE_GLOBALS and name not in m.bindings:
                if name == "process" and not m.text(node.parent).startswith("process.env"):
                    return False
                continue
            if name in m.imports and m.imports[name][2] is None:
                continue
            binding = m.bindings.get(name)
            if binding is None or binding.kind not in ("const", "function", "class") or \
                    any(name in m.locals.get(fn.id, ()) for fn in m.functions_around(node)):
                return False
            if binding.kind == "const" and binding.statement.end_byte > before:
                return False
    return True


def hoist_client(m: JsModule, new: Node) -> Fix | None:
    """``const s3 = new S3Client(cfg)`` inside a function, with a constant ``cfg``: moved above that function."""
    declarator = new.parent
    if declarator is None or declarator.type != "variable_declarator" or \
            declarator.child_by_field_name("value") != new:
        return None
    declaration = declarator.parent
    if declaration is None or declaration.type != "lexical_declaration" or \
            m.text(declaration.children[0]) != "const" or len([c for c in declaration.named_children
                                                                if c.type == "variable_declarator"]) != 1:
        return None
    name_node = declarator.child_by_field_name("name")
    if name_node is None or name_node.type != "identifier":
        return None
    name = m.text(name_node)
    owner = m.functions_around(declaration)[0]
    if name in m.bindings or name in m.imports:
        return None
    for node in walk(owner):   # closed at the end of the handler: sharing it would break the next invocation
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            if function is not None and function.type == "member_expression" and \
                    m.text(function.child_by_field_name("object")) == name and \
                    m.text(function.child_by_field_name("property")) in _CLOSERS:
                return None
    stmt = _top_statement(owner)
    at = _insertion_point(m, stmt)
    if not _constant(m, new, stmt.start_byte):
        return None
    lines = m.parsed.statement_lines(declaration)
    if lines is None:
        return None
    indent = m.parsed.indent_of(m.parsed.start(declaration))
    moved = m.parsed.dedent(m.text(declaration), indent)
    where = m.context_name(owner) or "the handler"
    return Fix(
        description=f"Create `{name}` once at module scope, before `{where}`, and share it between invocations",
        applicability=Applicability.SAFE,
        edits=m.parsed.native((Edit(at, at, moved + "\n\n"), Edit(lines[0], lines[1], ""))),
    )


def move_to_request_scope(m: JsModule, binding: Binding) -> Fix | None:
    """A module variable used by one function only: declared inside that function instead (per request)."""
    declarator, statement = binding.declarator, binding.statement
    if declarator is None or binding.kind not in ("let", "var", "const") or statement.type == "export_statement":
        return None
    if len([c for c in statement.named_children if c.type == "variable_declarator"]) != 1:
        return None
    name_node = declarator.child_by_field_name("name")
    if name_node is None or name_node.type != "identifier" or binding.name in m.exports:
        return None
    refs = [n for n in m.parsed.nodes("identifier", "shorthand_property_identifier")
            if m.text(n) == binding.name and n != name_node and m.module_binding(n) is binding]
    if not refs:
        return None
    outers = {id(None) if not m.functions_around(r) else m.functions_around(r)[-1].id for r in refs}
    if len(outers) != 1:
        return None
    owner = m.functions_around(refs[0])[-1] if m.functions_around(refs[0]) else None
    if owner is None or owner.id not in m.root_of:
        return None
    body = owner.child_by_field_name("body")
    if body is None or body.type != "statement_block" or not body.named_children:
        return None
    lines = m.parsed.statement_lines(statement)
    if lines is None:
        return None
    edits = [Edit(lines[0], lines[1], "")]
    first = refs[0]
    assignment = first.parent
    keyword = "let" if binding.kind in ("let", "var") else "const"
    if assignment is not None and assignment.type == "assignment_expression" and \
            assignment.child_by_field_name("left") == first and assignment.parent is not None and \
            assignment.parent.type == "expression_statement" and assignment.parent.parent == body and \
            keyword == "let":
        edits.append(Edit(m.parsed.start(first), m.parsed.start(first), "let "))
        annotation = declarator.child_by_field_name("type")   # TypeScript: keep the declared type
        if annotation is not None:
            edits.append(Edit(m.parsed.end(first), m.parsed.end(first), m.text(annotation)))
    else:
        first_statement = body.named_children[0]
        indent = m.parsed.indent_of(m.parsed.start(first_statement))
        if m.parsed.text[m.parsed.line_start(m.parsed.start(first_statement)):m.parsed.start(first_statement)].strip():
            return None
        declaration = m.parsed.dedent(m.text(statement), m.parsed.indent_of(m.parsed.start(statement)))
        declaration = declaration.replace("\n", "\n" + indent)
        at = m.parsed.start(first_statement)
        edits.append(Edit(at, at, declaration + "\n" + indent))
    function = m.context_name(owner) or "the handler"
    return Fix(
        description=f"Declare `{binding.name}` inside `{function}`: each invocation gets its own (its value no "
                    "longer survives between invocations)",
        applicability=Applicability.NEEDS_REVIEW,
        edits=m.parsed.native(edits),
    )


# Methods that call their function argument before they return (the array methods, sorting, string replace):
# an async handler still runs those callbacks before it returns.
_SYNC_CALLBACK_METHODS = frozenset({
    "map", "forEach", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex", "findLast",
    "findLastIndex", "flatMap", "sort", "toSorted", "replace", "replaceAll", "from", "keys", "values", "entries",
    "assign", "freeze", "stringify", "parse", "defineProperty",
})


def _unawaited_async_call(m: JsModule, body: Node) -> Node | None:
    """A call in ``body`` that finishes later through a function argument or a promise chain
    (``s3.getObject(params, (err, data) => ...)``, ``fetch(url).then(...)``, ``setTimeout``, ``new Promise``):
    once the handler is async, its returned promise resolves without waiting for it, and Lambda may freeze the
    environment before it runs."""
    from workbench.readiness.js_rules import FUNCTIONS

    for node in walk(body):
        if node.type == "new_expression" and m.text(node.child_by_field_name("constructor")) == "Promise":
            return node
        if node.type != "call_expression":
            continue
        args = node.child_by_field_name("arguments")
        if args is None or not any(a.type in FUNCTIONS for a in args.named_children):
            continue
        function = node.child_by_field_name("function")
        name = m.text(function).rsplit(".", 1)[-1] if function is not None else ""
        if name in _SYNC_CALLBACK_METHODS:
            continue
        if node.parent is not None and node.parent.type == "await_expression":
            continue
        return node
    return None


def callback_to_async(m: JsModule, fn: Node) -> Fix | None:
    """``(event, context, callback)`` -> ``async (event, context)``; ``callback(null, x)`` -> ``return x``,
    ``callback(err)`` -> ``throw err``. Only when every use of the callback is such a statement of the handler
    itself (a callback called from a nested function cannot become a return), and no callback-style call or
    promise chain in the handler would be left running after the async handler returns (it would never be
    awaited): then no fix is offered."""
    from workbench.readiness.js_rules import params, pattern_names

    found = params(fn)
    body = fn.child_by_field_name("body")
    if len(found) != 3 or body is None or body.type != "statement_block":
        return None
    names = pattern_names(found[2], m.parsed)
    if len(names) != 1:
        return None
    callback = names[0]
    if _unawaited_async_call(m, body) is not None:
        return None
    edits: list[Edit] = []
    for node in walk(body):
        if node.type != "identifier" or m.text(node) != callback:
            continue
        call = node.parent
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != node:
            return None
        statement = call.parent
        if statement is None or statement.type != "expression_statement" or m.functions_around(call)[0] != fn:
            return None
        arguments = call.child_by_field_name("arguments")
        args = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        if not args or m.text(args[0]) in ("null", "undefined"):
            replacement = f"return {m.text(args[1])};" if len(args) > 1 else "return;"
        else:
            replacement = f"throw {m.text(args[0])};"
        edits.append(Edit(m.parsed.start(statement), m.parsed.end(statement), replacement))
        following = statement.next_named_sibling
        if following is not None and following.type == "return_statement" and not following.named_children:
            edits.append(Edit(m.parsed.end(statement), m.parsed.end(following), ""))
    edits.append(Edit(m.parsed.end(found[1]), m.parsed.end(found[2]), ""))
    returns = fn.child_by_field_name("return_type")
    already = any(c.type == "async" for c in fn.children)
    if returns is not None and not already:
        # an async function returns a Promise: `: void` would not compile (TS1064); let TypeScript infer it
        edits.append(Edit(m.parsed.start(returns), m.parsed.end(returns), ""))
    if already:   # an async handler that declares a callback: only the parameter goes (LMI205)
        return Fix(description=f"Drop the callback parameter `{callback}` of the async handler",
                   applicability=Applicability.NEEDS_REVIEW, edits=m.parsed.native(edits))
    if not already:
        anchor = (fn.child_by_field_name("name") or fn) if fn.type == "method_definition" else fn
        at = m.parsed.start(anchor)
        edits.append(Edit(at, at, "async "))
    return Fix(
        description="Make the handler async: return the result and throw the error instead of calling "
                    f"`{callback}`",
        applicability=Applicability.NEEDS_REVIEW,
        edits=m.parsed.native(edits),
    )
