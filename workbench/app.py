"""The Textual App: wires the panes in ``screens/`` to the shared state store.

The only module of ``workbench/`` that imports Textual. Data flow (design.md): keys -> action -> store write;
store change (this process: listener; other processes: ``Store.poll`` on a 50 ms timer) -> every mounted pane
re-renders. Panes never talk to each other and never call AWS.
"""

from __future__ import annotations

import os
import signal
import sys
import termios
from collections import Counter
from typing import Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from screens.chrome import PaneTabs, StatusBar
from screens.dialogs import ConfirmDialog, ConflictDialog, TextPrompt
from screens.help import HelpScreen
from screens.intake import IntakePane
from screens.pane import Pane
from themes import DEFAULT_THEME, STYLESHEET, THEME_NAMES, THEMES
from workbench.config import AppConfig
from workbench.keys import COMMANDS, display_keys, effective_keys, scoped
from workbench.paths import keymap_path, short_path
from workbench.settings import Settings, load_keymap, load_settings, save_settings
from workbench.store import Change, Store, StoreConflict, StoreError, StoreReadOnly

# Panes are imported and mounted the first time they are shown: start-up pays only for the first one.
PANE_MODULES: dict[str, tuple[str, str]] = {
    "intake": ("screens.intake", "IntakePane"),
    "cost": ("screens.cost", "CostPane"),
    "findings": ("screens.findings", "FindingsPane"),
    "deploy": ("screens.deploy", "DeployPane"),
    "monitor": ("screens.placeholder_panes", "MonitorPane"),
    "review": ("screens.review", "ReviewPane"),
}


def pane_class(pane_id: str) -> type[Pane]:
    import importlib

    module, name = PANE_MODULES[pane_id]
    return getattr(importlib.import_module(module), name)
POLL_SECONDS = 0.05       # notice another process's write within ~50 ms (design.md: ~0.5% of a core)
HEARTBEAT_SECONDS = 5.0   # presence; others count as "here" for 15 s after their last heartbeat
TERMINAL_CHECK_SECONDS = 2.0
# Actions that change the session or the layout: not while a dialog is open, not in read-only mode.
_MAIN_SCREEN_ACTIONS = {"show_pane", "add_note", "rename_review", "copy_join_command"}
_WRITE_ACTIONS = {"add_note", "rename_review"}


def _bindings() -> list[Binding]:
    return [
        Binding(entry.keys, entry.action, entry.title, show=entry.show, id=entry.id,
                priority=entry.action == "command_palette")
        for entry in scoped("app")
    ] + [
        # j/k move in any list, like the arrows (lists without their own j/k binding fall through to here).
        Binding("j", "focused_cursor('down')", show=False, id="app.cursor_down"),
        Binding("k", "focused_cursor('up')", show=False, id="app.cursor_up"),
    ]


class StoreChanged(Message):
    """Documents changed in the store (in this process or another one)."""

    def __init__(self, changes: list[Change]) -> None:
        super().__init__()
        self.changes = changes


class WorkbenchApp(App[int]):
    TITLE = "LMI Workbench"
    aws_status: reactive[str] = reactive("")
    CSS_PATH = str(STYLESHEET)
    BINDINGS = _bindings()

    def __init__(self, config: AppConfig, store: Store) -> None:
        self._remember_theme = False  # set before super().__init__: the theme watcher may run early
        super().__init__()
        self.config = config
        self.store = store
        self.problems: list[str] = []
        self._settings = load_settings()
        self.problems += self._settings.problems
        keymap = load_keymap(config.keymap_path or keymap_path())
        self.problems += keymap.problems
        self.keymap_bindings = keymap.bindings
        for theme in THEMES:
            self.register_theme(theme)
        wanted = config.theme or self._settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.problems.append(f"unknown theme {wanted!r}; using {DEFAULT_THEME} "
                                 f"(workbench themes: {', '.join(THEME_NAMES)})")
            wanted = DEFAULT_THEME
        self.theme = wanted
        self._unsubscribe = None
        self._others: list[str] = []
        self.current_pane = "intake"
        self.cost_evaluation = None  # the latest CostEvaluation (workbench.cost.session)
        self.cost_last_good = None   # the latest one that produced a comparison
        self._last_config_problem: str | None = None
        self._aws = None  # the AWS session, opened on first use (never at start-up)
        self._aws_cancel = None  # threading.Event of the running AWS job
        self.check_terminal = False  # run_app turns it on for a real terminal

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        with Vertical(id="shell"):
            yield PaneTabs(id="pane-tabs")
            with ContentSwitcher(initial="pane-intake", id="panes"):
                yield IntakePane()
            yield StatusBar(id="status-bar")
            yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.keymap_bindings:
            self.set_keymap(self.keymap_bindings)
        self._unsubscribe = self.store.subscribe(self._store_listener)
        self.set_interval(POLL_SECONDS, self._poll_store, name="store-poll")
        self.set_interval(HEARTBEAT_SECONDS, self._heartbeat, name="presence")
        self._heartbeat()
        for problem in self.problems:
            self.notify(problem, severity="warning", timeout=8)
        self._remember_theme = True
        if self.check_terminal:
            self.watch_terminal()

    def on_ready(self) -> None:
        if os.environ.get("LMI_WORKBENCH_EXIT_WHEN_READY") == "1":
            self.exit(0)
            return
        # The first screen is up; now the work the first screen does not need (the cost engine's import
        # and the first comparison, about 0.1 s) runs before the first key is handled.
        self.call_later(self.refresh_derived)
        if self.config.demo:
            self.call_later(self._scan_demo_project)
        self.call_later(self.refresh_cost, redraw=True)

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

    def refresh_derived(self) -> None:
        """Record the fit verdict and the starting configuration for the current workload (not as a viewer)."""
        from workbench.derived import refresh_configuration, refresh_fit

        if self.config.readonly or self.store.readonly:
            return
        try:
            refresh_fit(self.store)
            problem = refresh_configuration(self.store)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        if problem and problem != self._last_config_problem:
            self.notify(problem, severity="warning", timeout=10)
        self._last_config_problem = problem

    def load_workload_file(self, path) -> None:
        """Load a workload file into the store; a bad file is explained and nothing is written."""
        from workbench.models import Workload
        from workbench.workload_files import WorkloadFileError, load_workload

        try:
            doc = load_workload(path)
        except WorkloadFileError as exc:
            self.notify(str(exc), severity="error", timeout=15)
            return
        current = self.store.get(Workload)
        if self.save(doc, expected_version=current.version if current else None,
                     summary=f"intake: loaded {path.name}", what="The workload"):
            self.notify(f"Loaded {path}")

    def save_workload_file(self, path, doc) -> None:
        """Write the workload to a file; ask before replacing one."""
        from workbench.workload_files import WorkloadFileError, save_workload

        def write(confirmed: bool = True) -> None:
            if not confirmed:
                self.notify(f"Not saved: {path} was left as it was.")
                return
            try:
                save_workload(path, doc, overwrite=path.exists())
            except (WorkloadFileError, OSError) as exc:
                self.notify(f"Could not save {path}: {exc}", severity="error")
            else:
                self.notify(f"Saved the workload to {path}")

        if path.exists():
            self.push_screen(ConfirmDialog(f"Replace {path}?", "A file of that name already exists."), write)
        else:
            write()

    def aws_client(self, service: str, region: str | None = None):
        """A boto3 client through the one session factory (tests replace this seam with a Stubber's client)."""
        from workbench.aws.session import open_session

        if self._aws is None:
            self._aws = open_session(self.config.aws)
        return self._aws.client(service, region)

    # ----------------------------------------------------------------- AWS jobs (workers; results land in the store)
    def aws_job_running(self) -> bool:
        return self._aws_cancel is not None and not self._aws_cancel.is_set()

    def cancel_aws_job(self) -> None:
        if self._aws_cancel is not None:
            self._aws_cancel.set()
            self.aws_status = "Cancelling after the current call…"

    def _run_aws_job(self, name: str, job) -> None:
        """Run ``job(session, on_progress, cancel) -> str`` in a worker thread, one AWS job at a time."""
        import threading

        if self.refuse_if_readonly():
            return
        if self.config.aws.offline:
            self.notify("This run is offline (--offline): AWS is not called. Fill the workload in by hand or "
                        "from a file.", severity="warning")
            return
        if self.aws_job_running():
            self.notify("An AWS call is already running: wait for it, or press Esc to cancel it.",
                        severity="warning")
            return
        cancel = threading.Event()
        self._aws_cancel = cancel

        def progress(done: int, total: int, message: str) -> None:
            text = f"{message} ({done:,}/{total:,})" if total else message
            self.call_from_thread(setattr, self, "aws_status", text)

        def work() -> str:
            from workbench.aws.session import open_session

            try:
                if self._aws is None:
                    self._aws = open_session(self.config.aws)
                return job(self._aws, progress, cancel)
            finally:
                self.call_from_thread(setattr, self, "aws_status", "")
                self._aws_cancel = None

        self.aws_status = f"{name}…"
        self.run_worker(work, name=name, group="aws", exclusive=False, thread=True, exit_on_error=False)

    def use_aws_profile(self, profile: str | None) -> None:
        """Switch the AWS profile for this run (the next AWS call opens a session with it)."""
        import dataclasses

        if profile != self.config.aws.profile and not self.aws_job_running():
            self.config = dataclasses.replace(self.config, aws=dataclasses.replace(self.config.aws, profile=profile))
            self._aws = None
            self._update_status()

    def aws_list_functions(self, region: str | None, name_filter: str = "") -> None:
        from workbench.aws.session_jobs import list_into_store

        self._run_aws_job("Listing functions", lambda session, progress, cancel: list_into_store(
            self.store, session, region, name_filter=name_filter, on_progress=progress, cancel=cancel))

    def aws_import_function(self, function: str, region: str | None) -> None:
        from workbench.aws.session_jobs import import_into_store

        self._run_aws_job(f"Importing {function}", lambda session, progress, cancel: import_into_store(
            self.store, session, function, region=region, on_progress=progress, cancel=cancel))

    def aws_triage(self, regions: list[str]) -> None:
        """A fleet triage runs in a child process (its parsing would hold the GIL and freeze the UI); it writes
        the TriageReport into the store, and this app sees it arrive like a partner's edit."""
        from workbench.aws.session_jobs import run_in_process

        self._run_aws_job("Fleet triage", lambda session, progress, cancel: run_in_process(
            "triage", self.store, self.config.aws, regions, on_progress=progress, cancel=cancel))

    def refresh_prices_from_aws(self, region: str | None) -> None:
        """Fetch current prices for ``region`` in a worker; the cached prices land in the store."""
        if self.refuse_if_readonly():
            return
        if self.config.aws.offline:
            self.notify("This run is offline (--offline): the prices of the shipped snapshot stay in use.",
                        severity="warning")
            return
        if region is None:
            self.notify("There is no comparison yet: the prices are fetched for its region.", severity="warning")
            return
        from workbench.cost.session import refresh_session_prices

        def work() -> str:
            return refresh_session_prices(self.store, [region],
                                          client=self.aws_client("pricing", "us-east-1"))

        self.notify(f"Fetching prices for {region} from the AWS Price List API…")
        self.run_worker(work, name="price-refresh", group="prices", exclusive=True, thread=True,
                        exit_on_error=False)

    def on_worker_state_changed(self, event) -> None:
        """One place for every worker's outcome: a sentence on success, the plain problem on failure."""
        from textual.worker import WorkerState

        worker = event.worker
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, str):
            self.notify(worker.result, timeout=8)
        elif event.state == WorkerState.ERROR:
            self.notify(f"{worker.name}: {worker.error}", severity="error", timeout=12)

    # ----------------------------------------------------------------- code readiness
    def scan_project(self, path) -> None:
        """Scan a project in a worker; the findings and the readiness summary land in the store."""
        if self.refuse_if_readonly():
            return

        def work() -> str:
            from workbench.readiness.findings import sync_findings
            from workbench.readiness.scanner import scan

            def progress(done: int, total: int, rel: str) -> None:
                if total and (done == total or done % 25 == 0):
                    self.call_from_thread(self.notify, f"Scanning {path}: {done}/{total} files", timeout=2)

            result = scan(path, store=self.store, on_progress=progress)
            outcome = sync_findings(self.store, result)
            problems = [line for line in result.report.lines_out()][:3]
            text = (f"Scanned {path}: {len(result.findings)} findings ({outcome.added} new, "
                    f"{outcome.removed} gone).")
            return text + ("\n" + "\n".join(problems) if problems else "")

        self.run_worker(work, name="scan", group="scan", exclusive=True, thread=True, exit_on_error=False)

    def _scan_demo_project(self) -> None:
        """The demo's sample project, copied beside the session so patches never touch the installed package."""
        import shutil

        from workbench.demo import sample_project_path
        from workbench.models.findings import ReadinessSummary

        if self.store.readonly or self.config.readonly or self.store.get(ReadinessSummary) is not None:
            return
        target = self.store.path.parent / f"{self.store.path.stem}-sample-project"
        try:
            if not target.exists():
                shutil.copytree(sample_project_path(), target)
        except OSError as exc:
            self.notify(f"Could not copy the demo's sample project to {target}: {exc}", severity="warning")
            return
        self.scan_project(target)

    def apply_finding_patch(self, root, finding) -> None:
        """Apply a finding's patch (only to the file as scanned), then rescan so the findings follow."""
        from workbench.readiness.patches import PatchError, apply_finding

        if root is None:
            self.notify("The project root of this scan is unknown: scan it again (S).", severity="error")
            return
        try:
            applied = apply_finding(self.store, root, finding, author=self.config.author)
        except (PatchError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=12)
            return
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Patched {applied.rel} ({finding.rule}); u undoes it.")
        self.scan_project(root)

    def undo_finding_patch(self, finding) -> None:
        from workbench.models.findings import PatchRecord
        from workbench.readiness.patches import PatchError, undo_patch

        live = [s.doc for s in self.store.list(PatchRecord) if s.doc.undone_at is None]
        mine = [r for r in live if finding is not None and finding.fingerprint in r.fingerprints]
        # A patched finding usually disappears on the rescan: then u offers the latest patch of the session.
        candidates = mine or live
        if not candidates:
            self.notify("There is no patch to undo in this session.", severity="warning")
            return
        record = max(candidates, key=lambda r: r.applied_at)

        def undo(confirmed: bool) -> None:
            if not confirmed:
                return
            try:
                undo_patch(self.store, record.id)
            except (PatchError, OSError, StoreError) as exc:
                self.notify(str(exc), severity="error", timeout=12)
                return
            self.notify(f"Undone: {record.path} is back as it was before the patch.")
            self.scan_project(record.root)

        when = record.applied_at.strftime("%H:%M UTC")
        self.push_screen(ConfirmDialog(f"Undo the patch to {record.path}?",
                                       f"{', '.join(record.rules)} — applied by {record.author} at {when}."), undo)

    def open_in_editor(self, editor: str, root, rel: str, line: int) -> None:
        import shlex
        import subprocess

        path = root / rel
        command = [*shlex.split(editor), f"+{line}", str(path)]
        try:
            with self.suspend():
                subprocess.run(command, check=False)
        except (OSError, Exception) as exc:  # SuspendNotSupported in a browser session
            self.notify(f"Could not open {path} in {editor}: {exc}", severity="error")
        else:
            self.scan_project(root)  # the file may have changed: findings follow the file as it is now

    def refresh_cost(self, *, redraw: bool = False) -> None:
        """Recompute the cost comparison from the store (about a millisecond) and record it there.
        ``redraw``: also re-render the panes that show it (store changes re-render them anyway)."""
        from workbench.cost.session import evaluate, persist

        try:
            evaluation = evaluate(self.store)
            self.cost_evaluation = evaluation
            if evaluation is not None and evaluation.result is not None:
                self.cost_last_good = evaluation
                if not (self.config.readonly or self.store.readonly):
                    persist(self.store, evaluation)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
        if redraw:
            for pane in self.query(Pane):
                if "cost" in pane.WATCHES:
                    pane.refresh_from_store()

    def export_text(self, path, render, formats: dict[str, str]) -> None:
        """Write ``render(format)`` to ``path`` (format from the extension); ask before replacing a file."""
        from workbench.files import write_atomically

        fmt = formats.get(path.suffix.lower())
        if fmt is None:
            self.notify(f"{path}: use one of {', '.join(sorted(formats))} as the file extension.",
                        severity="error")
            return

        def write(confirmed: bool = True) -> None:
            if not confirmed:
                self.notify(f"Not exported: {path} was left as it was.")
                return
            try:
                write_atomically(path, render(fmt))
            except OSError as exc:
                self.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error")
            else:
                self.notify(f"Exported {fmt} to {path}")

        if path.exists():
            self.push_screen(ConfirmDialog(f"Replace {path}?", "A file of that name already exists."), write)
        else:
            write()

    def _heartbeat(self) -> None:
        if not self.screen_stack:
            return
        try:
            self.store.heartbeat()  # a read-only viewer is listed too (the store uses a side connection)
            people = Counter(p.author for p in self.store.present() if not p.is_self)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        others = [name if count == 1 else f"{name} ×{count}" for name, count in sorted(people.items())]
        if others != self._others:
            self._others = others
            for pane in self.query(Pane):
                if pane.PANE_ID == "review":
                    pane.refresh_people()  # type: ignore[attr-defined]
        self._update_status()

    def present_people(self) -> list[str]:
        return list(self._others)

    def _update_status(self) -> None:
        from workbench.models import ReviewInfo

        if not self.screen_stack:
            return
        try:
            info = self.store.get(ReviewInfo)
        except StoreError:
            info = None
        self.query_one(StatusBar).update_status(
            session=self.config.session, author=self.config.author,
            store=short_path(self.store.path, 36), aws=self.config.aws.describe(),
            others=self._others, readonly=self.store.readonly or self.config.readonly,
            demo=bool(info and info.doc.is_demo),
        )

    def save(self, doc, *, expected_version: int | None, summary: str, what: str) -> bool:
        """Write a document; on a conflict ask whether to reload theirs or overwrite with mine."""
        try:
            self.store.put(doc, expected_version=expected_version, summary=summary)
            return True
        except StoreReadOnly as exc:
            self.notify(str(exc), severity="warning")
            return False
        except StoreConflict as error:
            conflict = error  # the except target is unbound when the block ends; the callback runs later

            def chosen(choice: str | None) -> None:
                if choice == "overwrite":
                    try:
                        self.store.overwrite(doc, summary=summary)
                    except StoreError as exc:
                        self.notify(str(exc), severity="error")
                    else:
                        self.notify(f"{what}: your version overwrote v{conflict.current_version}.")
                elif choice == "reload":
                    self.notify(f"{what}: reloaded {conflict.current_author}'s version; yours was dropped.")
                    for pane in self.query(Pane):
                        pane.refresh_from_store()

            self.push_screen(ConflictDialog(what, conflict.current_author, conflict.current_version,
                                            expected_version), chosen)
            return False
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return False

    # ----------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _MAIN_SCREEN_ACTIONS and len(self.screen_stack) > 1:
            return False
        return True

    def refuse_if_readonly(self) -> bool:
        if self.store.readonly or self.config.readonly:
            self.notify("This session is open read-only (--readonly): it cannot be changed from here.",
                        severity="warning")
            return True
        return False

    async def action_show_pane(self, pane_id: str) -> None:
        switcher = self.query_one("#panes", ContentSwitcher)
        if not switcher.query(f"#pane-{pane_id}"):
            await switcher.mount(pane_class(pane_id)())
        switcher.current = f"pane-{pane_id}"
        self.current_pane = pane_id
        self.query_one(PaneTabs).current = pane_id
        self.call_after_refresh(self._focus_pane, pane_id)

    def _focus_pane(self, pane_id: str) -> None:
        pane = self.query_one(f"#pane-{pane_id}", Pane)
        for widget in pane.query("DataTable, Input"):  # the pane's main list or field first
            if widget.focusable and widget.display:
                widget.focus()
                return
        for widget in pane.query("*"):
            if widget.focusable and widget.display:
                widget.focus()
                return
        self.set_focus(None)

    def action_focused_cursor(self, direction: str) -> None:
        widget = self.focused
        method = getattr(widget, f"action_cursor_{direction}", None) or getattr(widget, f"action_scroll_{direction}",
                                                                                 None)
        if method is not None:
            method()

    def action_show_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap_bindings))

    def action_add_note(self) -> None:
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
        try:
            fd = sys.__stdin__.fileno()
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
