"""Large Python files: the fix is built on a compact module holding the part of the file it changes, and mapped back
onto the whole text (the same patch the whole-module build makes).
"""

from __future__ import annotations

import ast
import gc
from typing import Any

from workbench.readiness.model import Fix
from workbench.readiness.python.fixes.tree import build_with

# From this size the fix is built on a compact module: the top-level statements the fix can touch (the one
# holding the finding, its neighbours, the imports and the statements that bind the names it uses), not the
# whole file. libcst's metadata over a 1 MB module took ~40 s and ~0.5 GB (bench/bench_big_file.py).
REGION_MIN_CHARS = 60_000
_GROUPS: dict[str, list[tuple[int, int, list[ast.stmt]]]] = {}


def _groups(text: str) -> list[tuple[int, int, list[ast.stmt]]]:
    """Top-level statements as (first line, last line, statements): leading comments and blank lines belong to
    the statement below them, statements sharing a line (``a = 1; b = 2``) are one group, and trailing lines
    belong to the last group."""
    cached = _GROUPS.get(text)
    if cached is not None:
        return cached
    enabled = gc.isenabled()
    gc.disable()  # a large tree and nothing to collect: the collector only slows the parse down (design.md)
    try:
        tree = ast.parse(text)
    finally:
        if enabled:
            gc.enable()
    groups: list[list[Any]] = []
    prev_end = 0
    for stmt in tree.body:
        first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())])
        end = stmt.end_lineno or stmt.lineno
        if groups and first <= prev_end:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append(stmt)
        else:
            groups.append([prev_end + 1, end, [stmt]])
        prev_end = max(prev_end, end)
    total = text.count("\n") + (0 if text.endswith("\n") else 1)
    if groups:
        groups[-1][1] = max(groups[-1][1], total)
    out = [(g[0], g[1], g[2]) for g in groups]
    _GROUPS.clear()
    _GROUPS[text] = out
    return out


def _binds(stmt: ast.stmt) -> set[str]:
    names: set[str] = set()
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def build_in_region(text: str, cand: dict[str, Any], facts: dict[str, Any], builder: Any) -> Fix | None:
    import difflib

    try:
        groups = _groups(text)
    except (SyntaxError, ValueError, RecursionError):
        return None
    at = next((i for i, (first, end, _) in enumerate(groups) if first <= cand["line"] <= end), None)
    if at is None or cand["end_line"] > groups[at][1]:
        return None
    used = {n.id for stmt in groups[at][2] for n in ast.walk(stmt) if isinstance(n, ast.Name)}
    keep = {0, at - 1, at, at + 1}
    for index, (_, _, stmts) in enumerate(groups):
        if any(isinstance(st, (ast.Import, ast.ImportFrom)) for st in stmts) or \
                any(_binds(st) & used for st in stmts):
            keep.update((index - 1, index, index + 1))
    kept = sorted(i for i in keep if 0 <= i < len(groups))
    lines = text.split("\n")  # the last element is what follows the final newline ("" when it ends with one)
    compact: list[str] = []
    origin: list[int] = []    # 0-based original line of each compact line
    for index in kept:
        first, end, _ = groups[index]
        for line in range(first - 1, end):
            compact.append(lines[line])
            origin.append(line)
    ends_with_newline = text.endswith("\n")
    if not ends_with_newline and origin and origin[-1] == len(lines) - 1:
        compact_text = "\n".join(compact)
    else:
        compact_text = "\n".join(compact) + "\n"
    shifted = dict(cand)
    shifted["line"] = origin.index(cand["line"] - 1) + 1
    shifted["end_line"] = origin.index(cand["end_line"] - 1) + 1
    fix = build_with(compact_text, shifted, facts, builder)
    if fix is None or fix.new_text is None:
        return fix
    before_lines = compact_text.split("\n")
    after_lines = fix.new_text.split("\n")
    if (before_lines[-1] != "" or after_lines[-1] != "") and before_lines[-1] != after_lines[-1]:
        return None  # the last line changed its ending: not worth mapping back
    before_lines, after_lines = before_lines[:-1], after_lines[:-1]
    out = list(lines)
    ops = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag == "equal":
            continue
        if i2 > i1:
            start, stop = origin[i1], origin[i2 - 1] + 1
            if stop - start != i2 - i1:
                return None  # spans lines the compact module left out: build it whole instead (not here)
        else:
            start = stop = origin[i1] if i1 < len(origin) else len(lines) - (0 if not ends_with_newline else 1)
        out[start:stop] = after_lines[j1:j2]
    return Fix(fix.description, fix.applicability, new_text="\n".join(out))
