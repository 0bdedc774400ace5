"""Fast walks of ``ast`` trees for the Python facts: each node type's child nodes come from one small function per
type, generated once from Python's grammar, instead of reading ``_fields`` and testing every value for every node
(the walk of every function body is most of a scan's CPU after the parse).

The child nodes are the ones the facts read: expression contexts (``Load``/``Store``) and operators (``Add``,
``Eq``...) are left out. A node type the table does not know, or whose fields differ from it (another Python
version), gets its children the generic way (every field but ``ctx``, in field order), so no child is lost.

    for child in children(node): ...            # in field order
    stack += reversed_children(node)            # last child first: a stack pops them in field order
    for node in breadth_first(root): ...        # ``ast.walk``'s order, without contexts and operators
"""

from __future__ import annotations

import ast
from collections.abc import Callable

# The node fields of Python 3.11's grammar (Parser/Python.asdl), in order. "x" one node, "x?" an optional node,
# "x*" a list of nodes, "x*?" a list of nodes and None (dict unpacking, keyword-only parameters without a
# default), "x-" not a node the facts read (names, numbers, strings, contexts, operators).
GRAMMAR: dict[str, str] = {
    "Module": "body* type_ignores*",
    "Interactive": "body*",
    "Expression": "body",
    "FunctionType": "argtypes* returns",
    "FunctionDef": "name- args body* decorator_list* returns? type_comment-",
    "AsyncFunctionDef": "name- args body* decorator_list* returns? type_comment-",
    "ClassDef": "name- bases* keywords* body* decorator_list*",
    "Return": "value?",
    "Delete": "targets*",
    "Assign": "targets* value type_comment-",
    "AugAssign": "target op- value",
    "AnnAssign": "target annotation value? simple-",
    "For": "target iter body* orelse* type_comment-",
    "AsyncFor": "target iter body* orelse* type_comment-",
    "While": "test body* orelse*",
    "If": "test body* orelse*",
    "With": "items* body* type_comment-",
    "AsyncWith": "items* body* type_comment-",
    "Match": "subject cases*",
    "Raise": "exc? cause?",
    "Try": "body* handlers* orelse* finalbody*",
    "TryStar": "body* handlers* orelse* finalbody*",
    "Assert": "test msg?",
    "Import": "names*",
    "ImportFrom": "module- names* level-",
    "Global": "names-",
    "Nonlocal": "names-",
    "Expr": "value",
    "Pass": "",
    "Break": "",
    "Continue": "",
    "BoolOp": "op- values*",
    "NamedExpr": "target value",
    "BinOp": "left op- right",
    "UnaryOp": "op- operand",
    "Lambda": "args body",
    "IfExp": "test body orelse",
    "Dict": "keys*? values*",
    "Set": "elts*",
    "ListComp": "elt generators*",
    "SetComp": "elt generators*",
    "DictComp": "key value generators*",
    "GeneratorExp": "elt generators*",
    "Await": "value",
    "Yield": "value?",
    "YieldFrom": "value",
    "Compare": "left ops- comparators*",
    "Call": "func args* keywords*",
    "FormattedValue": "value conversion- format_spec?",
    "JoinedStr": "values*",
    "Constant": "value- kind-",
    "Attribute": "value attr- ctx-",
    "Subscript": "value slice ctx-",
    "Starred": "value ctx-",
    "Name": "id- ctx-",
    "List": "elts* ctx-",
    "Tuple": "elts* ctx-",
    "Slice": "lower? upper? step?",
    "comprehension": "target iter ifs* is_async-",
    "ExceptHandler": "type? name- body*",
    "arguments": "posonlyargs* args* vararg? kwonlyargs* kw_defaults*? kwarg? defaults*",
    "arg": "arg- annotation? type_comment-",
    "keyword": "arg- value",
    "alias": "name- asname-",
    "withitem": "context_expr optional_vars?",
    "match_case": "pattern guard? body*",
    "MatchValue": "value",
    "MatchSingleton": "value-",
    "MatchSequence": "patterns*",
    "MatchMapping": "keys* patterns* rest-",
    "MatchClass": "cls patterns* kwd_attrs- kwd_patterns*",
    "MatchStar": "name-",
    "MatchAs": "pattern? name-",
    "MatchOr": "patterns*",
    "TypeIgnore": "lineno- tag-",
}

Children = Callable[[ast.AST], list[ast.AST]]


def _fields(spec: str) -> list[tuple[str, str]]:
    out = []
    for item in spec.split():
        name = item.rstrip("*?-")
        out.append((name, item[len(name):]))
    return out


def _generate(type_name: str, spec: str, backwards: bool) -> Children:
    """The function that lists a node's child nodes (last first when ``backwards``), from its grammar line."""
    fields = [(name, kind) for name, kind in _fields(spec) if kind != "-"]
    if backwards:
        fields.reverse()
    step = "[::-1]" if backwards else "[:]"
    order = "reversed(node.{0})" if backwards else "node.{0}"
    lines = [f"def children_of_{type_name}(node):", "    out = []"]
    for name, kind in fields:
        if kind == "":
            lines.append(f"    out.append(node.{name})")
        elif kind == "?":
            lines += [f"    value = node.{name}", "    if value is not None:", "        out.append(value)"]
        elif kind == "*":
            lines.append(f"    out += node.{name}{step}" if len(fields) > 1 else f"    out = node.{name}{step}")
        else:  # "*?"
            lines.append(f"    out += [v for v in {order.format(name)} if v is not None]")
    lines.append("    return out")
    namespace: dict[str, Children] = {}
    exec("\n".join(lines), namespace)  # noqa: S102 - code made from the constant table above, nothing else
    return namespace[f"children_of_{type_name}"]


def _generic(node_type: type[ast.AST], backwards: bool) -> Children:
    """Children of a node type the table does not describe: every field but ``ctx``, nodes and lists of nodes."""
    names = tuple(name for name in node_type._fields if name != "ctx")

    def children(node: ast.AST) -> list[ast.AST]:
        out: list[ast.AST] = []
        for name in names:
            value = getattr(node, name, None)
            if isinstance(value, list):
                out += [v for v in value if isinstance(v, ast.AST)]
            elif isinstance(value, ast.AST):
                out.append(value)
        if backwards:
            out.reverse()
        return out

    return children


class _Table(dict[type[ast.AST], Children]):
    """node type -> the function that lists its child nodes; built for each type on first use."""

    def __init__(self, backwards: bool) -> None:
        super().__init__()
        self.backwards = backwards

    def __missing__(self, node_type: type[ast.AST]) -> Children:
        spec = GRAMMAR.get(node_type.__name__)
        fields = getattr(node_type, "_fields", None)
        if spec is not None and getattr(ast, node_type.__name__, None) is node_type and \
                tuple(name for name, _ in _fields(spec)) == tuple(fields or ()):
            made = _generate(node_type.__name__, spec, self.backwards)
        else:
            made = _generic(node_type, self.backwards)
        self[node_type] = made
        return made


FORWARD: dict[type, Children] = _Table(backwards=False)
BACKWARD: dict[type, Children] = _Table(backwards=True)


def children(node: ast.AST) -> list[ast.AST]:
    """The node's child nodes in field order (a new list)."""
    return FORWARD[type(node)](node)


def reversed_children(node: ast.AST) -> list[ast.AST]:
    """The node's child nodes, last first (a new list): pushed on a stack, they pop in field order."""
    return BACKWARD[type(node)](node)


def breadth_first(root: ast.AST) -> list[ast.AST]:
    """``root`` and every node under it, in ``ast.walk``'s order (breadth first), without contexts and operators."""
    out = [root]
    table = FORWARD
    i = 0
    while i < len(out):
        node = out[i]
        out += table[type(node)](node)
        i += 1
    return out
