"""The help screen: every key binding, built from the same table as the command palette and the footer."""

from __future__ import annotations

from itertools import groupby

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
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

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__(classes="dialog-screen")
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help", id="help-body"):
            yield Static("LMI Workbench — keys  (Esc closes)", classes="dialog-title")
            yield Static(help_table(self._keymap), id="help-table")
            yield Static("Ctrl+P searches every command. Rebind keys in a keymap file "
                         "([keys] \"pane.cost\" = \"f2\"); see the README.", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=lines, animate=False)
