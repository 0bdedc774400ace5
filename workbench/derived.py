"""The documents a session derives from its workload: the fit verdict and the starting LMI configuration.

Every open workbench reacts to the same workload change and derives the same documents; compare-and-set lets
one of them record each (the others find it already there). Configuration values a person changed (provenance
"user", or "file": given in a workload file) are kept when the workload changes; the rest are derived again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from workbench.models.findings import ReadinessSummary
from workbench.models.lmi_config import LmiConfiguration
from workbench.models.workload import Workload

if TYPE_CHECKING:
    from workbench.store import Store

WATCHED = (Workload, ReadinessSummary, LmiConfiguration)  # the documents it derives from (lmi-config: /tmp)
WATCHED_KINDS = frozenset(cls.KIND for cls in WATCHED)


def put_if_changed(store: "Store", doc, current, summary: str, ignore: set[str]) -> bool:
    """Record a derived document unless the store already holds the same one (``ignore``: fields such as
    timestamps that differ between equal derivations). True when written; a stale or read-only write is
    not an error here — a partner recorded the same derivation first, or this is a viewer."""
    from workbench.store import StoreConflict, StoreReadOnly

    if current is not None and current.doc.model_dump(exclude=ignore) == doc.model_dump(exclude=ignore):
        return False
    try:
        store.put(doc, expected_version=current.version if current else None, summary=summary)
    except (StoreConflict, StoreReadOnly):
        return False  # a partner recorded it first, or this is a viewer: their copy is the same derivation
    return True


def refresh_fit(store: "Store") -> bool:
    """Record the fit verdict for the current workload; True when a new assessment was written."""
    from workbench.fit import assess
    from workbench.models import FitAssessment, LmiConfiguration, Workload
    from workbench.models.findings import ReadinessSummary

    workload = store.get(Workload)
    if workload is None:
        return False
    readiness = None
    if store.get(ReadinessSummary) is not None:  # a review ran: it outranks the workload's own field
        readiness = review_readiness(store, workload.doc.runtime_family)
    config = store.get(LmiConfiguration)
    assessment = assess(workload.doc, workload_version=workload.version, readiness=readiness,
                        configuration=config.doc if config is not None else None)
    current = store.get(FitAssessment, assessment.id)
    return put_if_changed(store, assessment, current, f"fit: {assessment.verdict.value} — {assessment.summary}"[:300],
                           ignore={"computed_at"})


def review_readiness(store: "Store", runtime_family: str | None):
    """The review's readiness for the workload's own runtime: a project's Node.js findings say nothing about
    its Python function. None when the review has no finding in that runtime and none at all elsewhere."""
    from workbench.models import ConcurrencyReadiness, Finding, ReviewDecision
    from workbench.readiness.findings import readiness_state, summarize

    findings = [s.doc for s in store.list(Finding)]
    if runtime_family is not None:
        findings = [f for f in findings if f.runtime.value == runtime_family]
    decisions = {s.doc.fingerprint: s.doc for s in store.list(ReviewDecision)}
    return ConcurrencyReadiness(readiness_state(summarize(findings, decisions)))


def merged_configuration(derived, current):
    """``derived`` with the values a person set in ``current`` kept (None when they no longer validate)."""
    from workbench.models import LmiConfiguration, ProvenanceSource

    if current is None:
        return derived
    kept = {name: getattr(current, name) for name, origin in current.provenance.items()
            if origin.source in (ProvenanceSource.USER, ProvenanceSource.FILE)}
    if not kept:
        return derived
    data = derived.model_dump()
    data.update(kept)
    data["provenance"] = {**derived.model_dump()["provenance"],
                          **{name: current.provenance[name].model_dump() for name in kept}}
    try:
        return LmiConfiguration.model_validate(data)
    except ValidationError:
        return None


def refresh_configuration(store: "Store") -> str | None:
    """Derive the starting configuration for the current workload and record it.

    Returns a problem to show (an unsupported runtime, or a person's values that no longer fit), else None.
    """
    from workbench.models import LmiConfiguration, ProvenanceSource, Workload
    from workbench.starting_config import UnsupportedRuntime, starting_configuration

    workload = store.get(Workload)
    if workload is None:
        return None
    current = store.get(LmiConfiguration)
    kept = {name: getattr(current.doc, name) for name, origin in current.doc.provenance.items()
            if origin.source in (ProvenanceSource.USER, ProvenanceSource.FILE)} if current else {}
    try:  # the values a person or a file set feed the derivation: what follows from them is derived from them
        derived = starting_configuration(workload.doc, workload_version=workload.version, given=kept)
    except UnsupportedRuntime as exc:
        return str(exc)
    except ValidationError:
        derived = None
    merged = merged_configuration(derived, current.doc if current else None) if derived is not None else None
    if merged is None:
        return ("The LMI configuration keeps the values you set, and they no longer fit the changed workload: "
                "edit them on the Intake pane's configuration view, or re-derive it.")
    put_if_changed(store, merged, current, "configuration: derived from the workload",
                    ignore={"created_at", "workload_version"})
    return None
