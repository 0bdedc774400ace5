"""The code-readiness actions: scans in a worker, patches applied and undone, files opened in $EDITOR.

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). It uses the
App's methods (``notify``, ``push_screen``, ``run_worker``, ``save``, ``refuse_if_readonly``) and imports no
Textual itself.
"""

from __future__ import annotations

from workbench.store import StoreError


class ReadinessActions:
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
        self.push_screen(_confirm(f"Undo the patch to {record.path}?",
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


def _confirm(question: str, detail: str = ""):
    from screens.dialogs import ConfirmDialog

    return ConfirmDialog(question, detail)
