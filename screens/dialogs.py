"""Small modal dialogs: a one-line text prompt, and the conflict choice (reload theirs / overwrite)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
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
    """Someone else saved first. Returns "reload", "overwrite" or None (keep editing / cancel)."""

    BINDINGS = [
        Binding("r", "choose('reload')", "Reload theirs", id="conflict.reload"),
        Binding("o", "choose('overwrite')", "Overwrite with mine", id="conflict.overwrite"),
        Binding("escape", "choose(None)", "Cancel", id="conflict.cancel"),
    ]

    def __init__(self, what: str, theirs_author: str | None, theirs_version: int | None,
                 mine_version: int | None, readonly: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self._what = what
        self._author = theirs_author
        self._theirs = theirs_version
        self._mine = mine_version
        self._readonly = readonly

    def compose(self) -> ComposeResult:
        if self._theirs is None:
            detail = f"{self._what} was deleted by someone else after you opened it (you had v{self._mine})."
        elif self._mine is None:
            detail = f"{self._what} was created by {self._author} (v{self._theirs}) while you were editing."
        else:
            detail = (f"{self._what} changed while you were editing: you started from v{self._mine}, "
                      f"{self._author} saved v{self._theirs}.")
        with Vertical(classes="dialog conflict"):
            yield Static("Conflict: your change was not saved", classes="dialog-title")
            yield Static(detail)
            yield Static(
                "[b]r[/b]  reload theirs (your edit is dropped)\n"
                "[b]o[/b]  overwrite with mine (recorded in the audit log)\n"
                "[b]Esc[/b] cancel",
                classes="dialog-choices",
            )

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
