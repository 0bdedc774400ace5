"""The Monitor pane's cutover actions (a mixin of ``MonitorPane``): propose forward / hold / roll back with the
exact calls and the author, apply only after ``y`` (forcing past a blocker asks for a reason), pop the rollback a
failing gate proposes (never applied by itself), edit the steps, export the report, and the predicted against the
actual cost after the cutover. Decisions run through ``workbench.cutover``'s controller in worker threads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import ContentSwitcher, Static

from screens.monitor_parts import steps_text

EXPORT_FORMATS = {".md": "markdown", ".markdown": "markdown"}


if TYPE_CHECKING:
    from screens.monitor import MonitorPane
    from screens.pane import Pane

    _PaneBase = Pane
else:
    _PaneBase = object


class CutoverActions(_PaneBase):
    """Uses the pane's ``shell``, ``store``, ``_cutover()``, ``_readonly()``, ``_session()`` and ``view``.

    Every action is a flow of :mod:`workbench.flows.cutover` (no Textual there); the ones that call AWS run as a
    job of the App's one job runner (``shell.run_aws_job``): one AWS job at a time, so a decision while a
    deployment runs is refused with a message, and Esc in this pane stops it before its next call."""

    if TYPE_CHECKING:  # the MonitorPane's, which this mixin is part of
        view: str
        cost_text: Text | None
        _popped: set[tuple]

        def _cutover(self): ...

        def _readonly(self) -> bool: ...

        def _session(self): ...

    def _actor(self):
        return self.shell.actor()

    def _aws_session_factory(self):
        """The AWS session decisions run through: the demo's stand-in for the demo cutover, else the real one
        (opened when a decision is applied, in the worker), or None offline (the controller then plans only)."""
        from workbench.flows.cutover import decision_session

        return decision_session(self.store, self._actor(), self._session)

    def action_plan_cutover(self) -> None:
        from screens.cutover_setup import open_cutover_setup

        open_cutover_setup(cast("MonitorPane", self))  # the mixin is always a MonitorPane's

    def action_decide(self, name: str) -> None:
        from workbench.flows.cutover import propose_decision

        result = propose_decision(self.store, self._actor(), name)
        if result.proposal is None:
            self.app.notify(result.message, severity=result.severity, timeout=10)
            return
        self._confirm(result.proposal)

    def action_cancel_job(self) -> None:
        """Esc: stop the running AWS job (a decision's calls, a deployment) before its next call."""
        if self.shell.deploy_cancel():
            self.app.notify("Stopping after the current call…")

    def _confirm(self, proposal, *, automatic: bool = False) -> None:
        """Show the proposal for confirmation; against a real account, first ask STS who the calls would be made
        as and name it in the dialog and the audit log (the demo's stand-in and offline runs call nothing)."""
        from workbench.flows.cutover import needs_identity

        state = self._cutover()
        if not needs_identity(self._actor(), proposal):
            self._show_proposal(proposal, automatic=automatic)
            return

        def known(identity, problem: str | None) -> None:
            if identity is None:
                self.app.notify(f"Not proposed: could not tell which AWS identity would make the calls. {problem}",
                                severity="error", timeout=15)
                return
            self._show_proposal(proposal, automatic=automatic, acting_as=identity.describe())

        self.shell.deploy_identity(state.region if state else None, known)

    def _show_proposal(self, proposal, *, automatic: bool = False, acting_as: str | None = None) -> None:
        from screens.cutover_dialogs import ProposalDialog

        author = self.shell.config.author

        def answered(yes: bool | None) -> None:
            if not yes:
                self.app.notify("Declined: nothing was called or recorded.")
            elif proposal.blockers:
                self._ask_force(proposal, author, acting_as)
            else:
                self._apply(proposal, author, acting_as=acting_as)

        note = ""
        if self.shell.config.demo:
            note = ("Demo: a stand-in answers these calls; nothing is sent to AWS." if self._aws_session_factory()
                    else "This is not the demo's own cutover: the calls cannot run here (plan only).")
        elif acting_as:
            note = f"Acting as {acting_as}."
        self.app.push_screen(ProposalDialog(proposal, self._cutover(), author, automatic=automatic, note=note),
                             answered)

    def _ask_force(self, proposal, author: str, acting_as: str | None = None) -> None:
        from screens.dialogs import TextPrompt

        def reason(text: str | None) -> None:
            if text:
                self._apply(proposal, author, force_reason=text, acting_as=acting_as)
            else:
                self.app.notify("Not forced: nothing was called or recorded.")

        self.app.push_screen(TextPrompt("Held back — force it anyway? Say why (recorded in the audit log)",
                                        placeholder="e.g. the CPU gate is noise from a load test",
                                        hint="Enter forces it with this reason · Esc cancels"), reason)

    def _apply(self, proposal, author: str, *, force_reason: str = "", acting_as: str | None = None) -> None:
        """Run the confirmed decision (``flows.cutover.apply_decision``): with calls, as a job of the App's one
        job runner (refused while another AWS job runs; Esc stops it before its next call); without calls, it
        only records, in a worker."""
        from workbench.flows.cutover import apply_decision

        store, actor, session = self.store, self._actor(), self._aws_session_factory()

        def decide(cancel=None) -> None:
            result = apply_decision(store, actor, proposal, confirmed_by=author, session=session,
                                    force_reason=force_reason, acting_as=acting_as, cancel=cancel)
            self.app.call_from_thread(self.app.notify, result.message, severity=result.severity,
                                      timeout=15 if not result.ok else 8)

        if proposal.calls:
            self.shell.run_aws_job(f"Cutover: {proposal.decision.value}",
                                   lambda _session, _progress, cancel: decide(cancel), needs_account=False)
        else:
            self.run_worker(decide, name="cutover", group="cutover", thread=True, exit_on_error=False)

    def _pop_rollback(self, proposal) -> None:
        from screens.cutover_dialogs import ProposalDialog

        key = (proposal.from_step, proposal.basis, proposal.reason)
        if key in self._popped or len(self.app.screen_stack) > 1 or isinstance(self.app.screen, ProposalDialog):
            return
        self._popped.add(key)
        self._confirm(proposal, automatic=True)

    def action_edit_steps(self) -> None:
        from screens.dialogs import TextPrompt
        from workbench.flows.cutover import NO_PLAN, steps_base
        from workbench.store import StoreError

        if self.shell.refuse_if_readonly():
            return
        state = self._cutover()
        if state is None:
            self.app.notify(NO_PLAN, severity="warning", timeout=10)
            return
        try:  # the base: a partner's edit of the steps meanwhile is a conflict, not replaced
            base = steps_base(self.store)
        except StoreError as exc:
            self.app.notify(str(exc), severity="error")
            return

        def chosen(text: str | None) -> None:
            if text:
                self._save_steps(text, expected_version=base)

        self.app.push_screen(TextPrompt("Cutover steps: traffic % / bake minutes, in order (the last is 100%)",
                                        value=steps_text(state.steps),
                                        hint="e.g. 10/30, 50/60, 100/60 · Enter saves · Esc cancels"), chosen)

    def _save_steps(self, text: str, expected_version: int | None = None) -> bool:
        from workbench.flows.cutover import edit_steps

        result = edit_steps(self.store, self._actor(), text, expected_version=expected_version)
        if result.conflict is not None:
            self.shell.show_conflict(result.conflict, what="The cutover steps",
                                     summary=f"cutover steps edited: {text}"[:300])
            return False
        self.app.notify(result.message, severity=result.severity, timeout=None if result.ok else 12)
        return result.ok

    def action_show_cost(self) -> None:
        switcher = self.query_one("#monitor-views", ContentSwitcher)
        if self.view == "cost":
            self.view = "charts"
            switcher.current = "monitor-charts"
            self.query_one("#monitor-charts").focus()
            return
        self.view = "cost"
        switcher.current = "monitor-cost"
        self.query_one("#monitor-cost").focus()
        self.query_one("#monitor-cost-body", Static).update(Text("Reading the actual cost…", style="dim"))
        self._load_cost()

    def _load_cost(self) -> None:
        """Predicted against actual (``flows.cutover.check_actual_cost``): read-only calls (Cost Explorer,
        CloudWatch) as a job of the App's one job runner; the demo and offline runs have no account to read."""
        from workbench.flows.cutover import COST_DAYS, check_actual_cost

        config = self.shell.config
        store, actor = self.store, self._actor()
        session = None if (config.demo or config.aws.offline) else self._session()

        def work(_session=None, _progress=None, _cancel=None) -> None:
            from screens.monitor_parts import cost_text

            result = check_actual_cost(store, actor, session=session, days=COST_DAYS)
            text = cost_text(result.check) if result.check is not None else Text(result.message, style="red")
            self.app.call_from_thread(self._show_cost, text)

        if session is None:
            self.run_worker(work, name="actual cost", group="monitor-cost", thread=True, exit_on_error=False)
        elif not self.shell.run_aws_job("Reading the actual cost", work, needs_account=False, changes_account=False):
            self._show_cost(Text("Not read: another AWS job is running (Esc stops it); c twice reads again.",
                                 style="yellow"))

    def _show_cost(self, text: Text) -> None:
        self.cost_text = text
        self.query_one("#monitor-cost-body", Static).update(text)

    def action_export_report(self) -> None:
        from screens.dialogs import TextPrompt
        from workbench.flows.cutover import cutover_report

        first = cutover_report(self.store)
        if not first.ok:
            self.app.notify(first.message, severity=first.severity)
            return
        store = self.store

        def render(fmt: str) -> str:
            return cutover_report(store).markdown

        def chosen(path_text: str | None) -> None:
            if path_text:
                self.shell.export_text(Path(path_text).expanduser(), render, EXPORT_FORMATS)

        self.app.push_screen(TextPrompt("Export the cutover report (Markdown: steps, gates, decisions, authors)",
                                        value="cutover-report.md"), chosen)
