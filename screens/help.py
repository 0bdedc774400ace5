"""The help screen: every key binding, built from the same table as the command palette and the footer."""

from __future__ import annotations

from itertools import groupby

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.keys import COMMANDS, display_keys, effective_keys


def help_table(keymap: dict[str, str]) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(style="bold", no_wrap=True, width=16)
    table.add_column(ratio=1)
    order = ["Panes", "Workbench", "Review"]
    ordered = sorted(COMMANDS, key=lambda entry: order.index(entry.group) if entry.group in order else 99)
    for group, entries in groupby(ordered, key=lambda entry: entry.group):
        table.add_row(Text(group, style="underline"), "")
        for entry in entries:
            table.add_row(display_keys(effective_keys(entry, keymap)), entry.help)
        table.add_row("", "")
    table.add_row(Text("Everywhere", style="underline"), "")
    table.add_row("Tab / Shift+Tab", "Move the focus between controls.")
    table.add_row("↑ ↓ / j k", "Move in lists and tables.")
    table.add_row("Esc", "Close a dialog or this help.")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", show=False, id="help.up"),
    ]

    def __init__(self, keymap: dict[str, str], section: str | None = None) -> None:
        """``section``: the group to open at (the current pane's, e.g. "Cost pane"); the rest is a scroll away."""
        super().__init__(classes="dialog-screen")
        self._keymap = keymap
        self.section = section

    def on_mount(self) -> None:
        if self.section:
            self.call_after_refresh(self._open_at_section)

    def section_line(self, width: int) -> int | None:
        """The line of the help table where ``section`` starts, with the table drawn ``width`` wide."""
        import io

        from rich.console import Console

        console = Console(width=max(width, 20), file=io.StringIO(), color_system=None)
        with console.capture() as capture:
            console.print(help_table(self._keymap))
        return next((i for i, line in enumerate(capture.get().splitlines())
                     if line.startswith(self.section or "\0")), None)

    def _open_at_section(self) -> None:
        table = self.query_one("#help-table", Static)
        line = self.section_line(table.content_region.width)
        if line is not None:
            body = self.query_one("#help-body", VerticalScroll)
            body.scroll_to(y=table.virtual_region.y + line, animate=False)

    def compose(self) -> ComposeResult:
        # The title stays put above the keys, which scroll (opening at a pane's section scrolled it away).
        with Vertical(classes="dialog help"):
            yield Static("LMI Workbench — keys  ·  Esc closes  ·  j/k scroll", classes="dialog-title",
                         id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(help_table(self._keymap), id="help-table")
                yield Static("Ctrl+P searches every command. Rebind keys in a keymap file "
                             "([keys] \"pane.cost\" = \"f2\"); see the README.", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=lines, animate=False)
