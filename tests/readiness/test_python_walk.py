"""The Python facts' fast tree walks (``python.facts.walk``) see the same nodes, in the same order, as ``ast``'s own
walks: what the facts read must not depend on which walk found it."""

from __future__ import annotations

import ast
import textwrap

from workbench.readiness.python.facts import walk

# Contexts and operators are the nodes the fast walks leave out (nothing the facts read is in them).
LEFT_OUT = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)

EVERY_KIND = textwrap.dedent('''
    """Docstring."""
    import os, os.path as osp
    from . import sibling
    from pkg.mod import (a as b, c)
    x: int = 1
    y = z = [1, *rest]
    y += 2; del z[0]
    assert x, "message"
    global_value = {**base, "k": v, None: -w}
    @decorator(arg=1)
    async def f(p, /, q: int = 2, *args, r, s=3, **kw) -> list[int]:
        global g
        def inner():
            nonlocal p
            return {p, 1}
        nonlocal_free = lambda t=1, *u, **v: t + (u if v else -1)
        async with open("/tmp/a") as fh, other():
            async for i in aiter():
                await fh.write(f"{i!r:>{width}} {i}")
        while not x:
            break
        else:
            pass
        if x:
            pass
        elif y:
            continue
        else:
            for j in range(3):
                pass
            else:
                pass
        with ctx:
            pass
        try:
            yield from gen()
        except (ValueError, TypeError) as error:
            raise RuntimeError("bad") from error
        else:
            return {k: v for k, v in kw.items() if k if v}
        finally:
            del fh
        try:
            pass
        except* OSError:
            continue_value = (yield)
        match subject:
            case [1, *others] if others:
                pass
            case {"key": value, **more}:
                pass
            case Point(x=0, y=yy) | None:
                pass
            case str() as text:
                pass
            case _:
                pass
        return [a for a in {b for b in c} if (n := a)] or (a, b)[1:2:3] or (x for x in y)
    class C(Base, metaclass=Meta):
        attr: "C" = None
        def method(self):
            self.x.y = not self.x < 1 <= 2
''')


def _tree():
    return ast.parse(EVERY_KIND)


def test_breadth_first_is_ast_walk_without_contexts_and_operators():
    tree = _tree()
    expected = [node for node in ast.walk(tree) if not isinstance(node, LEFT_OUT)]
    assert [id(n) for n in walk.breadth_first(tree)] == [id(n) for n in expected]


def test_children_are_the_child_nodes_in_field_order_and_reversed_is_their_reverse():
    tree = _tree()
    kinds = set()
    for node in ast.walk(tree):
        expected = [c for c in ast.iter_child_nodes(node) if not isinstance(c, LEFT_OUT)]
        assert walk.children(node) == expected, type(node).__name__
        assert walk.reversed_children(node) == expected[::-1], type(node).__name__
        kinds.add(type(node).__name__)
    # the source above holds every node type the table describes (so a wrong line of the table shows), but the
    # roots of the other parse modes and the type-ignore comments
    described = {name for name in walk.GRAMMAR if isinstance(getattr(ast, name, None), type)}
    assert described - kinds == {"Interactive", "Expression", "FunctionType", "TypeIgnore"}


def test_a_node_type_the_table_does_not_describe_is_walked_the_generic_way():
    class Unknown(ast.AST):
        _fields = ("left", "names", "items", "ctx")

    inner, other = ast.Name("a", ast.Load()), ast.Constant(1)
    node = Unknown()
    node.left, node.names, node.items, node.ctx = inner, ["not", "nodes"], [other, None], ast.Load()
    assert walk.children(node) == [inner, other]
    assert walk.reversed_children(node) == [other, inner]


def test_a_table_line_that_does_not_match_the_node_type_falls_back_to_the_generic_walk(monkeypatch):
    # another Python whose grammar adds a field (3.12 adds type_params to FunctionDef): the line is not used
    monkeypatch.setitem(walk.GRAMMAR, "Call", "func args*")
    table = walk._Table(backwards=False)
    call = ast.parse("f(1, k=2)").body[0].value
    assert [type(c).__name__ for c in table[ast.Call](call)] == ["Name", "Constant", "keyword"]


def test_extracting_a_file_leaves_no_reference_cycle_behind():
    # The scanner turns the collector off while it analyses files (parse trees have no cycles), so a cycle made
    # by the extraction keeps every file's tree alive until the scan ends: 76 MB became 389 MB over the
    # bench_scan corpus when a recursive closure did it.
    import argparse
    import gc

    from workbench.readiness.python.facts.extractor import extract

    source = open(argparse.__file__, encoding="utf-8").read() + EVERY_KIND
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        extract(source)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert left == []
