"""The cutover's confirmation: a proposal (move forward, hold, roll back) with the exact boto3 calls it will
make, why, and who confirms it. ``y`` confirms, ``n`` / Esc declines; nothing runs before ``y``."""

from __future__ import annotations

from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

DECISION_TITLES = {"start": "Start the cutover", "forward": "Move forward", "hold": "Hold",
                   "rollback": "Roll back", "complete": "Complete the cutover"}


def decision_name(decision) -> str:
    """'forward', 'hold' or 'rollback' for a Decision (enum member, value or string)."""
    value = str(getattr(decision, "value", decision)).lower().replace("-", "").replace("_", "").replace(" ", "")
    return {"back": "rollback", "advance": "forward"}.get(value, value)


def _step_label(state, index) -> str:
    if index is None:
        return "the old function only (0% on LMI)"
    try:
        return f"step {index + 1} ({state.steps[index].traffic_pct:g}% on LMI)"
    except (AttributeError, IndexError, TypeError):
        return f"step {index + 1}"


def proposal_body(proposal, state, author: str, *, automatic: bool = False, note: str = "") -> Group:
    """What the dialog shows: the move, the reason, what holds it back, every call exactly as it will be made,
    and the author."""
    parts: list[Text | Syntax] = []
    head = Text()
    if automatic:
        head.append("A gate failed: this rollback is proposed, not applied.\n", style="bold red")
    head.append("From ", style="bold")
    # A rollback sends all traffic back to the old function, whatever step it starts from (its to_step is the
    # step it leaves, for the record).
    to_step = None if decision_name(proposal.decision) == "rollback" else proposal.to_step
    head.append(f"{_step_label(state, proposal.from_step)} → {_step_label(state, to_step)}")
    new_status = getattr(proposal.new_status, "value", proposal.new_status)
    if new_status:
        head.append(f"  (status becomes {new_status})", style="dim")
    if proposal.reason:
        head.append(f"\n{proposal.reason}")
    for blocker in getattr(proposal, "blockers", ()) or ():
        head.append(f"\nHeld back: {blocker}", style="bold red")
    if getattr(proposal, "blockers", ()):
        head.append("\ny asks for a reason to force it (recorded); n keeps waiting.", style="red")
    parts.append(head)
    calls = list(proposal.calls or [])
    if calls:
        parts.append(Text(f"\nThe {'call' if len(calls) == 1 else f'{len(calls)} calls'} made on "
                          f"confirmation:", style="bold"))
        for call in calls:
            if getattr(call, "why", ""):
                parts.append(Text(f"# {call.why}", style="dim"))
            parts.append(Syntax(call.boto3_call, "python", theme="ansi_dark", word_wrap=True,
                                background_color="default"))
    else:
        parts.append(Text("\nNo AWS call: this decision is recorded in the audit log only.", style="dim"))
    parts.append(Text(f"\nConfirming as: {author} (recorded in the audit log with the calls and the outcome)",
                      style="bold"))
    if note:
        parts.append(Text(note, style="dim"))
    return Group(*parts)


class ProposalDialog(ModalScreen[bool]):
    """Confirm or decline one cutover proposal."""

    BINDINGS = [
        Binding("y", "answer(True)", "Confirm", id="proposal.yes"),
        Binding("n,escape", "answer(False)", "Decline", id="proposal.no"),
        Binding("j,down", "scroll(1)", show=False, id="proposal.down"),
        Binding("k,up", "scroll(-1)", show=False, id="proposal.up"),
    ]

    def __init__(self, proposal, state, author: str, *, automatic: bool = False, note: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.proposal = proposal
        self._state = state
        self._author = author
        self._note = note
        self.automatic = automatic
        self.body = proposal_body(proposal, state, author, automatic=automatic, note=note)

    def body_text(self, width: int = 400) -> str:
        """What the dialog says, as plain text (for tests and logs)."""
        import io

        from rich.console import Console

        console = Console(width=width, file=io.StringIO(), color_system=None)
        with console.capture() as capture:
            console.print(self.body)
        return capture.get()

    def compose(self) -> ComposeResult:
        name = decision_name(self.proposal.decision)
        classes = "dialog proposal" + (" conflict" if name == "rollback" else "")
        with Vertical(classes=classes):
            yield Static(f"{DECISION_TITLES.get(name, name.capitalize())}?", classes="dialog-title")
            with VerticalScroll(id="proposal-body"):
                yield Static(self.body, id="proposal-text")
            yield Static("[b]y[/b] confirm and run · [b]n[/b] / Esc decline (nothing is called)",
                         classes="dialog-choices")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#proposal-body", VerticalScroll).scroll_relative(y=lines, animate=False)
