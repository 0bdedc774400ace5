"""Python fixes as libcst transformations: the fixed module is printed back with every other byte of
formatting and every comment kept, and the patch is the diff of the two texts.

- LMI102/LMI103 hoist: the client, resource, connection or pool moves to module scope (once per process).
  Safe for an SDK client whose arguments are constants and module names; needs review otherwise (the
  arguments are then evaluated at import, and a connection's ``close()`` in the handler goes with it).
- LMI101: the ``/tmp`` path gets ``context.aws_request_id`` (or a uuid when the function has no context) in its
  name, and the rest of the block runs in ``try``/``finally`` that removes the file.
- LMI104: the request id is added to the log call (``extra={"aws_request_id": ...}``, a structlog key, or a
  leading print argument).

Every builder returns None rather than a fix it cannot make correctly (arguments that use request data, a
connection used as a context manager, no request id in reach...).
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from workbench.readiness.model import Applicability, Fix
from workbench.readiness.python.facts.extractor import PARSER_NEWER
from workbench.readiness.python.fixes import region
from workbench.readiness.python.fixes.hoist import hoist
from workbench.readiness.python.fixes.logs import log_request_id
from workbench.readiness.python.fixes.tmp_paths import unique_tmp_path
from workbench.readiness.python.fixes.tree import build_with


def build_fix(text: str, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    """The fix for one candidate hit, or None; the fixed text always parses (with the parser that read the file).
    A byte-order mark stays where it is."""
    if text.startswith("\ufeff"):
        shifted = dict(cand)
        if cand["line"] == 1:
            shifted["col"] -= 1
        if cand["end_line"] == 1:
            shifted["end_col"] -= 1
        fix = build_fix(text[1:], shifted, facts)
        if fix is None or fix.new_text is None:
            return fix
        return Fix(fix.description, fix.applicability, new_text="\ufeff" + fix.new_text)
    builder = BUILDERS.get(cand["code"])
    if builder is None or cand.get("kind") in ("wipe", "cwd"):
        return None  # deleting all of /tmp, or writing relative to a /tmp working directory: no mechanical fix
    if len(text) >= region.REGION_MIN_CHARS and facts.get("parser") != PARSER_NEWER:
        fix = region.build_in_region(text, cand, facts, builder)
    else:
        fix = build_with(text, cand, facts, builder)
    if fix is None or fix.new_text is None or fix.new_text == text:
        return None
    if not parses(fix.new_text, newer=facts.get("parser") == PARSER_NEWER):
        return None
    if cand.get("kind") == "factory" and fix.applicability is Applicability.SAFE:
        # a project helper then runs at import: whatever else it does (logging, reading settings) moves with it
        return Fix(fix.description + " (the helper now runs at import: check that it may)",
                   Applicability.NEEDS_REVIEW, new_text=fix.new_text)
    return fix



BUILDERS = {"LMI101": unique_tmp_path, "LMI102": hoist, "LMI103": hoist, "LMI104": log_request_id}


def parses(text: str, *, newer: bool = False) -> bool:
    """Whether ``text`` is valid Python: this interpreter's ``ast``, or libcst's newer grammar for files that
    use it."""
    try:
        # compiled, not parsed into Python objects: the same syntax check, several times faster on large files
        compile(text, "<fixed>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        if not newer:
            return False
    except RecursionError:
        return False
    try:
        cst.parse_module(text)
        return True
    except Exception:  # noqa: BLE001
        return False
