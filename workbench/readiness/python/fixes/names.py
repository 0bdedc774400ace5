"""What libcst code binds and reads: the names a statement binds, the names of an assignment target, the names an
expression reads, a function's parameters and how often each name is bound in it, dotted names, and a free name.
"""

from __future__ import annotations

import libcst as cst


def bound_names(stmt: cst.CSTNode) -> set[str]:
    names: set[str] = set()
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        names.add(stmt.name.value)
        return names

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            names.add(node.name.value)
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            names.add(node.name.value)
            return False

        def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
            if node.asname is not None and isinstance(node.asname.name, cst.Name):
                names.add(node.asname.name.value)
            else:
                head: cst.BaseExpression = node.name
                while isinstance(head, cst.Attribute):
                    head = head.value
                if isinstance(head, cst.Name):
                    names.add(head.value)

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            names.update(n.value for n in target_names(node.target))

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            names.update(n.value for n in target_names(node.target))

    stmt.visit(V())
    return names


def target_names(node: cst.CSTNode) -> list[cst.Name]:
    """Name nodes of a target (``a``, ``a, b``), not attribute or subscript parts."""
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, (cst.Tuple, cst.List)):
        out = []
        for element in node.elements:
            out.extend(target_names(element.value))
        return out
    if isinstance(node, cst.StarredElement):
        return target_names(node.value)
    return []


def referenced(node: cst.CSTNode) -> set[str]:
    """Names an expression reads (not attribute names or keyword argument names)."""
    found: set[str] = set()

    class V(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)
            return False

        def visit_Arg(self, node: cst.Arg) -> bool:
            node.value.visit(self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

    node.visit(V())
    return found


def local_names(fn: cst.FunctionDef) -> tuple[set[str], dict[str, int]]:
    """(parameter names, how many times each name is bound in the function body)."""
    params = {p.name.value for p in (*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params)}
    for star in (fn.params.star_arg, fn.params.star_kwarg):
        if isinstance(star, cst.Param):
            params.add(star.name.value)
    counts: dict[str, int] = {}

    def bump(name: str) -> None:
        counts[name] = counts.get(name, 0) + 1

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is fn

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            for n in target_names(node.target):
                bump(n.value)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            for n in target_names(node.target):
                bump(n.value)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            for n in target_names(node.target):
                bump(n.value)

        def visit_For(self, node: cst.For) -> None:
            for n in target_names(node.target):
                bump(n.value)

        def visit_AsName(self, node: cst.AsName) -> None:
            for n in target_names(node.name):
                bump(n.value)

        def visit_Global(self, node: cst.Global) -> None:
            for item in node.names:
                bump(item.name.value)
                bump(item.name.value)

        def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
            for item in node.names:
                bump(item.name.value)
                bump(item.name.value)

        def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
            for name in bound_names(cst.SimpleStatementLine([cst.Import(names=[node])])):
                bump(name)

    fn.visit(V())
    return params, counts


def constant_name(base: str, taken: set[str]) -> str:
    name = base
    n = 2
    while name in taken:
        name = f"{base}_{n}"
        n += 1
    return name


def cst_walk(node: cst.CSTNode):
    yield node
    for child in node.children:
        if isinstance(node, cst.Attribute) and child is node.attr:
            continue
        if isinstance(node, cst.Arg) and child is node.keyword:
            continue
        yield from cst_walk(child)


def dotted(node: cst.CSTNode) -> str | None:
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None
