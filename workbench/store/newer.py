"""Documents written by a newer release: a partner's newer lmi-workbench adds a field this release does not know.

Such a document is read with the fields this release knows (so every pane, ``generate`` and ``scan --store`` can
show it) and is read-only here: writing it back would drop the partner's new fields without telling them.
Only unknown fields are forgiven; a value this release cannot read (a new choice, a wrong type) stays an error.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from workbench.store.errors import StoreError

if TYPE_CHECKING:  # imported where a model was validated (the store opens and reads rows without pydantic)
    from pydantic import BaseModel, ValidationError


class StoreNewerRelease(StoreError):
    """A write to a document that a newer release wrote with fields this release does not know; nothing was
    written."""


def without_newer_fields(cls: type[BaseModel], body: str, error: ValidationError) -> tuple[Any, tuple[str, ...]] | None:
    """(document, the unknown fields by their dotted path) when ``error`` is only about fields this release does not
    know and the rest of ``body`` is a valid ``cls``; None otherwise."""
    errors = error.errors()
    if not errors or any(e.get("type") != "extra_forbidden" for e in errors):
        return None
    data = json.loads(body)
    fields = []
    for e in errors:
        loc = tuple(e.get("loc", ()))
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            parent.pop(loc[-1], None)
        fields.append(".".join(str(p) for p in loc))
    from pydantic import ValidationError

    try:
        return cls.model_validate(data), tuple(fields)
    except ValidationError:
        return None


def newer_note(kind: str, doc_id: str, fields: tuple[str, ...]) -> str:
    """The one note shown for such a document."""
    names = ", ".join(fields[:5]) + (f" and {len(fields) - 5} more" if len(fields) > 5 else "")
    return (f"{kind} '{doc_id}' was written by a newer release of lmi-workbench (it has {names}, which this "
            f"release does not know): it is shown read-only here; update lmi-workbench to change it")


def top_level_unknown(conn: Any, cls: type[BaseModel], kind: str, doc_id: str) -> tuple[str, ...]:
    """The stored body's top-level keys that ``cls`` does not know (read in SQLite, without parsing the body)."""
    rows = conn.execute("SELECT j.key FROM documents AS d, json_each(d.body) AS j WHERE d.kind = ? AND d.id = ?",
                        (kind, doc_id)).fetchall()
    known = set(cls.model_fields)
    return tuple(key for (key,) in rows if key not in known)
