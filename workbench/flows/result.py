"""What a flow returns: an outcome and the sentences for the user, each with a severity.

The flows (``workbench.flows``) are the user's actions without a screen: one typed function per user intent,
used by the TUI and the CLI alike. Each takes what it needs (the Store, a path, a document, an AWS session),
does the work and returns a result (``FlowResult`` or a subclass that adds what the flow made: a plan, a
proposal, the stored document) that says what happened and what to tell the user. It is the one result type of
every flow, the App and the CLI: ``outcome`` says ok / refused (read-only included) / invalid / conflict / failed /
cancelled, ``notes`` the sentences with their severity. A flow never raises into the caller for anything the user can cause or fix (a bad file, a partner's
change, a read-only session, an AWS or disk problem): that is an outcome with a message, and nothing the user
had is lost. A confirmation is a parameter (``confirmed``), never a dialog: the caller asks (the TUI with a
dialog, the CLI with a flag). No Textual, rich or screens (import contract ``flows-headless``); AWS only
through ``workbench.aws``.

    documents   save a shared document (compare-and-set + field merge), resolve a conflict
    workload    load / save a workload file
    readiness   scan, apply / undo a patch, decide on a finding
    aws         list / import functions, triage a fleet, refresh prices
    exports     write an export (cost report, cutover report), the history as text or Markdown
    deploy      pre-flight, plan, apply and clean up a deployment (with ``acting.Actor``)
    cutover     plan a cutover, propose and apply its decisions, edit its steps, check the cost, its report

The App shows any result the same way (``message`` at ``severity``); the CLI prints ``message`` and exits
non-zero when not ``ok``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Self

Severity = Literal["information", "warning", "error"]

READONLY_TEXT = "This session is open read-only (--readonly): it cannot be changed from here."


class Outcome(str, Enum):
    DONE = "done"            # did what was asked
    MERGED = "merged"        # saved, merged by field over a partner's newer version
    UNCHANGED = "unchanged"  # nothing to do: it already was so
    DECLINED = "declined"    # the user said no when asked to confirm; nothing changed
    REFUSED = "refused"      # not allowed here (read-only, offline); nothing changed
    INVALID = "invalid"      # bad input (a file, a path, a value); nothing changed
    CONFLICT = "conflict"    # a partner changed the same field; nothing saved until the user chooses
    FAILED = "failed"        # AWS, the disk or the store failed; nothing (more) changed
    CANCELLED = "cancelled"  # stopped part way (Esc); what was done stays done and is recorded


OK_OUTCOMES = frozenset({Outcome.DONE, Outcome.MERGED, Outcome.UNCHANGED})
# The severity of a result's sentence when the flow does not say otherwise.
DEFAULT_SEVERITY: dict[Outcome, Severity] = {
    Outcome.DONE: "information", Outcome.MERGED: "information", Outcome.UNCHANGED: "information",
    Outcome.DECLINED: "information", Outcome.REFUSED: "warning", Outcome.CONFLICT: "warning",
    Outcome.CANCELLED: "warning", Outcome.INVALID: "error", Outcome.FAILED: "error",
}


@dataclass(frozen=True)
class Note:
    """One sentence for the user."""

    text: str
    severity: Severity = "information"


@dataclass
class FlowResult:
    """The outcome of a flow and what to tell the user (in order)."""

    outcome: Outcome
    notes: list[Note] = field(default_factory=list)

    @classmethod
    def of(cls, outcome: Outcome, text: str = "", severity: Severity | None = None, **fields: Any) -> Self:
        """A result with one sentence (none when ``text`` is empty) at ``severity`` (by default the outcome's:
        ``DEFAULT_SEVERITY``) and the subclass's own ``fields``."""
        notes = [Note(text, severity or DEFAULT_SEVERITY[outcome])] if text else []
        return cls(outcome, notes, **fields)

    @property
    def ok(self) -> bool:
        """True when the flow did its work (or there was nothing to do)."""
        return self.outcome in OK_OUTCOMES

    @property
    def message(self) -> str:
        return "\n".join(note.text for note in self.notes)

    @property
    def severity(self) -> Severity:
        """The worst severity among the notes."""
        order: dict[str, int] = {"information": 0, "warning": 1, "error": 2}
        worst: Severity = "information"
        for note in self.notes:
            if order[note.severity] > order[worst]:
                worst = note.severity
        return worst

    def say(self, text: str, severity: Severity = "information") -> None:
        self.notes.append(Note(text, severity))


def readonly_refusal(text: str = READONLY_TEXT) -> FlowResult:
    """What a flow returns to a read-only session for a change (``text``: a flow's own words for it)."""
    return FlowResult.of(Outcome.REFUSED, text, "warning")
