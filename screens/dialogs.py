"""Small modal dialogs: a one-line text prompt, the conflict choice (base / theirs / mine per field) and y/n."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text. Enter accepts, Esc cancels (returns None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", hint: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._value = value
        self._placeholder = placeholder
        self._hint = hint or "Enter to save · Esc to cancel"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")
            yield Static(self._hint, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConflictDialog(ModalScreen[str | None]):
    """Someone else saved first. Returns "mine", "theirs" or None (cancel: nothing saved).

    With ``fields`` (the fields both sides changed: path, base, theirs, mine — ``FieldConflict``), every other
    field has already merged; the choice is only about these, and the dialog shows base / theirs / mine for
    each. Without fields (the document was deleted, or it is one computed whole): reload theirs or overwrite.
    """

    DEFAULT_CSS = """
    ConflictDialog .conflict-fields {
        height: auto;
        max-height: 25vh;  /* 6 rows at 80x24: the choices below stay on screen; more fields scroll */
        margin: 1 0 0 0;
    }
    ConflictDialog .conflict-field {
        height: auto;
    }
    """

    BINDINGS = [
        Binding("t,r", "choose('theirs')", "Keep theirs", id="conflict.reload"),
        Binding("m,o", "choose('mine')", "Take mine", id="conflict.overwrite"),
        Binding("escape", "choose(None)", "Cancel", id="conflict.cancel"),
    ]

    SHOWN_FIELDS = 12

    def __init__(self, what: str, theirs_author: str | None, theirs_version: int | None,
                 mine_version: int | None, readonly: bool = False, *, fields=(), invalid: str = "",
                 labels: dict[str, str] | None = None, names: dict[str, str] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._what = what
        self._author = theirs_author
        self._theirs = theirs_version
        self._mine = mine_version
        self._readonly = readonly
        self.fields = list(fields)
        self._invalid = invalid
        self._labels = labels or {}  # field (dotted) name -> what it means (its description), shown beside it
        self._names = names or {}    # field (dotted) name -> its label on screen ("Peak concurrent executions")

    def compose(self) -> ComposeResult:
        from rich.markup import escape

        who = escape(self._author or "someone")
        if self._theirs is None:
            detail = f"{self._what} was deleted by someone else after you opened it (you had v{self._mine})."
        elif self._mine is None:
            detail = f"{self._what} was created by {who} (v{self._theirs}) while you were editing."
        else:
            detail = (f"{self._what} changed while you were editing: you started from v{self._mine}, "
                      f"{who} saved v{self._theirs}.")
        with Vertical(classes="dialog conflict"):
            yield Static("Conflict: your change was not saved", classes="dialog-title")
            if not self.fields:
                yield Static(detail)
                yield Static(
                    "[b]r[/b]  reload theirs (your edit is dropped)\n"
                    "[b]o[/b]  overwrite with mine (recorded in the audit log)\n"
                    "[b]Esc[/b] cancel",
                    classes="dialog-choices",
                )
                return
            n = len(self.fields)
            both = "this field" if n == 1 else f"these {n} fields"
            yield Static(f"{detail} You both changed {both}; every other field merges."
                         + (f"\n{escape(self._invalid)}" if self._invalid else ""))
            with VerticalScroll(classes="conflict-fields"):
                for conflict in self.fields[: self.SHOWN_FIELDS]:
                    yield Static(self._field_text(conflict, who), classes="conflict-field")
                if n > self.SHOWN_FIELDS:
                    yield Static(f"… and {n - self.SHOWN_FIELDS} more")
            yield Static(
                f"[b]t[/b]  keep theirs for {both} (your other changes are saved)\n"
                f"[b]m[/b]  take mine for {both} ({who} is told; in the audit log)\n"
                "[b]Esc[/b] cancel (nothing is saved)",
                classes="dialog-choices",
            )

    def _field_text(self, conflict, who: str) -> str:
        from rich.markup import escape

        from workbench.store.merge import show_value

        name = self._names.get(conflict.name, conflict.name)  # as on screen: "Lambda Compute SP", "Source › Stage"
        label = self._labels.get(conflict.name, "")
        label = label if len(label) <= 50 else label[:49] + "…"
        return (f"[b]{escape(name)}[/b]" + (f"  [dim]{escape(label)}[/dim]" if label else "") + "\n"
                f"  base    {escape(show_value(conflict.base, 56))}\n"
                f"  theirs  {escape(show_value(conflict.theirs, 56))}  [dim]({who}, v{self._theirs})[/dim]\n"
                f"  mine    {escape(show_value(conflict.mine, 56))}")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question. y confirms; n or Esc declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self._question = question
        self._detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._question, classes="dialog-title")
            if self._detail:
                yield Static(self._detail)
            yield Static("[b]y[/b] yes · [b]n[/b] / Esc no", classes="dialog-choices")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
