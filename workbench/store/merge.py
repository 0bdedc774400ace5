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

``stamps`` are top-level fields that say who or when of the latest edit (a decision's ``author`` and
``decided_at``): every save changes them, so they never conflict. They follow the content: mine when something
of mine goes on top, theirs when nothing of mine does.

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
    stamps: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # stamp -> (theirs, mine) where they differ

    @property
    def adds_mine(self) -> bool:
        """True when something of mine other than the stamps goes on top of theirs."""
        return any(len(p) > 1 or p[0] not in self.stamps for p in self.mine_applied)

    def resolved(self, take: Literal["mine", "theirs"]) -> dict[str, Any]:
        """The merged document with every conflicting field set to ``take``'s value (stamps following)."""
        out = _copy(self.merged)
        if take == "mine":
            for c in self.conflicts:
                _set(out, c.path, c.mine)
        mine_stamps = take == "mine" and bool(self.conflicts) or self.adds_mine
        for name, (theirs, mine) in self.stamps.items():
            _set(out, (name,), mine if mine_stamps else theirs)
        return out


def merge3(base: dict[str, Any] | None, theirs: dict[str, Any], mine: dict[str, Any],
           stamps: frozenset[str] | set[str] = frozenset()) -> Merge:
    """Merge ``mine`` onto ``theirs`` against ``base`` (None: unknown), field by field (see the module doc)."""
    conflicts: list[FieldConflict] = []
    applied: list[Path] = []
    differing = {k: (theirs.get(k, MISSING), mine.get(k, MISSING)) for k in stamps
                 if not _same(theirs.get(k, MISSING), mine.get(k, MISSING))}
    merged = _merge_obj((), UNKNOWN if base is None else base,
                        {k: v for k, v in theirs.items() if k not in differing},
                        {k: v for k, v in mine.items() if k not in differing}, conflicts, applied)
    result = Merge(merged=merged, conflicts=conflicts, mine_applied=applied, base_known=base is not None,
                   stamps=differing)
    for name, (t, m) in differing.items():  # in the merged document, stamps follow the content
        _set(merged, (name,), m if result.adds_mine else t)
    return result


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
