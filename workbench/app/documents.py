"""What the app derives and keeps for the session: the fit verdict and starting configuration, the cost
comparison, workload files and exports.

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). It uses the
App's methods (``notify``, ``push_screen``, ``run_worker``, ``save``, ``refuse_if_readonly``) and imports no
Textual itself.
"""

from __future__ import annotations

from workbench.store import StoreError


class SessionDocuments:
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
        self._warn_traffic_disagreements()

    def _warn_traffic_disagreements(self) -> None:
        """Say once (per different finding) when requests/month, the mean rate and the peak do not add up."""
        from workbench.models import Workload
        from workbench.signal_checks import traffic_disagreements

        try:
            stored = self.store.get(Workload)
        except StoreError:
            return
        problems = traffic_disagreements(stored.doc) if stored is not None else []
        if problems and problems != getattr(self, "_last_traffic_problems", None):
            self.notify("Traffic figures disagree: " + "; ".join(problems), severity="warning", timeout=12)
        self._last_traffic_problems = problems

    def load_workload_file(self, path) -> None:
        """Load a workload file into the store; a bad file is explained and nothing is written."""
        from workbench.models import LmiConfiguration, Workload
        from workbench.starting_config import (
            GivenConfigurationError,
            UnsupportedRuntime,
            configuration_for,
        )
        from workbench.workload_files import (
            WorkloadFileError,
            load_workload_and_configuration,
        )

        try:
            doc, table = load_workload_and_configuration(path)
            config = None if table is None else configuration_for(doc, table, origin=path.name)
        except (WorkloadFileError, GivenConfigurationError, UnsupportedRuntime) as exc:
            self.notify(f"{path}: {exc}" if isinstance(exc, GivenConfigurationError) else str(exc),
                        severity="error", timeout=15)
            return
        if config is not None:  # the file's own configuration: its given values win over the derived ones
            stored = self.store.get(LmiConfiguration)
            if not self.save(config.model_copy(update={"id": "default", "workload_id": "default"}),
                             expected_version=stored.version if stored else None,
                             summary=f"intake: configuration loaded from {path.name}", what="The LMI configuration"):
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
            self.push_screen(_confirm(f"Replace {path}?", "A file of that name already exists."), write)
        else:
            write()

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
            from screens.pane import Pane

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
            self.push_screen(_confirm(f"Replace {path}?", "A file of that name already exists."), write)
        else:
            write()


def _confirm(question: str, detail: str = ""):
    from screens.dialogs import ConfirmDialog

    return ConfirmDialog(question, detail)
