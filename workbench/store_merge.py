"""Three-way merge of a document by field: what a save does when it meets a newer version than it started from.

``base`` is the version my edit started from, ``theirs`` the version stored now, ``mine`` what I am saving. All
three are the documents' JSON forms (``model_dump(mode="json")``). Objects (nested models, dicts) are merged key
by key; anything else (a string, a number, a list) is one field. For each field:

* I did not change it (mine == base): theirs stays;
* only I changed it (theirs == base): mine goes on top of theirs;
* we both changed it to the same value: that value;
* we both changed it, to different values: a conflict; the merged document holds theirs until the user chooses.

With no base (it is unknown: a create that met a create, or a version too old to be kept), every field where
mine and theirs differ is a conflict: nothing of theirs is ever replaced without asking.

Pure: no store, no I/O. ``Store.put`` uses it; the conflict dialog shows ``Merge.conflicts``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Path = tuple[str, ...]


class _Sentinel:
    """A value that is not a JSON value: a field absent from one side, or a base that is not known."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name

    def __bool__(self) -> bool:
        return False

    def __copy__(self) -> "_Sentinel":
        return self

    def __deepcopy__(self, memo: dict) -> "_Sentinel":
        return self


MISSING: Any = _Sentinel("MISSING")  # a key of a dict field that one side added or removed
UNKNOWN: Any = _Sentinel("UNKNOWN")  # the base is not known: any difference is a conflict


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed to different values. ``base`` is UNKNOWN when the base is not known,
    MISSING (like ``theirs``/``mine``) when that side has no such key."""

    path: Path
    base: Any
    theirs: Any
    mine: Any

    @property
    def name(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Merge:
    """The outcome of ``merge3``: ``merged`` holds theirs on every conflicting field."""

    merged: dict[str, Any]
    conflicts: list[FieldConflict] = field(default_factory=list)
    mine_applied: list[Path] = field(default_factory=list)  # fields where mine went on top of theirs
    base_known: bool = True

    def resolved(self, take: Literal["mine", "theirs"]) -> dict[str, Any]:
        """The merged document with every conflicting field set to ``take``'s value."""
        if take == "theirs" or not self.conflicts:
            return _copy(self.merged)
        out = _copy(self.merged)
        for c in self.conflicts:
            _set(out, c.path, c.mine)
        return out


def merge3(base: dict[str, Any] | None, theirs: dict[str, Any], mine: dict[str, Any]) -> Merge:
    """Merge ``mine`` onto ``theirs`` against ``base`` (None: unknown), field by field (see the module doc)."""
    conflicts: list[FieldConflict] = []
    applied: list[Path] = []
    merged = _merge_obj((), UNKNOWN if base is None else base, theirs, mine, conflicts, applied)
    return Merge(merged=merged, conflicts=conflicts, mine_applied=applied, base_known=base is not None)


def _merge_obj(path: Path, base: Any, theirs: dict[str, Any], mine: dict[str, Any],
               conflicts: list[FieldConflict], applied: list[Path]) -> dict[str, Any]:
    """``base``: a dict, or UNKNOWN."""
    out: dict[str, Any] = {}
    keys = list(theirs) + [k for k in mine if k not in theirs]
    for key in keys:
        b = base.get(key, MISSING) if isinstance(base, dict) else UNKNOWN
        t = theirs.get(key, MISSING)
        m = mine.get(key, MISSING)
        value = _merge_value((*path, key), b, t, m, conflicts, applied)
        if value is not MISSING:
            out[key] = value
    return out


def _merge_value(path: Path, b: Any, t: Any, m: Any, conflicts: list[FieldConflict],
                 applied: list[Path]) -> Any:
    if _same(m, t):
        return t
    if isinstance(t, dict) and isinstance(m, dict):  # an object: merged key by key
        return _merge_obj(path, b if b is UNKNOWN or isinstance(b, dict) else {}, t, m, conflicts, applied)
    if b is not UNKNOWN:
        if _same(m, b):  # only they changed it (or nobody did)
            return t
        if _same(t, b):  # only I changed it
            applied.append(path)
            return m
    conflicts.append(FieldConflict(path, b, t, m))
    return t


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values (True is not 1)."""
    if a is MISSING or b is MISSING:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _set(obj: dict[str, Any], path: Path, value: Any) -> None:
    for key in path[:-1]:
        nxt = obj.get(key)
        if not isinstance(nxt, dict):
            nxt = {}
            obj[key] = nxt
        obj = nxt
    if value is MISSING:
        obj.pop(path[-1], None)
    else:
        obj[path[-1]] = _copy(value)


def show_value(value: Any, width: int = 60) -> str:
    """A field's value in a few words for the conflict dialog and the audit log."""
    if value is UNKNOWN:
        return "(unknown)"
    if value is MISSING:
        return "(not set)"
    if value is None:
        return "(blank)"
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["MISSING", "UNKNOWN", "FieldConflict", "Merge", "merge3", "show_value"]
