"""Python fixes as libcst transformations (filled in below)."""

from __future__ import annotations

from typing import Any

from workbench.readiness.model import Fix


def build_fix(text: str, cand: dict[str, Any], facts: dict[str, Any]) -> Fix | None:
    return None
