"""A declaration of one of these libraries in a manifest or lock file (the version text's place, its bounds, whether
it is locked and can be raised in place), and the helpers the readers per ecosystem use to find one in a text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.etree import ElementTree

from workbench.readiness.manifests.versions import Bounds
from workbench.readiness.model import ParseFailure


@dataclass
class Declaration:
    runtime: str
    name: str
    spec: str
    start: int             # the version text, in characters
    end: int
    bounds: Bounds | None
    locked: bool = False
    direct: bool = True
    fixable: bool = False  # the span holds only a version (after an operator): it can be raised in place


def fixable_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The version number inside a spec like ``==3.1.0``, ``^3.1.0``, ``>=2``, ``2.20.0`` (one comparator)."""
    match = re.fullmatch(r"\s*(===|==|~=|>=|\^|~|=|v)?\s*(\d+(?:\.\d+)*)\s*", text[start:end])
    if not match:
        return None
    return start + match.start(2), start + match.end(2)


def line_offsets(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def mask_comments(text: str, style: str) -> str:
    pattern = {"xml": r"<!--.*?-->", "c": r"//[^\n]*|/\*.*?\*/", "hash": r"(?m)(^|\s)#[^\n]*"}[style]
    return re.sub(pattern, lambda mt: re.sub(r"[^\n]", " ", mt.group()), text, flags=re.DOTALL)



def read_json(text: str, name: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseFailure(f"could not parse {name}:{error.lineno}: {error.msg}", line=error.lineno) from None
    return data if isinstance(data, dict) else {}


def locate(text: str, anchors: list[str], value: str, start: int = 0) -> tuple[int, int]:
    """Offsets of ``value`` after each anchor in turn (where a JSON or YAML value is written)."""
    at = start
    for anchor in anchors:
        found = text.find(anchor, at)
        if found < 0:
            break
        at = found + len(anchor)
    found = text.find(value, at)
    if found < 0:
        found = max(0, at - len(anchors[-1]) if anchors else 0)
        return found, found + (len(anchors[-1]) if anchors else 1)
    return found, found + len(value)



def xml_check(text: str, name: str) -> None:
    try:
        ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        raise ParseFailure(f"could not parse {name}:{line}: {error}", line=line) from None


def properties(masked: str, pattern: str) -> dict[str, tuple[str, int, int]]:
    return {m.group(1): (m.group(2).strip(), m.start(2), m.end(2)) for m in re.finditer(pattern, masked)}
