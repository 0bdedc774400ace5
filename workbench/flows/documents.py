"""Saving a shared document: compare-and-set on the version the edit started from, merged by field over a
partner's newer version (``workbench.store.merge``); only a field both changed is a conflict, returned with
base / theirs / mine for each such field. Never raises into the caller: every outcome is a ``SaveResult``.

    result = save_document(store, doc, expected_version=stored.version, summary="...", what="The workload")
    if result.outcome is Outcome.CONFLICT:          # ask the user, then:
        result = resolve_conflict(store, result, "mine")     # or "theirs", or None (cancel)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, Literal

from workbench.documents import Document
from workbench.flows.result import FlowResult, Note, Outcome, readonly_refusal
from workbench.labels import field_label
from workbench.store import Stored, Store, StoreConflict, StoreError, StoreReadOnly
from workbench.store.merge import show_value

Take = Literal["mine", "theirs"]


@dataclass(frozen=True)
class FieldChoice:
    """A field both partners changed: its name, its label on screen (``workbench.labels``), what it means (the
    field's description), and the three values (raw and shown)."""

    name: str
    label: str
    base: Any
    theirs: Any
    mine: Any
    meaning: str = ""

    def shown(self, width: int = 60) -> tuple[str, str, str]:
        return show_value(self.base, width), show_value(self.theirs, width), show_value(self.mine, width)


@dataclass
class SaveResult(FlowResult):
    """``stored`` is what the store holds after the save (None when nothing was saved). On CONFLICT,
    ``conflict`` is the store's StoreConflict (pass the result to ``resolve_conflict``) and ``fields`` the
    fields both changed."""

    stored: Stored | None = None
    conflict: StoreConflict | None = None
    fields: list[FieldChoice] = field(default_factory=list)
    doc: Document | None = None
    summary: str = ""
    what: str = ""
    then: Callable[[Store], object] | None = None  # a follow-up step once the document is saved (after a conflict)

    @property
    def partner(self) -> str:
        return (self.conflict.current_author if self.conflict is not None else None) or "a partner"


def meanings_of(cls: type) -> dict[str, str]:
    """Each field's description (what it means), shown beside its label in the conflict dialog."""
    fields = getattr(cls, "model_fields", {})
    return {name: info.description for name, info in fields.items() if info.description}


def _conflicted(conflict: StoreConflict, doc: Document, summary: str, what: str) -> SaveResult:
    meanings = meanings_of(type(doc))
    fields = [FieldChoice(c.name, field_label(type(doc), c.path), c.base, c.theirs, c.mine,
                          meanings.get(c.path[0], "") if len(c.path) == 1 else "") for c in conflict.fields]
    return SaveResult(Outcome.CONFLICT, [Note(str(conflict), "warning")], conflict=conflict,  # str(conflict) names the document
                      fields=fields, doc=conflict.mine if conflict.mine is not None else doc, summary=summary,
                      what=what)


def save_document(store: Store, doc: Document, *, expected_version: int | None, summary: str,
                  what: str = "The document") -> SaveResult:
    """Save ``doc``, an edit that started from stored version ``expected_version`` (None: a new document)."""
    if store.readonly:
        refused = readonly_refusal()
        return SaveResult(refused.outcome, refused.notes, doc=doc, summary=summary, what=what)
    try:
        stored = store.put(doc, expected_version=expected_version, summary=summary)
    except StoreReadOnly as exc:
        return SaveResult(Outcome.REFUSED, [Note(str(exc), "warning")], doc=doc, summary=summary, what=what)
    except StoreConflict as conflict:
        return _conflicted(conflict, doc, summary, what)
    except StoreError as exc:
        return SaveResult(Outcome.FAILED, [Note(str(exc), "error")], doc=doc, summary=summary, what=what)
    if stored.author != store.author:  # a partner's newer version already holds everything I changed
        return SaveResult(Outcome.UNCHANGED, [Note(f"{what}: nothing new to save; {stored.author}'s "
                                                   f"v{stored.version} already has your changes.")],
                          stored=stored, doc=doc, summary=summary, what=what)
    if stored.doc is not doc:
        return SaveResult(Outcome.MERGED, [Note(f"{what}: saved over a partner's newer version; their other "
                                                "changes were kept.")], stored=stored, doc=doc, summary=summary,
                          what=what)
    return SaveResult(Outcome.DONE, [], stored=stored, doc=doc, summary=summary, what=what)


def resolve_conflict(store: Store, result: SaveResult, take: Take | None) -> SaveResult:
    """What the user chose for a save that met a conflict: ``"mine"`` (my values for the conflicting fields;
    the partner is told through the feed), ``"theirs"`` (their values; my other changes are still saved) or
    None (cancel: nothing saved). Another change meanwhile is a new CONFLICT result."""
    conflict, doc, summary, what = result.conflict, result.doc, result.summary, result.what
    if conflict is None or doc is None:
        return SaveResult(Outcome.FAILED, [Note(f"{what}: there is no conflict to resolve.", "error")])
    if take is None:
        return SaveResult(Outcome.DECLINED, [Note(f"{what}: not saved; {result.partner}'s version stays.")],
                          doc=doc, summary=summary, what=what)
    if store.readonly:
        refused = readonly_refusal()
        return SaveResult(refused.outcome, refused.notes, doc=doc, summary=summary, what=what)
    try:
        if take == "mine" and not conflict.fields:
            stored: Stored | None = store.overwrite(doc, summary=summary)  # deleted meanwhile, or one computed whole
        elif conflict.fields:
            stored = store.resolve(conflict, take, summary=summary)
            if stored is None:
                return SaveResult(Outcome.UNCHANGED, [Note(f"{what}: kept theirs; you had nothing else to save.")],
                                  doc=doc, summary=summary, what=what)
        else:  # theirs, and nothing merges by field: reload theirs
            return SaveResult(Outcome.DECLINED, [Note(f"{what}: reloaded {result.partner}'s version; yours was "
                                                      "dropped.")], doc=doc, summary=summary, what=what)
    except StoreConflict as again:  # yet another change meanwhile: ask again about that one
        retry = _conflicted(again, doc, summary, what)
        retry.then = result.then
        return retry
    except StoreError as exc:
        return SaveResult(Outcome.FAILED, [Note(str(exc), "error")], doc=doc, summary=summary, what=what)
    if take == "mine":
        text = (f"{what}: your value replaced {conflict.current_author}'s (v{conflict.current_version}); "
                "they are told.")
    else:
        text = f"{what}: kept {conflict.current_author}'s value; your other changes were saved."
    if result.then is not None:
        try:
            result.then(store)
        except StoreError as exc:
            return SaveResult(Outcome.FAILED, [Note(text), Note(str(exc), "error")], stored=stored, doc=doc,
                              summary=summary, what=what)
    return SaveResult(Outcome.DONE, [Note(text)], stored=stored, doc=doc, summary=summary, what=what)


def conflict_result(conflict: StoreConflict, doc: Document | None, *, summary: str, what: str) -> SaveResult:
    """A StoreConflict met outside ``save_document`` (a flow that saves as it goes) as a CONFLICT result for
    ``resolve_conflict``."""
    mine = conflict.mine if conflict.mine is not None else doc
    if mine is None:
        return SaveResult(Outcome.FAILED, [Note(str(conflict), "error")], conflict=conflict, summary=summary,
                          what=what)
    return _conflicted(conflict, mine, summary, what)
