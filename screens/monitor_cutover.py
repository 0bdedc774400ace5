"""The Monitor pane's cutover actions (a mixin of ``MonitorPane``): propose forward / hold / roll back with the
exact calls and the author, apply only after ``y`` (forcing past a blocker asks for a reason), pop the rollback a
failing gate proposes (never applied by itself), edit the steps, export the report, and the predicted against the
actual cost after the cutover. Decisions run through ``workbench.cutover``'s controller in worker threads."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import ContentSwitcher, Static

from screens.monitor_parts import parse_steps, steps_text

EXPORT_FORMATS = {".md": "markdown", ".markdown": "markdown"}
COST_DAYS = 14


class CutoverActions:
    """Uses the pane's ``app``, ``store``, ``_cutover()``, ``_readonly()``, ``_session()`` and ``view``."""

    def _controller(self):
        from workbench.cutover.controller import CutoverController

        return CutoverController(self.store, author=self.app.config.author,  # type: ignore[attr-defined]
                                 session=self._aws_session_factory())

    def _aws_session_factory(self):
        """The AWS session decisions run through: the demo's stand-in for the demo cutover, else the real one
        (opened when a decision is applied, in the worker), or None offline (the controller then plans only)."""
        config = self.app.config  # type: ignore[attr-defined]
        if config.demo:
            from workbench.demo import demo_cutover_session

            return demo_cutover_session(self.store)
        if config.aws.offline:
            return None
        return self._session()

    def _refused(self) -> bool:
        if self.app.refuse_if_readonly():  # type: ignore[attr-defined]
            return True
        if self._cutover() is None:
            self.app.notify("There is no cutover plan in this session yet: P plans one (or try it with "
                            "--demo).", severity="warning", timeout=10)
            return True
        return False

    def action_plan_cutover(self) -> None:
        from screens.cutover_setup import open_cutover_setup

        open_cutover_setup(self)

    def action_decide(self, name: str) -> None:
        from workbench.cutover.calls import CutoverError
        from workbench.cutover.proposals import Decision

        if self._refused():
            return
        try:
            proposal = self._controller().propose(Decision(name))
        except CutoverError as exc:
            self.app.notify(str(exc), severity="warning", timeout=10)
            return
        self._confirm(proposal)

    def _confirm(self, proposal, *, automatic: bool = False) -> None:
        """Show the proposal for confirmation; against a real account, first ask STS who the calls would be made
        as and name it in the dialog and the audit log (the demo's stand-in and offline runs call nothing)."""
        config = self.app.config  # type: ignore[attr-defined]
        state = self._cutover()
        if config.demo or config.aws.offline or not getattr(proposal, "calls", None):
            self._show_proposal(proposal, automatic=automatic)
            return

        def known(identity, problem: str | None) -> None:
            if identity is None:
                self.app.notify(f"Not proposed: could not tell which AWS identity would make the calls. {problem}",
                                severity="error", timeout=15)
                return
            self._show_proposal(proposal, automatic=automatic, acting_as=identity.describe())

        self.app.deploy_identity(state.region if state else None, known)  # type: ignore[attr-defined]

    def _show_proposal(self, proposal, *, automatic: bool = False, acting_as: str | None = None) -> None:
        from screens.cutover_dialogs import ProposalDialog

        author = self.app.config.author  # type: ignore[attr-defined]

        def answered(yes: bool | None) -> None:
            if not yes:
                self.app.notify("Declined: nothing was called or recorded.")
            elif proposal.blockers:
                self._ask_force(proposal, author, acting_as)
            else:
                self._apply(proposal, author, acting_as=acting_as)

        note = ""
        if self.app.config.demo:  # type: ignore[attr-defined]
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
        controller = self._controller()

        def work() -> None:
            if acting_as:  # the audit log says which AWS identity the confirmation was given for
                self.store.record("cutover", "identity", f"{author} confirmed the {proposal.decision.value} "
                                                         f"calls as {acting_as}")
            try:
                state = controller.apply(proposal, confirmed_by=author, force=bool(force_reason),
                                         force_reason=force_reason)
            except Exception as exc:  # noqa: BLE001 - refused, a call failed (recorded), or the store: say which
                self.app.call_from_thread(self.app.notify, f"Cutover: {exc}", severity="error", timeout=15)
                return
            last = state.decisions[-1] if state.decisions else None
            self.app.call_from_thread(self.app.notify, f"Cutover: {last.message}" if last else "Cutover: recorded.",
                                      timeout=8)

        self.run_worker(work, name="cutover", group="cutover", thread=True, exit_on_error=False)

    def _pop_rollback(self, proposal) -> None:
        from screens.cutover_dialogs import ProposalDialog

        key = (proposal.from_step, proposal.basis, proposal.reason)
        if key in self._popped or len(self.app.screen_stack) > 1 or isinstance(self.app.screen, ProposalDialog):
            return
        self._popped.add(key)
        self._confirm(proposal, automatic=True)

    def action_edit_steps(self) -> None:
        from screens.dialogs import TextPrompt

        if self._refused():
            return
        state = self._cutover()
        from workbench.store import StoreError

        try:  # the base: a partner's edit of the steps meanwhile is a conflict, not replaced
            seen = self.store.get(type(state), state.id) if state is not None else None
        except StoreError as exc:
            self.app.notify(str(exc), severity="error")
            return
        base = seen.version if seen else None

        def chosen(text: str | None) -> None:
            if text:
                self._save_steps(text, expected_version=base)

        self.app.push_screen(TextPrompt("Cutover steps: traffic % / bake minutes, in order (the last is 100%)",
                                        value=steps_text(state.steps),
                                        hint="e.g. 10/30, 50/60, 100/60 · Enter saves · Esc cancels"), chosen)

    def _save_steps(self, text: str, expected_version: int | None = None) -> bool:
        from pydantic import ValidationError

        from workbench.cutover.calls import CutoverError
        from workbench.models.cutover import CutoverStep
        from workbench.store import StoreConflict, StoreError

        try:
            steps = [CutoverStep(traffic_pct=pct, bake_minutes=bake) for pct, bake in parse_steps(text)]
            self._controller().edit_steps(steps, expected_version=expected_version)
        except StoreConflict as conflict:
            self.app.show_conflict(conflict, what="The cutover steps",  # type: ignore[attr-defined]
                                   summary=f"cutover steps edited: {text}"[:300])
            return False
        except ValidationError as exc:
            first = exc.errors()[0]
            self.app.notify(f"Steps not changed: {'.'.join(map(str, first['loc']))}: {first['msg']}",
                            severity="error", timeout=12)
            return False
        except (ValueError, CutoverError, StoreError) as exc:
            self.app.notify(f"Steps not changed: {exc}", severity="error", timeout=12)
            return False
        self.app.notify(f"Cutover steps: {text}")
        return True

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
        config = self.app.config  # type: ignore[attr-defined]
        # Read-only calls (Cost Explorer, CloudWatch); the demo has no account to read, so it says so.
        store = self.store
        session = None if (config.demo or config.aws.offline) else self._session()
        record = not self._readonly()

        def work() -> None:
            from screens.monitor_parts import cost_text
            from workbench.cutover.actual_cost import actual_vs_predicted, record_cost_check

            try:
                check = actual_vs_predicted(store, session=session, days=COST_DAYS)
                if record:
                    record_cost_check(store, check)
                text = cost_text(check)
            except Exception as exc:  # noqa: BLE001 - shown in the view, the pane keeps working
                text = Text(f"The actual cost is not available: {exc}", style="red")
            self.app.call_from_thread(self._show_cost, text)

        self.run_worker(work, name="actual cost", group="monitor-cost", thread=True, exit_on_error=False)

    def _show_cost(self, text: Text) -> None:
        self.cost_text = text
        self.query_one("#monitor-cost-body", Static).update(text)

    def action_export_report(self) -> None:
        from screens.dialogs import TextPrompt

        if self._cutover() is None:
            self.app.notify("Nothing to export yet: there is no cutover in this session.", severity="warning")
            return
        store = self.store

        def render(fmt: str) -> str:
            from workbench.cutover.report import cutover_report_markdown

            return cutover_report_markdown(store)

        def chosen(path_text: str | None) -> None:
            if path_text:
                self.app.export_text(Path(path_text).expanduser(), render, EXPORT_FORMATS)  # type: ignore[attr-defined]

        self.app.push_screen(TextPrompt("Export the cutover report (Markdown: steps, gates, decisions, authors)",
                                        value="cutover-report.md"), chosen)
