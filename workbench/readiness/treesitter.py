"""Tree-sitter for the readiness rules of Node.js (JavaScript, TypeScript), Java and C#.

One parser per grammar and thread (a ``Parser`` is not safe to share between threads), the parsed file with the
conversions rules need (tree-sitter counts bytes; ``Hit`` and ``Edit`` count characters), a single pre-order
index of the tree by node type, and the policy for broken files: tree-sitter always returns a tree, so a file
is reported as unparseable (``ParseFailure`` with the first error's line) only when the error regions swallow
most of it; otherwise the rules run on the valid parts. ERROR nodes are expected even in valid code
(tree-sitter-typescript 0.23.2 leaves one on ``interface X<in out A>``), so no rule may assume a clean tree.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache

import tree_sitter as ts

from workbench.readiness.model import (
    Edit,
    Hit,
    Language,
    ParseFailure,
    SourceFile,
)

Node = ts.Node

# grammar name -> the function of its wheel that returns the language pointer
_GRAMMARS: dict[str, Callable[[], object]] = {}


def _load_grammars() -> None:
    import tree_sitter_c_sharp
    import tree_sitter_java
    import tree_sitter_javascript
    import tree_sitter_typescript

    _GRAMMARS.update({
        "javascript": tree_sitter_javascript.language,
        "typescript": tree_sitter_typescript.language_typescript,
        "tsx": tree_sitter_typescript.language_tsx,
        "java": tree_sitter_java.language,
        "csharp": tree_sitter_c_sharp.language,
    })


@cache
def language(grammar: str) -> ts.Language:
    if not _GRAMMARS:
        _load_grammars()
    try:
        return ts.Language(_GRAMMARS[grammar]())
    except KeyError:
        raise ValueError(f"no tree-sitter grammar named {grammar!r}; known: {sorted(_GRAMMARS)}") from None


_local = threading.local()


def parser(grammar: str) -> ts.Parser:
    """This thread's parser for ``grammar`` (created on first use, then reused)."""
    parsers = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    found = parsers.get(grammar)
    if found is None:
        found = parsers[grammar] = ts.Parser(language(grammar))
    return found


def grammar_for(source: SourceFile) -> str:
    """The grammar for a source file: ``.tsx`` files need the TSX grammar, ``.jsx`` parses as JavaScript."""
    if source.language is Language.TYPESCRIPT:
        return "tsx" if source.rel.lower().endswith(".tsx") else "typescript"
    if source.language is Language.JAVASCRIPT:
        return "javascript"
    if source.language is Language.JAVA:
        return "java"
    if source.language is Language.CSHARP:
        return "csharp"
    raise ValueError(f"{source.rel}: {source.language} is not a tree-sitter language")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def walk(node: Node) -> Iterator[Node]:
    """Every node under ``node`` (itself included), in source order, without recursion."""
    cursor = node.walk()
    while True:
        current = cursor.node
        # the stubs type TreeCursor.node as optional, but a cursor made by Node.walk() always stands on a node
        # (it only moves to nodes that exist: goto_* return False instead of moving off the tree)
        assert current is not None
        yield current
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent() or cursor.node == node:
                return


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


@dataclass
class Parsed:
    """One parsed file: the tree, its text, and positions in characters."""

    text: str
    data: bytes
    tree: ts.Tree
    grammar: str
    _by_type: dict[str, list[Node]] = field(default_factory=dict, repr=False)
    _shift_bytes: list[int] = field(default_factory=list, repr=False)   # byte offsets after each wide char
    _shift_extra: list[int] = field(default_factory=list, repr=False)   # extra bytes up to and including it
    _line_starts: list[int] = field(default_factory=list, repr=False)   # character offsets
    _texts: dict[int, str] = field(default_factory=dict, repr=False)    # node id -> its text (asked again and again)
    _merged: dict[tuple[str, ...], list[Node]] = field(default_factory=dict, repr=False)  # nodes() of several types
    _parents: dict[int, Node | None] = field(default_factory=dict, repr=False)   # node id -> its parent

    @property
    def root(self) -> Node:
        return self.tree.root_node

    def __post_init__(self) -> None:
        extra = 0
        if not self.text.isascii():   # (an ASCII text has no wide characters: bytes are characters)
            for match in _NON_ASCII.finditer(self.text):
                width = len(match.group().encode("utf-8", "surrogatepass")) - 1
                extra += width
                self._shift_bytes.append(match.start() + extra + 1)
                self._shift_extra.append(extra)
        # the offset after each newline, as a running sum of the lines' lengths (a regex pass costs 5x more)
        self._line_starts = list(itertools.accumulate((len(line) + 1 for line in self.text.split("\n")[:-1]),
                                                      initial=0))

    # --- lookups --------------------------------------------------------------------------------------------
    def nodes(self, *types: str) -> list[Node]:
        """Nodes of the given types in source order (outer before inner). Types not asked for before are found
        with one tree-sitter query for all of them (a query runs in C: far cheaper than walking in Python), so
        an analyzer asks for everything it needs in its first call."""
        missing = [t for t in dict.fromkeys(types) if t not in self._by_type]
        if missing:
            self._by_type.update(_query_index(self.grammar, tuple(missing), self.root))
        if len(types) == 1:
            return self._by_type[types[0]]
        found = self._merged.get(types)   # (the same lists are asked for by several rules)
        if found is None:
            found = [n for t in dict.fromkeys(types) for n in self._by_type[t]]
            found.sort(key=_order)
            self._merged[types] = found
        return found

    def parent(self, node: Node) -> Node | None:
        """``node.parent``, kept by node id: tree-sitter finds a parent by descending from the root (~2 µs), and
        the rules climb from many nodes of the same functions."""
        key = node.id
        try:
            return self._parents[key]
        except KeyError:
            found = self._parents[key] = node.parent
            return found

    def ancestors(self, node: Node) -> Iterator[Node]:
        """``ancestors(node)`` through the kept parents."""
        parent = self.parent(node)
        while parent is not None:
            yield parent
            parent = self.parent(parent)

    def error_nodes(self) -> list[Node]:
        return self.nodes("ERROR") + [n for n in walk(self.root) if n.is_missing] if self.root.has_error else []

    # --- text and positions ---------------------------------------------------------------------------------
    def node_text(self, node: Node | None) -> str:
        """The node's source text (kept by node id: the rules ask for the same nodes' texts many times, and a
        node's offsets are calls into tree-sitter)."""
        if node is None:
            return ""
        key = node.id
        found = self._texts.get(key)
        if found is None:
            if self._shift_bytes:
                found = self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")
            else:   # no wide character: byte offsets are character offsets
                found = self.text[node.start_byte:node.end_byte]
            self._texts[key] = found
        return found

    def char(self, byte: int) -> int:
        """Character offset of a byte offset."""
        if not self._shift_bytes:
            return byte
        i = bisect.bisect_right(self._shift_bytes, byte)
        return byte - (self._shift_extra[i - 1] if i else 0)

    def start(self, node: Node) -> int:
        return self.char(node.start_byte)

    def end(self, node: Node) -> int:
        return self.char(node.end_byte)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def span(self, node: Node) -> tuple[int, int, int, int]:
        line, col = self.line_col(self.start(node))
        end_line, end_col = self.line_col(self.end(node))
        return line, col, end_line, end_col

    def line_start(self, offset: int) -> int:
        return self._line_starts[bisect.bisect_right(self._line_starts, offset) - 1]

    def line_end(self, offset: int) -> int:
        """Offset just after the newline ending the line that holds ``offset`` (or the end of the text)."""
        i = bisect.bisect_right(self._line_starts, offset)
        return self._line_starts[i] if i < len(self._line_starts) else len(self.text)

    def indent_of(self, offset: int) -> str:
        start = self.line_start(offset)
        line = self.text[start:self.line_end(offset)]
        return line[:len(line) - len(line.lstrip(" \t"))]

    def statement_lines(self, node: Node) -> tuple[int, int] | None:
        """The whole lines a statement occupies, when nothing else shares them: the range to delete."""
        start, end = self.start(node), self.end(node)
        first = self.line_start(start)
        last = self.line_end(end)
        if self.text[first:start].strip() or self.text[end:last].strip():
            return None
        before_blank = first == 0 or not self.text[self.line_start(first - 1):first].strip()
        after = self.line_end(last) if last < len(self.text) else last
        if before_blank and last < len(self.text) and not self.text[last:after].strip():
            last = after   # the statement stood between blank lines: keep one of them, not two
        return first, last

    @property
    def newline(self) -> str:
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"

    def native(self, edits: Iterable[Edit]) -> tuple[Edit, ...]:
        """The edits with the file's own line endings (fixes write ``\n``; a CRLF file keeps CRLF)."""
        if self.newline == "\n":
            return tuple(edits)
        return tuple(replace(e, replacement=re.sub(r"(?<!\r)\n", "\r\n", e.replacement)) for e in edits)

    def dedent(self, text: str, indent: str) -> str:
        """``text`` (a statement's source) with ``indent`` removed from its continuation lines."""
        lines = text.split("\n")
        return "\n".join([lines[0]] + [ln[len(indent):] if ln.startswith(indent) else ln.lstrip(" \t")
                                       for ln in lines[1:]])


@cache
def _query(grammar: str, types: tuple[str, ...]) -> tuple[ts.Query | None, tuple[str, ...]]:
    """One query capturing every node of the given types that the grammar has (others are never found)."""
    lang = language(grammar)
    known = tuple(t for t in types if t == "ERROR" or lang.id_for_node_kind(t, True) is not None)
    if not known:
        return None, known
    return ts.Query(lang, "\n".join(f"({t}) @{t}" for t in known)), known


def _query_index(grammar: str, types: tuple[str, ...], root: Node) -> dict[str, list[Node]]:
    query, _ = _query(grammar, types)
    index: dict[str, list[Node]] = {t: [] for t in types}
    if query is not None:
        for name, found in ts.QueryCursor(query).captures(root).items():
            index[name] = sorted(found, key=_order)
    return index


def _order(node: Node) -> int:
    """Source order, an outer node before the inner ones that start where it does: (start, -end) as one integer
    (a file is far below 4 GB), which sorts faster than the tuple."""
    return (node.start_byte << 32) - node.end_byte


class Nesting:
    """The nodes of some kinds (functions, scopes, classes) that enclose a node, innermost first, found with a
    binary search over their spans instead of walking parents (``Node.parent`` descends from the root)."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self._nodes = sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))
        self._starts = [n.start_byte for n in self._nodes]
        self._ends = [n.end_byte for n in self._nodes]   # (a node's attributes are calls into tree-sitter)
        self._parent: list[int] = []
        stack: list[int] = []
        for i, node in enumerate(self._nodes):
            while stack and not _contains(self._nodes[stack[-1]], node):
                stack.pop()
            self._parent.append(stack[-1] if stack else -1)
            stack.append(i)

    def _first(self, node: Node) -> int:
        """The index of the innermost node enclosing ``node`` (not ``node`` itself), -1 when none does."""
        start, end = node.start_byte, node.end_byte
        i = bisect.bisect_right(self._starts, start) - 1
        # the last span starting at or before the node: if it does not enclose the node, only its own
        # enclosing spans can (proper nesting), so follow the parent links
        starts, ends, parent = self._starts, self._ends, self._parent
        while i >= 0 and (not (starts[i] <= start and end <= ends[i]) or
                          (starts[i] == start and ends[i] == end and self._nodes[i] == node)):
            i = parent[i]
        return i

    def around(self, node: Node) -> list[Node]:
        """The enclosing nodes of ``node`` (not ``node`` itself), innermost first."""
        i = self._first(node)
        chain = []
        while i >= 0:
            chain.append(self._nodes[i])
            i = self._parent[i]
        return chain

    def innermost(self, node: Node) -> Node | None:
        i = self._first(node)
        return self._nodes[i] if i >= 0 else None


def _contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def parse(text: str, grammar: str) -> Parsed:
    data = text.encode("utf-8", "surrogatepass")
    return Parsed(text=text, data=data, tree=parser(grammar).parse(data), grammar=grammar)


# A file whose error regions cover more than this share of its non-blank characters is not analysed.
UNPARSEABLE_SHARE = 0.5

_DIRECTIVE = re.compile(rb"^[ \t]*#")
_CONDITIONAL = re.compile(rb"^[ \t]*#[ \t]*(if|elif|else|endif)\b")
_BLANK = re.compile(rb"[^\r\n]")


def preprocessed(data: bytes) -> tuple[bytes, int, bool] | None:
    """C# source as the compiler reads it, for a grammar that trips on the preprocessor: every directive line
    blanked and only the first branch of each ``#if`` kept, byte for byte (offsets, lines and columns unchanged).
    Returns (the text, lines of other branches blanked, whether there was an ``#if``), or None without directives.

    What trips tree-sitter-c-sharp 0.23.5 in real files: ``#line 10 "C:\\path\\File.tt"`` (T4-generated code:
    the file name is not an escaped string), the ``#:package``/``#:property`` lines of .NET 10 file-based apps,
    and ``#if NET8_0 … #else … #endif`` whose branches are each valid C# but split one construct when read
    together (two headers for one method body, two ``if (…) {`` for one block). The compiler reads one branch and
    no directive; so does this."""
    if b"#" not in data:
        return None
    out: list[bytes] = []
    active: list[bool] = []       # per open #if: is the branch being read the first one
    dropped = 0
    seen = conditional = False
    for line in data.splitlines(keepends=True):
        if _DIRECTIVE.match(line):
            match = _CONDITIONAL.match(line)
            if match:
                conditional = True
                word = match.group(1)
                if word == b"if":
                    active.append(True)
                elif word in (b"elif", b"else") and active:
                    active[-1] = False
                elif word == b"endif" and active:
                    active.pop()
            seen = True
            out.append(_BLANK.sub(b" ", line))
        elif active and not all(active):
            out.append(_BLANK.sub(b" ", line))
            dropped += 1
        else:
            out.append(line)
    return (b"".join(out), dropped, conditional) if seen else None


def _error_regions(parsed: Parsed) -> tuple[int, int, int]:
    """(outermost error regions, words they cover, 1-based line of the first) of a tree with errors."""
    errors = parsed.error_nodes()
    first = min((n.start_byte for n in errors), default=parsed.root.start_byte)
    covered = regions = 0
    outer_end = -1
    for node in sorted(errors, key=lambda n: n.start_byte):
        if node.start_byte >= outer_end:
            regions += 1
            covered += len(parsed.data[node.start_byte:node.end_byte].split()) or 1
            outer_end = node.end_byte
    return regions, covered, parsed.line_col(parsed.char(first))[0]


_status = threading.local()


def take_parse_status(rel: str) -> str | None:
    """How the last ``parse_source`` of ``rel`` in this thread went, when it was not a full parse ("partial: …",
    "recovered: …"); forgotten once taken. The scanner adds it to the parser it names for the file."""
    statuses = getattr(_status, "by_rel", None)
    return statuses.pop(rel, None) if statuses else None


def _note(rel: str, status: str) -> None:
    statuses = getattr(_status, "by_rel", None)
    if statuses is None:
        statuses = _status.by_rel = {}
    if len(statuses) > 1000:   # analysed outside a scan and never taken: keep the memory bounded
        statuses.clear()
    statuses[rel] = status


def parse_source(source: SourceFile) -> Parsed:
    """Parse a source file, or raise ``ParseFailure`` (with the first error's line) when it is mostly broken.

    A C# file with error regions and preprocessor directives is parsed again as the compiler reads it
    (``preprocessed``), a JavaScript file with the TSX grammar (type annotations); the tree that has fewer errors
    is used, over the file's own text. Otherwise the rules
    run on the parts outside the error regions. ``take_parse_status`` tells which happened."""
    grammar = grammar_for(source)
    try:
        parsed = parse(source.text, grammar)
    except RecursionError as error:  # pragma: no cover - tree-sitter is iterative; kept as a guard
        raise ParseFailure(f"could not parse {source.rel}: {error}") from None
    root = parsed.root
    if not root.has_error:
        return parsed
    regions, covered, line = _error_regions(parsed)
    recovered = ""
    if grammar == "csharp":
        reduced = preprocessed(parsed.data)
        if reduced is not None:
            tree = parser(grammar).parse(reduced[0])
            other = Parsed(text=parsed.text, data=parsed.data, tree=tree, grammar=grammar)
            other_regions, other_covered, other_line = _error_regions(other) if tree.root_node.has_error \
                else (0, 0, 0)
            if other_covered < covered:
                parsed, regions, covered, line = other, other_regions, other_covered, other_line
                recovered = "recovered: read without its preprocessor directive lines"
                if reduced[2]:
                    recovered += (f" and with the first branch of each #if ({reduced[1]} line"
                                  f"{'' if reduced[1] == 1 else 's'} of other branches not analysed)")
                if not tree.root_node.has_error:
                    _note(source.rel, recovered)
                    return parsed
    elif grammar == "javascript":
        # type annotations in a .js file (Flow, or TypeScript syntax under the wrong extension): the TSX grammar
        # is JavaScript with JSX and types, so it reads both
        tree = parser("tsx").parse(parsed.data)
        other = Parsed(text=parsed.text, data=parsed.data, tree=tree, grammar="tsx")
        other_regions, other_covered, other_line = _error_regions(other) if tree.root_node.has_error \
            else (0, 0, 0)
        if other_covered < covered:
            parsed, regions, covered, line = other, other_regions, other_covered, other_line
            recovered = "recovered: read with the TSX grammar (type annotations in a JavaScript file)"
            if not tree.root_node.has_error:
                _note(source.rel, recovered)
                return parsed
    content = max(1, len(parsed.data.split()))
    if parsed.root.type == "ERROR" or covered / content > UNPARSEABLE_SHARE:
        raise ParseFailure(f"could not parse {source.rel}:{line}: syntax error", line=line)
    partial = (f"partial: {regions} syntax error region{'' if regions == 1 else 's'}, "
               f"{'at' if regions == 1 else 'from'} line {line}; the rules ran on the rest")
    _note(source.rel, f"{recovered}; {partial}" if recovered else partial)
    return parsed


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping edits applied (from the last to the first)."""
    result = text
    previous_start = len(text) + 1
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        if edit.end > previous_start:
            raise ValueError(f"overlapping edits at {edit.start}..{edit.end}")
        result = result[:edit.start] + edit.replacement + result[edit.end:]
        previous_start = edit.start
    return result


def error_count(text: str, grammar: str) -> int:
    """How many ERROR or missing nodes the text parses with (for checking that a fix adds none)."""
    return len(parse(text, grammar).error_nodes())


# --- Words that make a /tmp path unique per request, and calls that clean files up ---------------------------
UNIQUE_PATH_WORDS = re.compile(
    r"(?i)request_?id|awsrequestid|invocation_?id|uuid|guid|newguid|nanoid|ulid|cuid|random|mkdtemp|"
    r"createtemp|gettempfilename|date\.now|hrtime|nanotime|currenttimemillis|ticks")
CLEANUP_CALLS = frozenset({
    "unlink", "unlinkSync", "rm", "rmSync", "rmdir", "rmdirSync", "remove", "removeSync", "rimraf", "emptyDir",
    "delete", "deleteIfExists", "deleteRecursively", "Delete", "DeleteAsync",
})


def hit(parsed: Parsed, code: str, node: Node, message: str, runtime: str, context: str = "", fix=None,
        severity: str | None = None) -> Hit:
    """A ``Hit`` at ``node`` (positions in characters, 1-based, end column just after the last character);
    ``severity`` overrides the rule's for a milder variant."""
    line, column, end_line, end_column = parsed.span(node)
    return Hit(code=code, line=line, column=column, end_line=end_line, end_column=end_column,
               message=message, runtime=runtime, context=context, fix=fix, severity=severity)
