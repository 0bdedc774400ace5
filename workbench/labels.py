"""The words on screen for the fields of the shared documents: one place the forms, the conflict dialog, the
partner's "your value was replaced" notice and the audit log take a field's name from (issue 13 item 6: messages
use the labels on screen, never ``lambda_compute_sp_pct``).

A document names its fields in one of two ways:

* a field's ``title`` (pydantic ``Field(title=...)``): the label its form and pane show ("Lambda Compute SP");
* ``LABELS_FROM_NAMES = True`` on the class: every field without a title is shown as its name in words, the way
  the Intake pane shows the workload and its LMI configuration (``memory_mb`` -> "Memory (MB)").

A nested field is named by its path ("Source › REST API"): a model's field by its title, a dict's key (the LMI
configuration's provenance is keyed by field names) by the label of the document field it names. A document
whose field has neither falls back to the field name; ``unlabelled`` lists those (a test runs it over every
document class that merges by field, the only ones whose fields a conflict names).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # words() is used by the first screen, drawn before pydantic is imported (screens.intake)
    from pydantic import BaseModel

_UNITS = {"usd": "USD", "mb": "MB", "ms": "ms", "pct": "%", "s": "s"}
_WORDS = {"lambda": "Lambda", "vpc": "VPC", "arn": "ARN", "insights": "Insights", "cpu": "CPU",
          "ids": "IDs", "p99": "P99", "avg": "average", "gib": "GiB", "vcpu": "vCPU"}
SEPARATOR = " › "


def words(name: str) -> str:
    """A field name as a person reads it, with its unit: "memory_mb" -> "Memory (MB)"."""
    parts = name.split("_")
    unit = _UNITS.get(parts[-1]) if len(parts) > 1 else None
    if unit:
        parts = parts[:-1]
    parts = [_WORDS.get(word, word) for word in parts]
    label = " ".join(parts)
    label = label[:1].upper() + label[1:]
    return f"{label} ({unit})" if unit else label


def own_label(model: type[BaseModel], name: str) -> str | None:
    """The label ``model`` gives its field ``name`` (its title, or its name in words when the class says its
    fields are shown that way); None when it gives none (or has no such field)."""
    info = getattr(model, "model_fields", {}).get(name)
    if info is None:
        return None
    if info.title:
        return info.title
    return words(name) if getattr(model, "LABELS_FROM_NAMES", False) else None


def field_label(model: type[BaseModel], path: str | tuple[str, ...] | list[str]) -> str:
    """The words on screen for the field at ``path`` of ``model`` (a name, a dotted name or a path of keys)."""
    keys = tuple(path.split(".")) if isinstance(path, str) else tuple(path)
    shown: list[str] = []
    current: Any = model
    for key in keys:
        inner = _model_of(current)
        if inner is not None:  # a model: its field's label
            shown.append(own_label(inner, key) or key)
            info = inner.model_fields.get(key)
            current = info.annotation if info is not None else None
        elif _dict_value(current) is not None:  # a dict keyed by data; a key that names a document field is shown so
            shown.append(own_label(model, key) or key)
            current = _dict_value(current)
        else:
            shown.append(key)
            current = None
    return SEPARATOR.join(shown)


def document_named(kind: str, doc_id: str) -> str:
    """A document in words for a notice or the audit log: "the cost settings", "the decision on finding
    '3f2a9c0e1b7d…'"; a document without a ``TITLE`` (or of a kind this release does not know) by kind and id."""
    from workbench.documents import UnknownDocumentKind, document_class

    try:
        title = document_class(kind).TITLE
    except UnknownDocumentKind:
        title = ""
    if not title:
        return f"{kind} '{doc_id}'"
    if doc_id == "default":
        return title
    return f"{title} '{doc_id if len(doc_id) <= 16 else doc_id[:12] + '…'}'"


def named_for_kind(kind: str, fields: Iterable[Any]) -> list[str]:
    """The conflicting ``fields`` (anything with a ``path``: ``FieldConflict``) of a document of ``kind`` as the
    screens name them; a kind this release does not know keeps the field names."""
    from workbench.documents import UnknownDocumentKind, document_class

    try:
        cls: type[BaseModel] | None = document_class(kind)
    except UnknownDocumentKind:
        cls = None
    return [field_label(cls, f.path) if cls is not None else ".".join(f.path) for f in fields]


def changes_in_words(before: BaseModel | None, after: BaseModel, *, width: int = 40) -> str:
    """What an edit changed, for the audit log: "Lambda Compute SP: (blank) → 12; Free tier: no → yes" (top-level
    fields, named as on screen); "" when nothing changed."""
    from workbench.store.merge import show_value

    cls = type(after)
    old = before.model_dump(mode="json") if before is not None else {}
    new = after.model_dump(mode="json")
    return "; ".join(f"{own_label(cls, name) or name}: {show_value(old.get(name), width)} → "
                     f"{show_value(value, width)}" for name, value in new.items()
                     if name != "id" and old.get(name) != value)


def in_words(message: str, model: type[BaseModel]) -> str:
    """A message with ``model``'s field names replaced by their labels ("lambda_compute_sp_pct must be …" ->
    "Lambda Compute SP must be …"), for the store's messages about a document that is not valid."""
    import re

    # only identifiers (a plain word such as "note" or "status" reads the same either way)
    labels = {name: label for name, label in field_labels(model).items() if "_" in name and label != name}
    for name in sorted(labels, key=len, reverse=True):
        message = re.sub(rf"\b{re.escape(name)}\b", labels[name].replace("\\", "\\\\"), message)
    return message


def field_labels(model: type[BaseModel]) -> dict[str, str]:
    """Every top-level field's label (the field name where the class gives none)."""
    return {name: own_label(model, name) or name for name in getattr(model, "model_fields", {})}


def unlabelled(model: type[BaseModel], *, skip: frozenset[str] = frozenset({"id"})) -> list[str]:
    """The fields (dotted, nested models' fields included) a conflict would name by their raw name."""
    missing: list[str] = []
    seen: set[type] = set()

    def walk(cls: type[BaseModel], prefix: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            if not prefix and name in skip:
                continue
            if own_label(cls, name) is None:
                missing.append(prefix + name)
            annotation = info.annotation
            nested = _model_of(annotation) or _model_of(_dict_value(annotation))
            if nested is not None and not _is_list(annotation):  # a list is one field: merged and shown whole
                walk(nested, f"{prefix}{name}.")

    walk(model, "")
    return missing


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` and ``Annotated[X, ...]`` -> (X, whether None is allowed); the forms read fields this way too."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation, optional


def _unwrap(annotation: Any) -> Any:
    return unwrap(annotation)[0]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _dict_value(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is dict:
        args = typing.get_args(annotation)
        return args[1] if len(args) == 2 else Any
    return None


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(_unwrap(annotation)) in (list, tuple, set, frozenset)


__all__ = ["SEPARATOR", "changes_in_words", "document_named", "field_label", "field_labels", "in_words", "named_for_kind", "own_label", "unlabelled", "words"]
