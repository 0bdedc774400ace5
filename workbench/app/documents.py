"""What the app derives and keeps for the session: the fit verdict and starting configuration, the cost
comparison, workload files and exports.

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). The work is
the flows' (``workbench.flows``); this runs them, asks the confirmation dialog they need, and shows their
result. It uses the App's methods (``notify``, ``push_screen``, ``save``) and imports no Textual itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.store import StoreError

if TYPE_CHECKING:
    from workbench.config import AppConfig
    from workbench.cost.session import CostEvaluation
    from workbench.flows.documents import SaveResult
    from workbench.flows.result import FlowResult
    from workbench.store import Store


class SessionDocuments:
    if TYPE_CHECKING:  # what this mixin uses of the App (workbench.app.WorkbenchApp)
        store: Store
        config: AppConfig
        cost_evaluation: CostEvaluation | None
        cost_last_good: CostEvaluation | None
        _last_config_problem: str | None

        def notify(self, message: str, *, title: str = "", severity: Any = "information",
                   timeout: float | None = None, markup: bool = True) -> None: ...

        # App's own (overloaded) methods, as callables: a narrower signature here would not match App's
        push_screen: Callable[..., Any]
        query: Callable[..., Any]

        def refuse_if_readonly(self) -> bool: ...

        def show_conflict_result(self, result: SaveResult, *, after: Callable[[], Any] | None = None) -> None: ...

    def show_result(self, result: FlowResult, *, timeout: float | None = None) -> None:
        """A flow's sentences on the message line, at the severity of the worst one (nothing when it has none)."""
        if result.message:
            severity = result.severity
            self.notify(result.message, severity=severity,
                        timeout=timeout if timeout is not None else (15 if severity == "error" else None))

    def ask_then(self, question: tuple[str, str] | None, then: Callable[[bool], Any]) -> None:
        """Ask ``question`` (question, detail) in a confirmation dialog and call ``then(confirmed)`` with the
        answer; with no question, ``then(True)`` at once."""
        if question is None:
            then(True)
        else:
            self.push_screen(_confirm(*question), lambda answer: then(bool(answer)))

    # --- what panes ask for (screens.requests: messages up) ---------------------------------------------------
    def on_load_file_requested(self, message) -> None:
        message.stop()
        if not self.refuse_if_readonly():
            self.load_workload_file(message.path)

    def on_save_file_requested(self, message) -> None:
        message.stop()
        self.save_workload_file(message.path, message.workload)

    def on_export_requested(self, message) -> None:
        message.stop()
        self.export_text(message.path, message.render, message.formats)

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

    def load_workload_file(self, path: Path) -> None:
        """Load a workload file into the store; a bad file is explained and nothing is written."""
        from workbench.flows.result import Outcome
        from workbench.flows.workload import load_workload_file

        result = load_workload_file(self.store, Path(path))
        if result.outcome is Outcome.CONFLICT:
            self.show_conflict_result(result)
        else:
            self.show_result(result)

    def save_workload_file(self, path: Path, doc) -> None:
        """Write the workload to a file; ask before replacing one."""
        from workbench.flows.workload import replace_question, save_workload_file

        self.ask_then(replace_question(path),
                      lambda confirmed: self.show_result(save_workload_file(path, doc, confirmed=confirmed)))

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
            from workbench.models import CostComparison

            for pane in self.query(Pane):
                if pane.watches(CostComparison):
                    pane.refresh_from_store()

    def export_text(self, path: Path, render, formats: dict[str, str]) -> None:
        """Write ``render(format)`` to ``path`` (format from the extension); ask before replacing a file."""
        from workbench.flows.exports import export_report
        from workbench.flows.workload import replace_question

        if path.suffix.lower() not in formats:  # said before asking whether to replace it
            self.show_result(export_report(path, render, formats, confirmed=False))
            return
        self.ask_then(replace_question(path),
                      lambda confirmed: self.show_result(export_report(path, render, formats, confirmed=confirmed)))


def _confirm(question: str, detail: str = ""):
    from screens.dialogs import ConfirmDialog

    return ConfirmDialog(question, detail)
