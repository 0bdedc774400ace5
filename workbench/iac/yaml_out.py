"""A small YAML emitter that keeps comments: ``Why(value, "reason")`` renders as ``# reason`` above its key."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.:/-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


@dataclass(frozen=True)
class Why:
    value: Any
    reason: str


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(reason: str, pad: str) -> list[str]:
    import textwrap

    lines: list[str] = []
    for paragraph in reason.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, max(40, 110 - len(pad))) or [""]
    return [f"{pad}# {line}".rstrip() for line in lines]


def _is_block(value: Any) -> bool:
    return isinstance(value, (dict, list)) and bool(value)


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, Why):
                out += _comment(item.reason, pad)
                item = item.value
            if _is_block(item):
                out.append(f"{pad}{_scalar(key)}:")
                _emit(item, indent + 1, out)
            else:
                out.append(f"{pad}{_scalar(key)}: {_flow(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Why):
                out += _comment(item.reason, pad)
                item = item.value
            if _is_block(item):
                sub: list[str] = []
                _emit(item, indent + 1, sub)
                # the first line goes after the dash (comments stay above it)
                lead = 0
                while sub[lead].lstrip().startswith("#"):
                    out.append(sub[lead])
                    lead += 1
                out.append(f"{pad}- {sub[lead].lstrip()}")
                out += sub[lead + 1:]
            else:
                out.append(f"{pad}- {_flow(item)}")


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{}" if not value else "{" + ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, Why):
        return _flow(value.value)
    return _scalar(value)


def dump(document: dict[str, Any], header: str = "") -> str:
    out = _comment(header, "") if header else []
    _emit(document, 0, out)
    return "\n".join(out) + "\n"


def strip(value: Any) -> Any:
    """The same data without the reasons (for tests and JSON)."""
    if isinstance(value, Why):
        return strip(value.value)
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value
