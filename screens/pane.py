"""The base of every pane: a titled area that re-renders from the store when a document it shows changes."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from workbench.keys import scoped

if TYPE_CHECKING:
    from workbench.app import WorkbenchApp
    from workbench.documents import Document
    from workbench.store import Change, Store


class EmptyState(Static):
    """What a pane will show and how to fill it, shown until it has something to show."""


def pane_bindings(pane_id: str) -> list[BindingType]:
    """A pane's bindings, from the one binding table (so help, palette and keymap files know them)."""
    return [Binding(entry.keys, entry.action, entry.title, show=entry.show, id=entry.id)
            for entry in scoped(pane_id)]


class Pane(Vertical):
    """A pane on a number key. Subclasses set PANE_ID, TITLE, WATCHES and implement ``refresh_from_store``."""

    PANE_ID: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    # The document classes whose changes re-render this pane (classes, never kind strings: a renamed kind or a
    # typo would silently stop a pane following its documents).
    WATCHES: ClassVar[Collection["type[Document]"]] = ()
    HELP: ClassVar[str] = ""  # shown in the help screen under this pane's name

    can_focus = False  # the App makes an empty pane focusable (nothing in it to focus), so its keys still work
    # True while what the pane shows was drawn from the store's rows, not validated documents (the first frame):
    # the App draws it again with ``refresh_from_store`` right after that frame.
    drawn_from_rows = False

    def __init__(self) -> None:
        super().__init__(id=f"pane-{self.PANE_ID}", classes="pane")

    @property
    def shell(self) -> "WorkbenchApp":
        """The App with its own type, so what a pane asks of it is checked (``self.app`` is a bare ``App``).
        Panes read state through it; user actions go up as messages or through ``workbench.flows``."""
        return cast("WorkbenchApp", self.app)

    @property
    def store(self) -> "Store":
        return self.shell.store

    def on_mount(self) -> None:
        self.render_first()

    def render_first(self) -> None:
        """The pane's first render, when it is mounted: from the store."""
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        """Read what this pane shows from the store and render it."""

    def mark_style(self, style: str) -> str:
        """A marker's style (✗ ! ▲ …). Without colour (NO_COLOR) a coloured mark turns into a grey of its own
        brightness, dark red on a dark row was grey on grey (1.33:1): keep only its weight, in the text colour."""
        if getattr(self.app, "no_color", False):
            return "bold" if "bold" in style.split() else ""
        return style

    def claim_focus(self, widget) -> None:
        """Give ``widget`` the focus when this pane is showing and the focus is nowhere useful (e.g. the pane's
        list just appeared after being hidden while empty), so the pane's keys work at once."""
        if self.shell.current_pane != self.PANE_ID:
            return
        focused = self.app.focused
        if focused is None or not focused.display or focused is self.app.screen or focused is self:
            self.can_focus = False
            widget.focus()

    @classmethod
    def watched_documents(cls) -> Collection["type[Document]"]:
        """WATCHES; a pane drawn before the models are built (Intake, on the first screen) imports them here."""
        return cls.WATCHES

    @classmethod
    def watched_kinds(cls) -> frozenset[str]:
        return frozenset(document.KIND for document in cls.watched_documents())

    @classmethod
    def watches(cls, document: "type[Document]") -> bool:
        return document.KIND in cls.watched_kinds()

    def store_changed(self, changes: list["Change"]) -> None:
        kinds = self.watched_kinds()
        if any(change.kind in kinds for change in changes):
            self.refresh_from_store()
