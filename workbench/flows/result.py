"""What a flow returns: an outcome and the sentences for the user, each with a severity.

The flows (``workbench.flows``) are the user's actions without a screen: one typed function per user intent,
used by the TUI and the CLI alike. Each takes what it needs (the Store, a path, a document, an AWS session),
does the work and returns a result (``FlowResult`` or a subclass) that says what happened and what to tell the
user. A flow never raises into the caller for anything the user can cause or fix (a bad file, a partner's
change, a read-only session, an AWS or disk problem): that is an outcome with a message, and nothing the user
had is lost. A confirmation is a parameter (``confirmed``), never a dialog: the caller asks (the TUI with a
dialog, the CLI with a flag). No Textual, rich or screens (import contract ``flows-headless``); AWS only
through ``workbench.aws``.

    documents   save a shared document (compare-and-set + field merge), resolve a conflict
    workload    load / save a workload file
    readiness   scan, apply / undo a patch, decide on a finding
    aws         list / import functions, triage a fleet, refresh prices
    exports     write an export (cost report, cutover report), the history as text or Markdown

``ok``, ``message`` and ``severity`` read like the deploy and cutover flows' ``ActionResult``, so the
App shows either the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

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

    @property
    def ok(self) -> bool:
        """True when the flow did its work (or there was nothing to do)."""
        return self.outcome in (Outcome.DONE, Outcome.MERGED, Outcome.UNCHANGED)

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


def readonly_refusal() -> FlowResult:
    return FlowResult(Outcome.REFUSED, [Note(READONLY_TEXT, "warning")])
