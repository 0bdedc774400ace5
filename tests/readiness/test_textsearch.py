"""``found_from`` answers as ``pattern.search`` does, for patterns whose matches start with a literal."""

from __future__ import annotations

import re

import pytest

from workbench.readiness.textsearch import found_from

EXPORTS = re.compile(r"\bexports?\b")
STATIC = re.compile(r"\bstatic\s+(?:readonly\s+)*Cache\s+\w+\s*=")


@pytest.mark.parametrize("text", [
    "", "module.exports = x", "export default f", "reexports", "exporter", "x.exports_y", "a\nexport\n",
    "exportsexport", "_export", "const exports = 1",
])
def test_found_from_agrees_with_search_at_word_starts(text):
    assert found_from(text, "export", EXPORTS) == (EXPORTS.search(text) is not None)


@pytest.mark.parametrize("text", [
    "private static readonly Cache cache = new();", "nonstatic Cache c =", "static int x; static Cache c = y",
    "static static Cache c =", "staticCache c =",
])
def test_found_from_finds_a_match_after_a_false_start(text):
    assert found_from(text, "static", STATIC) == (STATIC.search(text) is not None)
