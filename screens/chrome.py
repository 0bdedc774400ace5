"""The shell around the panes: the pane tabs at the top, the message line and the status bar at the bottom, and
the dialog a message too long for its line opens in."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, Static
from textual.timer import Timer
from textual.widgets._footer import FooterKey

from workbench.keys import COMMANDS, PANES


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

    async def on_click(self, event: events.Click) -> None:  # pragma: no cover - mouse is optional
        offset = 0
        for number, (pane, title, _) in enumerate(PANES, start=1):
            width = len(f" {number} {title} ") + 1
            if offset <= event.x < offset + width:
                await self.app.run_action(f"show_pane('{pane}')")
                return
            offset += width


class StatusBar(Static):
    """Session, who you are, who else is here, AWS, the store, and read-only mode — on one line at any width:
    the store's path is left out whole when it does not fit (it was cut to nothing but its "·"); what still does
    not fit is cut at the end, which is the AWS part, with "…"."""

    DEFAULT_CSS = """
    StatusBar { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._parts: list[tuple[str, str]] = []  # (text, style), in the order shown
        self._optional: list[int] = []          # indexes of the parts that may be left out, the least needed first

    def update_status(self, *, session: str, author: str, store: str, aws: str,
                      others: list[str], readonly: bool, demo: bool) -> None:
        parts: list[tuple[str, str]] = []
        if readonly:
            parts += [(" READ-ONLY ", "reverse bold"), (" ", "")]
        if demo:
            parts += [(" DEMO ", "reverse"), (" ", "")]
        parts += [(session, "bold"), (f" · {author}", ""), (" · here: ", ""),
                  (", ".join(others) if others else "only you", "bold" if others else "")]
        parts.append((f" · AWS {aws}", ""))  # cut at its end (an endpoint URL) when even that does not fit
        store_index = len(parts)
        parts.append((f" · {store}", "dim"))
        self._parts, self._optional = parts, [store_index]
        self.update(self.line(self.size.width or 10_000))

    def line(self, width: int) -> Text:
        """The status line for a terminal ``width`` cells wide."""
        left_out: set[int] = set()
        for index in [None, *self._optional]:
            if index is not None:
                left_out.add(index)
            shown = [part for i, part in enumerate(self._parts) if i not in left_out]
            if sum(cell_len(text) for text, _ in shown) <= width:
                break
        text = Text(no_wrap=True, overflow="ellipsis")
        for part, style in shown:
            text.append(part, style=style)
        return text

    def on_resize(self) -> None:
        if self._parts:
            self.update(self.line(self.size.width))


class WorkbenchFooter(Footer):
    """The footer, fitted to the terminal's width: when the keys do not all fit, the least needed are left out
    (the note, then quit, then the pane's later keys) — never the help key, which lists them all, nor the
    command palette's. Textual's footer would cut the line at the right edge, help and quit first. Under a
    dialog it offers none of the pane's keys."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        palette = [w for w in widgets if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        room = (self.app.size.width or 80) - sum(self.key_width(w) + 1 for w in palette)
        # Under a dialog the pane's keys do nothing (the dialog shows its own): they are not offered.
        covered = self.is_attached and self.app.screen is not self.screen
        for key in keys if covered else self.left_out(keys, room):
            key.display = False
        yield from widgets

    def on_mount(self) -> None:  # Footer's own on_mount runs too (Textual calls the handler of every class)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen) -> None:
        if self.is_attached:
            self.refresh(recompose=True)

    @staticmethod
    def key_width(key: FooterKey) -> int:
        """The cells a compact footer key takes, with its right margin: "e Edit "."""
        return cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0) + 1

    @staticmethod
    def left_out(keys: list[FooterKey], room: int) -> list[FooterKey]:
        """The keys to leave out so that the rest fit in ``room`` cells, the least needed first."""
        def need(position: int) -> tuple[int, int]:  # the higher, the sooner it goes
            action = keys[position].action
            if action == "show_help":
                return (-1, 0)  # never
            rank = {"add_note": 3, "quit": 2}.get(action, 2 if action in _APP_ACTIONS else 1)
            return (rank, position)

        total = sum(WorkbenchFooter.key_width(key) for key in keys)
        dropped: list[int] = []
        for position in sorted(range(len(keys)), key=need, reverse=True):
            if total <= room or need(position)[0] < 0:
                break
            total -= WorkbenchFooter.key_width(keys[position])
            dropped.append(position)
        for position in reversed(dropped[:-1]):  # a less needed key that fits in what is left comes back
            if total + WorkbenchFooter.key_width(keys[position]) <= room:
                total += WorkbenchFooter.key_width(keys[position])
                dropped.remove(position)
        return [keys[position] for position in dropped]

    def on_resize(self) -> None:
        self.refresh(recompose=True)


_APP_ACTIONS = frozenset(command.action for command in COMMANDS if command.scope == "app")


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
        self._timer: Timer | None = None

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
        shown = self.query("#message-text")
        if shown:  # not there before the dialog is composed (two messages at once): compose shows them all
            shown.first(Static).update(self._text())

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#message-body", VerticalScroll).scroll_relative(y=lines, animate=False)
