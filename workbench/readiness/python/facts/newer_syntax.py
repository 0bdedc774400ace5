"""Python newer than this interpreter (3.12+: PEP 701 f-strings that reuse their quotes, PEP 695 type parameters and
``type`` aliases, PEP 758 ``except A, B:``, PEP 750 t-strings): whether a file ``ast`` rejects may be such a file,
and an equivalent text, line for line, that ``ast`` reads (through libcst's native parser).
"""

from __future__ import annotations

import ast
import re
from typing import Any

_MAX_NESTING = 150


# Syntax newer than 3.11 somewhere in the file (type parameters and aliases), or near the error (f-strings and
# t-strings with any prefix, ``except A, B:``)
_NEWER_ANYWHERE = re.compile(r"^[ \t]*type[ \t]+\w+.*=|\b(?:def|class)[ \t]+\w+[ \t]*\[", re.MULTILINE)
_NEWER_NEAR = re.compile(r"""(?i)(?:(?<![\w.])[rb]?[ft][rb]?["']|^[ \t]*except\b[^:(]*,)""", re.MULTILINE)


def may_be_newer(text: str, error: SyntaxError) -> bool:
    """Whether libcst's parser should try a file ``ast`` rejected: the error may come from syntax newer than this
    interpreter (PEP 701 f-strings, PEP 695 type parameters, PEP 758 ``except A, B:``, PEP 750 t-strings), seen
    in the file (type parameters) or on the lines around the error (the others). Not when ``ast`` gave up on
    nesting, nor when the text is nested so deeply that libcst's native parser would exhaust its stack (it
    crashes the process at a few thousand levels; ``ast`` stops at 200). Parsing a large broken file again costs
    seconds, so a plain syntax error far from any newer construct is not tried."""
    if "too many nested" in (error.msg or "") or "too complex" in (error.msg or ""):
        return False
    if "f-string" not in (error.msg or "") and not _NEWER_ANYWHERE.search(text):
        line = error.lineno or 1
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        first = starts[max(0, min(len(starts), line - 4))] if starts else 0
        last = starts[line + 1] if line + 1 < len(starts) else len(text)
        if not _NEWER_NEAR.search(text, first, last):
            return False
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > _MAX_NESTING:
                    return False
        elif char in ")]}":
            depth -= 1
    return True


def older_syntax(text: str) -> tuple[str, ast.Module] | None:
    """(an equivalent text that this interpreter's ``ast`` parses, its tree) for newer syntax libcst accepts;
    None when libcst rejects the file too or the rewrite is not enough. Every line stays where it was (columns
    may move on the lines rewritten).

    First pass: f-strings nested in a replacement field take a quote the enclosing ones do not use, type
    parameters are dropped, ``type X = ...`` becomes ``X = ...``, t-strings become f-strings, ``except A, B:``
    gets its parentheses. If that is not enough (a backslash or a comment in a replacement field, three levels
    of nesting), second pass: each replacement field that 3.11 cannot hold is replaced by a tuple of the names
    it reads (``{"\\n".join(parts)}`` → ``{(parts,)}``), so what the rules look at in it (the request id, a uuid,
    the functions it calls) is still there."""
    import libcst as cst

    try:
        module = cst.parse_module(text)
    except Exception:  # noqa: BLE001 - libcst's errors: the file is not Python for either parser
        return None
    for simplify in (False, True):
        try:
            older = module.visit(_Older(module, simplify)).code
            return older, ast.parse(older)
        except Exception:  # noqa: BLE001 - still not readable by this interpreter
            continue
    return None


def _Older(module: Any, simplify: bool) -> Any:
    import libcst as cst

    def quote_char(quote: str) -> str:
        return quote[0]

    def names_in(node: Any) -> list[str]:
        """The Name and dotted Attribute chains an expression reads, in order, once each."""
        found: list[str] = []

        class Names(cst.CSTVisitor):
            def visit_Attribute(self, attr: Any) -> bool:
                code = module.code_for_node(attr.with_changes(lpar=[], rpar=[]))
                if re.fullmatch(r"[A-Za-z_][\w.]*", code):
                    found.append(code)
                    return False
                return True

            def visit_Name(self, name: Any) -> None:
                found.append(name.value)

        node.visit(Names())
        return list(dict.fromkeys(found))

    class Older(cst.CSTTransformer):
        def __init__(self) -> None:
            super().__init__()
            self.quotes: list[str] = []     # the quote characters of the enclosing f-strings
            self.chosen: list[str] = []     # the quote each open f-string will take

        def _pick(self, start_quote: str, inner: str) -> str:
            """A quote for a string nested in replacement fields: not a character the enclosing f-strings use,
            not one its own text holds."""
            triple = len(start_quote) == 3
            for char in (start_quote[0], "'" if start_quote[0] == '"' else '"'):
                if char not in self.quotes and char not in inner:
                    return char * 3 if triple else char
            return start_quote

        def visit_FormattedString(self, node: Any) -> None:
            quote = node.end
            inner = module.code_for_node(node)[len(node.start):-len(node.end)]
            literal = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
            chosen = self._pick(quote, literal) if self.quotes else quote
            if simplify and "\n" in inner and len(chosen) == 1:
                chosen = chosen * 3   # a replacement field over several lines needs a triple-quoted string
            self.chosen.append(chosen)
            self.quotes.append(quote_char(chosen))

        def leave_FormattedString(self, original: Any, updated: Any) -> Any:
            chosen = self.chosen.pop()
            self.quotes.pop()
            prefix = updated.start[: len(updated.start) - len(updated.end)]
            return updated.with_changes(start=prefix + chosen, end=chosen)

        def leave_SimpleString(self, original: Any, updated: Any) -> Any:
            if not self.quotes:
                return updated
            value = updated.value
            prefix = value[: len(value) - len(value.lstrip("rRbBuU"))]
            body = value[len(prefix):]
            quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
            if quote_char(quote) not in self.quotes:
                return updated
            inner = body[len(quote):-len(quote)]
            chosen = self._pick(quote, inner)
            return updated.with_changes(value=prefix + chosen + inner + chosen)

        def leave_FormattedStringExpression(self, original: Any, updated: Any) -> Any:
            if not simplify:
                return updated
            code = module.code_for_node(original.expression)
            around = module.code_for_node(original.whitespace_before_expression) + \
                module.code_for_node(original.whitespace_after_expression)
            if not any(c in code + around for c in "\\#\n\"'"):
                return updated
            names = names_in(original.expression)
            lines = (code + around).count("\n")
            elements = ", ".join(names) + ("," if len(names) == 1 else "")
            tuple_code = "(" + (elements or "None") + "\n" * lines + ")"
            return updated.with_changes(expression=cst.parse_expression(tuple_code),
                                        whitespace_before_expression=cst.SimpleWhitespace(""),
                                        whitespace_after_expression=cst.SimpleWhitespace(""))

        def leave_FunctionDef(self, original: Any, updated: Any) -> Any:
            return updated.with_changes(type_parameters=None) if getattr(updated, "type_parameters", None) \
                else updated

        def leave_ClassDef(self, original: Any, updated: Any) -> Any:
            return updated.with_changes(type_parameters=None) if getattr(updated, "type_parameters", None) \
                else updated

        def leave_TypeAlias(self, original: Any, updated: Any) -> Any:
            return cst.Assign(targets=[cst.AssignTarget(updated.name)], value=updated.value)

        def leave_ExceptHandler(self, original: Any, updated: Any) -> Any:
            kind = updated.type
            if isinstance(kind, cst.Tuple) and not kind.lpar:
                return updated.with_changes(type=kind.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]))
            return updated

        def leave_ExceptStarHandler(self, original: Any, updated: Any) -> Any:
            return self.leave_ExceptHandler(original, updated)

        def leave_TemplatedString(self, original: Any, updated: Any) -> Any:
            def part(p: Any) -> Any:
                if isinstance(p, cst.TemplatedStringText):
                    return cst.FormattedStringText(value=p.value)
                return cst.FormattedStringExpression(
                    expression=p.expression, conversion=p.conversion,
                    format_spec=[part(s) for s in p.format_spec] if p.format_spec is not None else None,
                    whitespace_before_expression=p.whitespace_before_expression,
                    whitespace_after_expression=p.whitespace_after_expression, equal=p.equal)

            start = updated.start.replace("t", "f").replace("T", "F")
            return cst.FormattedString(parts=[part(p) for p in updated.parts], start=start, end=updated.end,
                                       lpar=updated.lpar, rpar=updated.rpar)

    return Older()
