"""The document base class every shared state document derives from, and the kind registry.

A document is a pydantic model with a ``KIND`` (its table name in the store) and an ``id`` (several documents
of one kind may exist, e.g. one Finding per fingerprint). The store keeps the version; the document does not.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

_KINDS: dict[str, type["Document"]] = {}


class UnknownDocumentKind(KeyError):
    """A store row names a kind this release does not know."""


class Document(BaseModel):
    """Base of every document kept in the shared state store."""

    # defer_build: a model's validator is built on first use, not at import; start-up builds only what the
    # first screen reads (the review header and the workload), not every document kind of the product.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False, defer_build=True)

    KIND: ClassVar[str] = ""
    # A save that meets a newer version merges by field against the version the edit started from
    # (workbench/store/merge.py). False for documents that are one computed whole (a derivation, a cache, a
    # counter): there a stale save is a plain conflict, and no old versions are kept for it.
    MERGE_BY_FIELD: ClassVar[bool] = True
    # Fields that say who/when of the latest edit (every save changes them): never a conflict; they follow
    # whichever side's content the merged document takes.
    MERGE_STAMPS: ClassVar[frozenset[str]] = frozenset()
    # How the screens name the fields (``workbench.labels``): a field's ``title``; without one, when True, its name
    # in words ("memory_mb" -> "Memory (MB)", as the Intake pane shows the workload). A document merged by field
    # labels every field one of these ways, so a conflict or a "your value was replaced" notice never shows a raw
    # field name (tests/unit/test_field_labels.py).
    LABELS_FROM_NAMES: ClassVar[bool] = False
    # The document in words for the notices and the audit log ("the cost settings"); "" names it by kind and id.
    TITLE: ClassVar[str] = ""
    id: str = Field(default="default", min_length=1, max_length=200)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        kind = cls.__dict__.get("KIND", "")
        if kind:
            other = _KINDS.get(kind)
            if other is not None and other.__qualname__ != cls.__qualname__:
                raise TypeError(f"document kind {kind!r} is already used by {other.__qualname__}")
            _KINDS[kind] = cls


def document_class(kind: str) -> type[Document]:
    """The model class registered for ``kind``."""
    try:
        return _KINDS[kind]
    except KeyError:
        raise UnknownDocumentKind(kind) from None


def document_kinds() -> dict[str, type[Document]]:
    """Every registered kind (import ``workbench.models`` first to register the domain documents)."""
    return dict(_KINDS)
