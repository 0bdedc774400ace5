"""The shell around the panes: the pane tabs at the top and the status bar at the bottom."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
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
