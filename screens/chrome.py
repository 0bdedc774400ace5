"""The shell around the panes: the pane tabs at the top, the message line and the status bar at the bottom, and
the dialog a message too long for its line opens in."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.keys import PANES


class PaneTabs(Static):
    """"1 Intake  2 Cost  …" with the current pane highlighted; a mouse click also switches."""

    current: reactive[str] = reactive("intake")

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (pane, title, _) in enumerate(PANES, start=1):
            label = f" {number} {title} "
            if pane == self.current:
                text.append(label, style="reverse bold")
            else:
                text.append(label)
            text.append(" ")
        return text

    def on_click(self, event) -> None:  # pragma: no cover - mouse is optional
        offset = 0
        for number, (pane, title, _) in enumerate(PANES, start=1):
            width = len(f" {number} {title} ") + 1
            if offset <= event.x < offset + width:
                self.app.run_action(f"show_pane('{pane}')")
                return
            offset += width


class StatusBar(Static):
    """Session, who you are, the store, AWS, who else is here, and read-only mode."""

    def update_status(self, *, session: str, author: str, store: str, aws: str,
                      others: list[str], readonly: bool, demo: bool) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        if readonly:
            text.append(" READ-ONLY ", style="reverse bold")
            text.append(" ")
        if demo:
            text.append(" DEMO ", style="reverse")
            text.append(" ")
        text.append(session, style="bold")
        text.append(f" · {author}")
        text.append(" · here: ")
        text.append(", ".join(others) if others else "only you", style="bold" if others else "")
        text.append(f" · AWS {aws}")
        text.append(f" · {store}", style="dim")
        self.update(text)


SEVERITY_MARKS = {"error": ("✗ ", "bold $error"), "warning": ("! ", "bold $warning"), "information": ("· ", "")}
MESSAGE_LINES = 3  # a message longer than this at the screen's width opens in a MessageDialog


def plain_message(message: str, markup: bool = True) -> str:
    """A notification's text without markup (a path with [brackets] that is not markup is kept as it is)."""
    if not markup:
        return message
    try:
        return Text.from_markup(message).plain
    except Exception:  # not valid markup: the text as given
        return message


class MessageLine(Static):
    """The one place notifications appear: a line above the status bar, never over it or over a dialog's
    buttons. The newest message replaces the one before (no stack); it clears after its timeout. A text marker
    (✗ ! ·) says the severity without colour (NO_COLOR)."""

    DEFAULT_CSS = """
    MessageLine { height: auto; max-height: 3; display: none; padding: 0 1; background: $panel; }
    MessageLine.-error { color: $text-error; text-style: bold; }
    MessageLine.-warning { color: $text-warning; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.message = ""
        self._timer = None

    def show(self, message: str, severity: str = "information", timeout: float = 6.0) -> None:
        mark, _ = SEVERITY_MARKS.get(severity, SEVERITY_MARKS["information"])
        self.message = message
        self.set_class(severity == "error", "-error")
        self.set_class(severity == "warning", "-warning")
        self.update(Text(mark + message))
        self.display = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(max(timeout, 1.0), self.clear)

    def clear(self) -> None:
        self.message = ""
        self.update("")
        self.display = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


class MessageDialog(ModalScreen[None]):
    """A message too long for the message line (a file's list of problems, an AWS error), in full; further
    long messages that arrive while it is open are added to it instead of stacking dialogs."""

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="message.close"),
        Binding("j,down", "scroll(1)", show=False, id="message.down"),
        Binding("k,up", "scroll(-1)", show=False, id="message.up"),
    ]

    def __init__(self, message: str, severity: str = "information") -> None:
        super().__init__(classes="dialog-screen")
        self.messages = [(message, severity)]

    def _text(self) -> Text:
        text = Text()
        for index, (message, severity) in enumerate(self.messages):
            if index:
                text.append("\n\n")
            mark, _ = SEVERITY_MARKS.get(severity, SEVERITY_MARKS["information"])
            text.append(mark + message)
        return text

    def compose(self) -> ComposeResult:
        titles = {"error": "Error", "warning": "Warning"}
        with Vertical(classes="dialog message"):
            yield Static(titles.get(self.messages[0][1], "Message"), classes="dialog-title")
            with VerticalScroll(id="message-body"):
                yield Static(self._text(), id="message-text")
            yield Static("[b]Enter[/b] / Esc close · j/k scroll", classes="dialog-choices")

    def add(self, message: str, severity: str) -> None:
        self.messages.append((message, severity))
        self.query_one("#message-text", Static).update(self._text())

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#message-body", VerticalScroll).scroll_relative(y=lines, animate=False)
