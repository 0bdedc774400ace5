"""What a flow returns: an outcome and the sentences for the user, each with a severity."""

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
