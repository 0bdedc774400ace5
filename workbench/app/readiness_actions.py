"""The code-readiness actions: scans in a worker, patches applied and undone, files opened in $EDITOR.

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). The work is
the flows' (``workbench.flows.readiness``); this runs them in a worker, asks the dialog and shows the result. It
uses the App's methods (``notify``, ``ask_then``, ``show_result``, ``run_worker``) and imports no Textual itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.config import AppConfig
    from workbench.flows.documents import SaveResult
    from workbench.flows.result import FlowResult
    from workbench.store import Store


class ReadinessActions:
    if TYPE_CHECKING:  # what this mixin uses of the App (workbench.app.WorkbenchApp and SessionDocuments)
        store: Store
        config: AppConfig

        def notify(self, message: str, *, title: str = "", severity: Any = "information",
                   timeout: float | None = None, markup: bool = True) -> None: ...

        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...

        # App's own methods, as callables: a narrower signature here would not match App's
        run_worker: Callable[..., Any]
        suspend: Callable[..., Any]  # App.suspend(): a context manager

        def refuse_if_readonly(self) -> bool: ...

        def show_result(self, result: FlowResult, *, timeout: float | None = None) -> None: ...

        def ask_then(self, question: tuple[str, str] | None, then: Callable[[bool], Any]) -> None: ...

        def show_conflict_result(self, result: SaveResult, *, after: Callable[[], Any] | None = None) -> None: ...

    # --- what the findings pane asks for (screens.requests: messages up) ---------------------------------------
    def on_scan_requested(self, message) -> None:
        message.stop()
        self.scan_project(message.path)

    def on_patch_requested(self, message) -> None:
        message.stop()
        if not self.refuse_if_readonly():
            self.apply_finding_patch(message.root, message.finding)

    def on_patch_build_requested(self, message) -> None:
        message.stop()
        self.build_finding_patch(message.root, message.finding, message.on_built)

    def on_undo_requested(self, message) -> None:
        message.stop()
        if not self.refuse_if_readonly():
            self.undo_finding_patch(message.finding)

    def on_decision_requested(self, message) -> None:
        message.stop()
        if not self.refuse_if_readonly():
            self.decide_on_finding(message.finding, message.decision, message.note,
                                   expected_version=message.expected_version)

    def on_withdraw_requested(self, message) -> None:
        message.stop()
        if not self.refuse_if_readonly():
            self.withdraw_decision(message.finding)

    def on_editor_requested(self, message) -> None:
        message.stop()
        self.open_in_editor(message.editor, message.root, message.rel, message.line)

    def scan_project(self, path) -> None:
        """Scan a project in a worker (``workbench.flows.readiness.scan``); the findings and the readiness
        summary land in the store."""
        if self.refuse_if_readonly():
            return

        def work() -> None:
            from workbench.flows.readiness import scan

            def progress(done: int, total: int, rel: str) -> None:
                if total and (done == total or done % 25 == 0):
                    self.call_from_thread(self.notify, f"Scanning {path}: {done}/{total} files", timeout=2)

            result = scan(self.store, path, on_progress=progress)
            self.call_from_thread(self.show_result, result, timeout=8)

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

    def build_finding_patch(self, root, finding, on_built: Callable[[Any, Any], None]) -> None:
        """Build a finding's pending patch in a worker (``workbench.flows.readiness.build_patch``: a parse of the
        file); the built finding goes to ``on_built`` on the UI thread (nothing is written to the store)."""

        def work() -> None:
            from workbench.flows.readiness import build_patch

            result = build_patch(self.store, root, finding)
            self.call_from_thread(on_built, result.finding if result.ok else None, result)
            if not result.ok:
                self.call_from_thread(self.show_result, result, timeout=12)

        self.run_worker(work, name="patch-build", group="patch-build", exclusive=False, thread=True,
                        exit_on_error=False)

    def apply_finding_patch(self, root, finding) -> None:
        """Apply a finding's patch (only to the file as scanned), then rescan so the findings follow. A patch
        not built yet is built first, in a worker (a parse of the file)."""
        from workbench.flows.readiness import apply_patch

        def done(result) -> None:
            self.show_result(result, timeout=12 if not result.ok else None)
            if result.ok and result.root is not None:
                self.scan_project(result.root)

        if finding.fix is None and finding.pending_fix is not None:
            def work() -> None:
                result = apply_patch(self.store, root, finding, author=self.config.author)
                self.call_from_thread(done, result)

            self.run_worker(work, name="patch", group="patch", exclusive=False, thread=True, exit_on_error=False)
            return
        done(apply_patch(self.store, root, finding, author=self.config.author))

    def undo_finding_patch(self, finding) -> None:
        """Undo the finding's patch (or the session's latest one), after asking."""
        from workbench.flows.readiness import patch_to_undo, undo_patch, undo_question

        record = patch_to_undo(self.store, finding)
        if record is None:
            self.show_result(undo_patch(self.store, None, confirmed=False))
            return

        def undo(confirmed: bool) -> None:
            if not confirmed:
                return
            result = undo_patch(self.store, record.id, confirmed=True)
            self.show_result(result, timeout=12 if not result.ok else None)
            if result.ok and result.root is not None:
                self.scan_project(result.root)

        self.ask_then(undo_question(record), undo)

    def decide_on_finding(self, finding, decision: str, note: str, *, expected_version: int | None) -> None:
        """Record a decision on a finding (``workbench.flows.readiness.decide``); a partner's decision on the
        same field opens the conflict dialog."""
        from workbench.flows.readiness import decide
        from workbench.flows.result import Outcome

        result = decide(self.store, finding, decision, note, author=self.config.author,
                        expected_version=expected_version)
        if result.outcome is Outcome.CONFLICT:
            self.show_conflict_result(result)
        else:
            self.show_result(result)

    def withdraw_decision(self, finding) -> None:
        from workbench.flows.readiness import undecide

        self.show_result(undecide(self.store, finding))

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
