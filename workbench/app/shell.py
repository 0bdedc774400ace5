"""The Textual App: wires the panes in ``screens/`` to the shared state store.

The only module of ``workbench/`` that imports Textual. Data flow (design.md): keys -> action -> store write;
store change (this process: listener; other processes: ``Store.poll`` on a 50 ms timer) -> every mounted pane
re-renders. Panes never talk to each other and never call AWS.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import termios
import threading
from collections import Counter
from typing import Callable, ClassVar, Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from screens.chrome import (MESSAGE_LINES, MessageDialog, MessageLine, PaneTabs, StatusBar, WorkbenchFooter,
                            plain_message)
from screens.intake import IntakePane
from screens.pane import Pane
from themes import DEFAULT_THEME, STYLESHEET, THEME_NAMES, THEMES
from workbench.app.aws_jobs import AwsJobs
from workbench.app.deploy_actions import DeployActions
from workbench.app.documents import SessionDocuments
from workbench.app.readiness_actions import ReadinessActions
from workbench.config import AppConfig
from workbench.keys import COMMANDS, PANES, display_keys, effective_keys, scoped
from workbench.models.outline import REVIEW_KIND
from workbench.paths import keymap_path, short_path
from workbench.settings import Settings, load_keymap, load_settings, save_settings
from workbench.store import Change, Store, StoreConflict, StoreError


def pane_class(pane_id: str) -> type[Pane]:
    """The pane of ``pane_id`` (an id of the one pane table, ``workbench.keys.PANES``): the class
    ``<Id>Pane`` of ``screens.<id>``. Panes are imported and mounted the first time they are shown: start-up
    pays only for the first one."""
    import importlib

    if pane_id not in {pane for pane, _, _ in PANES}:
        raise KeyError(f"no pane {pane_id!r} in workbench.keys.PANES")
    return getattr(importlib.import_module(f"screens.{pane_id}"), f"{pane_id.capitalize()}Pane")


POLL_SECONDS = 0.05       # notice another process's write within ~50 ms (design.md: ~0.5% of a core)
HEARTBEAT_SECONDS = 5.0   # presence; others count as "here" for 15 s after their last heartbeat
TERMINAL_CHECK_SECONDS = 2.0
# Actions that change the session or the layout: not while a dialog is open, not in read-only mode.
_MAIN_SCREEN_ACTIONS = {"show_pane", "add_note", "rename_review", "copy_join_command"}
_WRITE_ACTIONS = {"add_note", "rename_review"}


def _bindings() -> list[BindingType]:
    bindings: list[BindingType] = [
        Binding(entry.keys, entry.action, entry.title, show=entry.show, id=entry.id,
                priority=entry.action == "command_palette")
        for entry in scoped("app")
    ]
    bindings += [
        # j/k move in any list, like the arrows (lists without their own j/k binding fall through to here).
        Binding("j", "focused_cursor('down')", show=False, id="app.cursor_down"),
        Binding("k", "focused_cursor('up')", show=False, id="app.cursor_up"),
    ]
    return bindings


_FALLBACK_VARIABLES: dict[str, str] = {}


def _fallback_variables() -> dict[str, str]:
    """Every CSS variable of the default theme's colour system (computed once)."""
    if not _FALLBACK_VARIABLES:
        from themes import DARK

        _FALLBACK_VARIABLES.update(DARK.to_color_system().generate())
        _FALLBACK_VARIABLES.update({"ansi-background": "ansi_default", "ansi-foreground": "ansi_default"})
    return _FALLBACK_VARIABLES


def _report_ready(mark: str) -> None:
    """bench/bench_startup.py (LMI_WORKBENCH_REPORT_READY=1): a moment of start-up, with the CPU time so far."""
    if os.environ.get("LMI_WORKBENCH_REPORT_READY") == "1":
        import time

        print(f"{mark} cpu={time.process_time():.4f}", file=sys.__stderr__, flush=True)


class StoreChanged(Message):
    """Documents changed in the store (in this process or another one)."""

    def __init__(self, changes: list[Change]) -> None:
        super().__init__()
        self.changes = changes


class WorkbenchApp(SessionDocuments, AwsJobs, ReadinessActions, DeployActions, App[int]):
    TITLE = "LMI Workbench"
    aws_status: reactive[str] = reactive("")
    CSS_PATH = str(STYLESHEET)
    BINDINGS: ClassVar[list[BindingType]] = _bindings()

    def __init__(self, config: AppConfig, store: Store) -> None:
        self._remember_theme = False  # set before super().__init__: the theme watcher may run early
        super().__init__()
        self.config = config
        self.store = store
        self._newer_kinds: set[str] = set()
        store.on_newer = self._newer_document
        self.problems: list[str] = []
        self._settings = load_settings()
        self.problems += self._settings.problems
        keymap = load_keymap(config.keymap_path or keymap_path())
        self.problems += keymap.problems
        self.keymap_bindings = keymap.bindings
        for theme in THEMES:
            self.register_theme(theme)
        wanted = config.theme or self._settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes and f"workbench-{wanted}" in self.available_themes:
            wanted = f"workbench-{wanted}"  # --theme dark means the workbench's dark theme
        problem = self._theme_problem(wanted)
        if problem:
            self.problems.append(f"{problem}; using {DEFAULT_THEME} (workbench themes: {', '.join(THEME_NAMES)})")
            if not config.theme and wanted == self._settings.theme:
                # A saved choice that no longer loads is reported once: it is forgotten, not retried every start.
                self.problems += [p for p in [save_settings(Settings(theme=None))] if p]
            wanted = DEFAULT_THEME
        self._set_first_theme(wanted)
        self._unsubscribe: Callable[[], None] | None = None
        self._others: list[str] = []
        self.current_pane = "intake"
        self.cost_evaluation = None  # the latest CostEvaluation (workbench.cost.session)
        self.cost_last_good = None   # the latest one that produced a comparison
        self._last_config_problem: str | None = None
        self._aws = None  # the AWS session, opened on first use (never at start-up): see aws_session()
        self._aws_lock = threading.Lock()
        self._aws_cancel = None  # threading.Event of the running AWS job
        self.aws_account: str | None = None  # shown in the status bar once STS has said it
        self.check_terminal = False  # run_app turns it on for a real terminal
        # Until the first frame is drawn, the first screen is drawn from the store's rows, without building (or
        # importing) a pydantic model; on_ready draws it again from the validated documents.
        self.first_frame_drawn = False

    def _set_first_theme(self, name: str) -> None:
        """The theme before the app runs, as App._watch_theme sets it but without its queued CSS refresh: the
        stylesheet is first parsed when the app starts, from this theme's variables, so that refresh would
        parse and apply every rule a second time before the first frame."""
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())  # not parsed yet: it reads these when it is
        dark = self.current_theme.dark
        self.update_classes({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)  # what _watch_theme does for the theme

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        with Vertical(id="shell"):
            yield PaneTabs(id="pane-tabs")
            with ContentSwitcher(initial="pane-intake", id="panes"):
                yield IntakePane()
            yield MessageLine(id="message-line")
            yield StatusBar(id="status-bar")
            yield WorkbenchFooter(compact=True)

    def on_mount(self) -> None:
        if self.keymap_bindings:
            self.set_keymap(self.keymap_bindings)
        self._unsubscribe = self.store.subscribe(self._store_listener)
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        self.set_interval(POLL_SECONDS, self._poll_store, name="store-poll")
        self.set_interval(HEARTBEAT_SECONDS, self._heartbeat, name="presence")
        self._heartbeat()
        for problem in self.problems:
            self.notify(problem, severity="warning", timeout=8)
        self._remember_theme = True
        if self.check_terminal:
            self.watch_terminal()

    def on_ready(self) -> None:
        _report_ready("LMI_WORKBENCH_READY")
        if not gc.isenabled():  # paused for start-up (workbench.cli.commands.run_tui): what it made lives on
            gc.freeze()
            gc.enable()
        self.first_frame_drawn = True
        exit_when_ready = os.environ.get("LMI_WORKBENCH_EXIT_WHEN_READY")
        if exit_when_ready == "validated":  # bench/bench_startup.py: also the first screen drawn again, validated
            self.check_first_screen()
            _report_ready("LMI_WORKBENCH_VALIDATED")
        if exit_when_ready in ("1", "validated"):
            self.exit(0)
            return
        # The first screen is up; now the work the first screen does not need runs before the first key is
        # handled: the first screen drawn again from the validated documents (a document this release cannot read
        # is said then), the cost engine's import and the first comparison.
        self.call_later(self.check_first_screen)
        self.call_later(self.refresh_derived)
        if self.config.demo:
            self.call_later(self._scan_demo_project)
        self.call_later(self.refresh_cost, redraw=True)

    def check_first_screen(self) -> None:
        """Draw again, from the validated documents, what the first frame drew from the store's rows."""
        for pane in self.query(Pane):
            if pane.drawn_from_rows:
                pane.refresh_from_store()
        self._update_status()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        try:
            self.store.leave()
        except StoreError:
            pass

    # ----------------------------------------------------------------- store
    def _store_listener(self, changes: list[Change]) -> None:
        self.post_message(StoreChanged(changes))  # thread-safe; runs the panes on the UI thread

    def _poll_store(self) -> None:
        try:
            self.store.poll()
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)

    def on_store_changed(self, message: StoreChanged) -> None:
        if not self.screen_stack:  # closing down: a change that arrives now has no one to show it to
            return
        from workbench.cost.session import WATCHED_KINDS as COST_KINDS
        from workbench.derived import WATCHED_KINDS as DERIVED_KINDS

        kinds = {change.kind for change in message.changes}
        self._tell_replaced(message.changes)
        if kinds & DERIVED_KINDS:
            self.refresh_derived()
        if kinds & COST_KINDS:
            self.refresh_cost()
        from textual.css.query import NoMatches

        for pane in self.query(Pane):
            if not pane.is_mounted:
                continue  # mounting now: it renders from the store in on_mount
            try:
                pane.store_changed(message.changes)
            except NoMatches:
                pass  # its widgets are still being composed; on_mount renders the current state
        top = self.screen_stack[-1] if self.screen_stack else None
        if top is not None and hasattr(top, "store_changed"):  # a dialog rendering from the store (AWS, triage)
            top.store_changed(message.changes)
        self._update_status()

    def _tell_replaced(self, changes: list[Change]) -> None:
        """A partner took their value over mine in a conflict (``Store.resolve``): say so, once, here."""
        from workbench.store import REPLACED_KIND

        for change in changes:
            if change.op == "event" and change.kind == REPLACED_KIND and change.author != self.store.author:
                self.notify(change.summary, title="Your change was replaced",  # fields named as on screen
                            severity="warning", timeout=10)

    def on_worker_state_changed(self, event) -> None:
        """One place for every worker's outcome: a sentence on success, the plain problem on failure."""
        from textual.worker import WorkerState

        worker = event.worker
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, str):
            self.notify(worker.result, timeout=8)
        elif event.state == WorkerState.ERROR:
            self.notify(f"{worker.name}: {worker.error}", severity="error", timeout=12)

    def _heartbeat(self) -> None:
        if not self.screen_stack:
            return
        try:
            self.store.heartbeat()  # a read-only viewer is listed too (the store uses a side connection)
            people = Counter(p.label for p in self.store.present() if not p.is_self)  # "bob (read-only)"
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        others = [name if count == 1 else f"{name} ×{count}" for name, count in sorted(people.items())]
        if others != self._others:
            self._others = others
            from screens.review import ReviewPane

            for review in self.query(ReviewPane):
                review.refresh_people()
        self._update_status()

    # ----------------------------------------------------------------- messages
    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every notification goes to the message line (one at a time, above the status bar; Textual's toasts
        are hidden: they covered the status bar and stacked), or to a MessageDialog when too long for it.
        Textual's record of notifications is kept (thread-safe, like Textual's own notify)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        text = plain_message(message, markup)
        if title:
            text = f"{title}: {text}"
        if threading.get_ident() == getattr(self, "_thread_id", None):
            self._show_message(text, severity, timeout)
        elif self.is_running:
            self.call_from_thread(self._show_message, text, severity, timeout)

    def _show_message(self, text: str, severity: str, timeout: float | None) -> None:
        lines = self.query(MessageLine)
        if not lines:
            return
        line = lines.first()
        width = max(20, self.size.width - 4)
        long = "\n" in text or len(text) > width * MESSAGE_LINES
        top = self.screen_stack[-1] if self.screen_stack else None
        if long and isinstance(top, MessageDialog):
            top.add(text, severity)
            return
        if long and len(self.screen_stack) == 1:
            self.push_screen(MessageDialog(text, severity))
            first = text.splitlines()[0] if text else ""
            text = first[: width - 30] + " … (shown in full above)"
        line.show(text, severity, timeout if timeout is not None else (10.0 if severity == "error" else 6.0))

    def _refresh_notifications(self) -> None:
        """Textual's toasts are not drawn: the message line shows notifications (see notify)."""

    def clear_notifications(self) -> None:
        super().clear_notifications()
        for line in self.query(MessageLine):
            line.clear()

    def _newer_document(self, note: str) -> None:
        """A document a newer release wrote: shown read-only, said once (the store tells each one once)."""
        kind = note.split(" ", 1)[0]
        if kind in self._newer_kinds:  # one note per kind (a scan's findings would be one each)
            return
        self._newer_kinds.add(kind)
        message = note[:1].upper() + note[1:] + "."
        if threading.get_ident() == getattr(self, "_thread_id", None) or not self.is_running:
            self.notify(message, severity="warning", timeout=15)
        else:
            self.call_from_thread(self.notify, message, severity="warning", timeout=15)

    def present_people(self) -> list[str]:
        return list(self._others)

    def _is_demo(self) -> bool:
        """Whether the review holds the demo's sample data (said in the status bar)."""
        if not self.first_frame_drawn:  # from the row, before any model is built; checked again right after
            try:
                row = self.store.peek(REVIEW_KIND)
            except StoreError:
                return False
            return row is not None and isinstance(row.body, dict) and row.body.get("is_demo") is True
        from workbench.models import ReviewInfo

        try:
            info = self.store.get(ReviewInfo)
        except StoreError:
            info = None
        return bool(info and info.doc.is_demo)

    def _update_status(self) -> None:
        if not self.screen_stack:
            return
        bars = self.query(StatusBar)
        if not bars:  # closing down: the shell is gone while a heartbeat or a worker's write still arrives
            return
        bars.first().update_status(
            session=self.config.session, author=self.config.author,
            store=short_path(self.store.path, 36),
            # the account first: a long profile or endpoint is what gets cut on a narrow terminal
            aws=(f"account {self.aws_account} · " if self.aws_account else "") + self.config.aws.describe(),
            others=self._others, readonly=self.store.readonly or self.config.readonly,
            demo=self._is_demo(),
        )

    def save(self, doc, *, expected_version: int | None, summary: str, what: str, after=None) -> bool:
        """Write a document (an edit that started from ``expected_version``) through the save flow
        (``workbench.flows.documents``). A partner's newer version is merged by field; a field both changed opens
        the conflict dialog (base / theirs / mine). ``after()`` runs once the document is saved, now or after the
        dialog."""
        from workbench.flows.documents import save_document
        from workbench.flows.result import Outcome

        result = save_document(self.store, doc, expected_version=expected_version, summary=summary, what=what)
        if result.outcome is Outcome.CONFLICT:
            self.show_conflict_result(result, after=after)
            return False
        self.show_result(result)
        if not result.ok:
            return False
        if after is not None:
            after()
        return True

    def show_conflict(self, conflict: StoreConflict, *, doc=None, what: str, summary: str, after=None) -> None:
        """Ask what to do about a save (``doc``) that met a partner's change to the same field(s), and do it."""
        from workbench.flows.documents import conflict_result

        self.show_conflict_result(conflict_result(conflict, doc, summary=summary, what=what), after=after)

    def show_conflict_result(self, result, *, after=None) -> None:
        """Ask about a save flow's CONFLICT (keep theirs / take mine / cancel) and resolve it with the flow."""
        from workbench.flows.documents import resolve_conflict
        from workbench.flows.result import Outcome

        conflict = result.conflict
        if result.doc is None or conflict is None:
            self.show_result(result)
            return

        def chosen(choice: str | None) -> None:
            outcome = resolve_conflict(self.store, result, "mine" if choice == "mine" else
                                       "theirs" if choice == "theirs" else None)
            if outcome.outcome is Outcome.CONFLICT:  # yet another change meanwhile: ask again about that one
                self.show_conflict_result(outcome, after=after)
                return
            if outcome.outcome is Outcome.DECLINED and choice == "theirs":
                self.show_result(outcome)
                for pane in self.query(Pane):
                    pane.refresh_from_store()
                return
            if choice is not None:
                self.show_result(outcome)
            if outcome.outcome is Outcome.DONE and after is not None:
                after()

        from screens.dialogs import ConflictDialog  # dialogs are imported when first opened, not at start-up

        self.push_screen(ConflictDialog(result.what, conflict.current_author, conflict.current_version,
                                        conflict.expected_version, fields=conflict.fields,
                                        invalid=conflict.invalid,
                                        labels={f.name: f.meaning for f in result.fields if f.meaning},
                                        names={f.name: f.label for f in result.fields}), chosen)

    # ----------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _MAIN_SCREEN_ACTIONS and len(self.screen_stack) > 1:
            return False
        return True

    def refuse_if_readonly(self) -> bool:
        if self.store.readonly or self.config.readonly:
            from workbench.flows.result import readonly_refusal

            self.show_result(readonly_refusal())  # the flows' one read-only sentence
            return True
        return False

    async def action_show_pane(self, pane_id: str) -> None:
        switcher = self.query_one("#panes", ContentSwitcher)
        if not switcher.query(f"#pane-{pane_id}"):
            await switcher.mount(pane_class(pane_id)())
        switcher.current = f"pane-{pane_id}"
        self.current_pane = pane_id
        self.query_one(PaneTabs).current = pane_id
        # Focus now, not after the next refresh: a key typed right after the pane's number (a fast typist,
        # or keys pasted over SSH) must reach the new pane, not the one just hidden.
        self._focus_pane(pane_id)

    def _focus_pane(self, pane_id: str) -> None:
        # Screen.set_focus, not Widget.focus(): focus() only queues the change behind the keys already in the
        # App's queue, so a key typed right after the pane's number still went to the hidden pane whenever the
        # new pane's first mount took a while (e.g. "2" "e" opened Intake's edit form over Cost).
        pane = self.query_one(f"#pane-{pane_id}", Pane)
        main = self.screen_stack[0]
        shown = set(main.focus_chain)  # focusable and displayed, its views and containers included
        for widget in pane.query("DataTable, Input"):  # the pane's main list or field first
            if widget in shown:
                main.set_focus(widget)
                return
        for widget in pane.query("*"):
            if widget in shown:
                main.set_focus(widget)
                return
        pane.can_focus = True  # an empty pane holds the focus itself, so its keys ("Press S to scan") work
        main.set_focus(pane)

    def _focus_moved(self, focused) -> None:
        """A pane that switches to a view with nothing to focus (Deploy's plan before there is one) took the
        focus away with the hidden view: its keys (p, a) then reached nothing. The pane takes it back."""
        if focused is None and len(self.screen_stack) == 1 and self.query(f"#pane-{self.current_pane}"):
            self.call_later(self._focus_pane, self.current_pane)

    def on_descendant_focus(self, event) -> None:
        """The focus always belongs to the visible pane. Textual gives it back to the widget that had it before
        the palette or a dialog opened, or before the terminal lost focus; when that widget is in a pane that
        has since been hidden, its keys (and the footer) would act on the hidden pane."""
        pane = next((node for node in event.widget.ancestors_with_self if isinstance(node, Pane)), None)
        if pane is not None and pane.PANE_ID != self.current_pane:
            self.call_later(self._focus_pane, self.current_pane)

    def action_focused_cursor(self, direction: str) -> None:
        widget = self.focused
        method = getattr(widget, f"action_cursor_{direction}", None) or getattr(widget, f"action_scroll_{direction}",
                                                                                 None)
        if method is not None:
            method()

    def action_show_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            from workbench.keys import COMMANDS

            title = next((title for pane, title, _ in PANES if pane == self.current_pane), None)
            groups = {command.group for command in COMMANDS}
            # The pane's own keys ("Cost pane"); the Review pane's are the "Review" group.
            section = next((name for name in (f"{title} pane", title) if title and name in groups), None)
            self.push_screen(HelpScreen(self.keymap_bindings, section=section))

    def action_add_note(self) -> None:
        from screens.dialogs import TextPrompt

        if self.refuse_if_readonly():
            return

        def add(text: str | None) -> None:
            if text:
                try:
                    self.store.record("note", "review", text)
                except StoreError as exc:
                    self.notify(str(exc), severity="error")

        self.push_screen(TextPrompt("Add a note to the review log", placeholder="what was decided, and why"), add)

    def action_rename_review(self) -> None:
        from screens.dialogs import TextPrompt
        from workbench.models import ReviewInfo

        if self.refuse_if_readonly():
            return
        stored = self.store.get(ReviewInfo)

        def rename(title: str | None) -> None:
            if not title:
                return
            doc = (stored.doc.model_copy(update={"title": title}) if stored
                   else ReviewInfo(title=title))
            self.save(doc, expected_version=stored.version if stored else None,
                      summary=f"renamed the review to {title!r}", what="The review's title")

        self.push_screen(TextPrompt("Rename the review", value=stored.doc.title if stored else ""), rename)

    def join_command(self) -> str:
        parts = ["lmi-workbench", "--session", self.config.session]
        if self.config.store_path is not None:
            parts += ["--store", str(self.store.path)]
        return " ".join(parts)

    def action_copy_join_command(self) -> None:
        command = self.join_command()
        self.copy_to_clipboard(command)
        self.notify(f"Copied: {command}")

    def action_next_theme(self) -> None:
        names = list(THEME_NAMES)
        index = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(index + 1) % len(names)]
        self.notify(f"Theme: {self.theme}")

    def _theme_problem(self, name: str) -> str | None:
        """Why the theme ``name`` cannot be used, or None."""
        theme = self.get_theme(name) if name in self.available_themes else None
        if theme is None:
            return f"unknown theme {name!r}"
        try:
            theme.to_color_system().generate()
        except Exception as exc:  # a theme whose colours do not parse must not stop the app
            return f"theme {name!r} does not load ({exc})"
        return None

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with every variable a full (non-ANSI) colour system defines as a fallback:
        Textual's ANSI colour system leaves some out that its own CSS references, which stopped the app."""
        variables = super().get_css_variables()
        missing = [name for name in _fallback_variables() if name not in variables]
        if missing:
            fallback = _fallback_variables()
            variables = {**{name: fallback[name] for name in missing}, **variables}
            self.theme_variables = variables
        return variables

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme:
            problem = save_settings(Settings(theme=theme))
            if problem:
                self.notify(problem, severity="warning")

    # ----------------------------------------------------------------- palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for entry in COMMANDS:
            if not entry.palette:
                continue
            keys = display_keys(effective_keys(entry, self.keymap_bindings))
            title = {"Panes": f"Pane: {entry.title}"}.get(entry.group, entry.title)
            if entry.scope != "app":
                title = f"{entry.scope.capitalize()}: {entry.title}"
            yield SystemCommand(title, f"{entry.help}  (key: {keys})",
                                lambda entry=entry: self.run_command(entry.scope, entry.action))
        for name in THEME_NAMES:
            yield SystemCommand(f"Theme: {name}", "Use this theme (remembered for you)",
                                lambda name=name: setattr(self, "theme", name))
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit",):
                yield command

    def run_command(self, scope: str, action: str) -> None:
        """Run a binding's action from the palette: a pane's command switches to that pane first."""
        if scope == "app":
            self.call_later(self.run_action, action)
            return

        async def in_pane() -> None:
            await self.action_show_pane(scope)
            await self.query_one(f"#pane-{scope}", Pane).run_action(action)

        self.call_later(in_pane)

    # ----------------------------------------------------------------- terminal
    def watch_terminal(self) -> None:
        """Exit cleanly when the terminal goes away (SSH drop, closed tmux pane): no spinning process."""
        stdin = sys.__stdin__
        if stdin is None:  # started without one
            return
        try:
            fd = stdin.fileno()
        except (AttributeError, ValueError, OSError):
            return
        if not os.isatty(fd):
            return

        def check() -> None:
            try:
                termios.tcgetattr(fd)
            except (termios.error, OSError):
                self.exit(0)

        self.set_interval(TERMINAL_CHECK_SECONDS, check, name="terminal-check")


def run_app(config: AppConfig, store: Store) -> int:
    """Run the workbench UI until the user quits or the terminal goes away."""
    app = WorkbenchApp(config, store)
    headless = os.environ.get("LMI_WORKBENCH_HEADLESS") == "1"

    def terminal_gone(signum, frame) -> None:
        loop = app._loop  # noqa: SLF001 - the running loop, woken safely from the signal handler
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(app.exit, 0)
        # else: the UI has already stopped and the process is on its way out; nothing to do.

    # Kept until the process exits: a hang-up that arrives while we close the store must not kill us
    # half-way through (the store would survive it, but presence would linger).
    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, terminal_gone)
    app.check_terminal = not headless
    result = app.run(headless=headless)
    return int(result or app.return_code or 0)
