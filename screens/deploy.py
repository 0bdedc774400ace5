"""The Deploy pane, in three views:

* **Files** (g): the infrastructure for this workload and its LMI configuration, generated in the format the team
  commits (CDK in TypeScript by default), previewed with syntax highlighting, written to a directory (never over
  existing files without confirmation) or copied. Every format renders one infrastructure model.
* **Checks** (v): the pre-flight checks, read-only (:mod:`screens.deploy_checks`).
* **Plan** (p): the guided deployment as a checklist of AWS calls; a applies it after confirmation, x plans and
  runs its cleanup, Esc stops a run after the current call (:mod:`screens.deploy_plan`).

The pane never calls AWS: the App's deploy actions (:mod:`workbench.app.deploy_actions`) run the work in workers and the
results land in the store, which this pane renders.
"""

from __future__ import annotations

from pathlib import Path

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import ContentSwitcher, DataTable, Static

from screens.deploy_checks import ChecksView
from screens.deploy_plan import PlanView
from screens.pane import EmptyState, Pane, pane_bindings
from workbench.models import DeploymentPlan, LmiConfiguration, PreflightReport, Workload

LEXERS = {".ts": "typescript", ".js": "javascript", ".py": "python", ".json": "json", ".yaml": "yaml",
          ".yml": "yaml", ".tf": "terraform", ".sh": "bash", ".md": "markdown", ".txt": "text"}
VIEWS = {"files": ("Files", "g"), "checks": ("Checks", "v"), "plan": ("Plan", "p")}
PLAN_ID = "default"


class DeployPane(Pane):
    PANE_ID = "deploy"
    TITLE = "Deploy"
    WATCHES = (Workload, LmiConfiguration, DeploymentPlan, PreflightReport)
    BINDINGS = pane_bindings("deploy")

    def __init__(self) -> None:
        super().__init__()
        self.format = "cdk-ts"
        self.files: dict[str, str] = {}
        self.view = "files"
        self.showing = PLAN_ID  # the plan shown in the Plan view: the deployment plan or its cleanup plan
        self._files_stale = True
        self._apply_after_plan = False

    def compose(self) -> ComposeResult:
        yield Static("Infrastructure", classes="pane-title", id="deploy-title")
        yield EmptyState(
            "The infrastructure for this workload (CDK in TypeScript by default; SAM, CloudFormation, "
            "Terraform or a CLI script on request): the two IAM roles, the capacity provider, the "
            "function with its capacity-provider configuration, its version and alias, scaling and alarms — "
            "and the pre-flight checks (v) and the guided deployment (p) that makes the calls for you.\n\n"
            "It needs a workload and its starting configuration (Intake pane, key 1). Headless: "
            "`lmi-workbench generate --format cdk-ts -o DIR`, `lmi-workbench deploy --plan`.",
            classes="empty", id="deploy-empty",
        )
        with ContentSwitcher(initial="deploy-view-files", id="deploy-views"):
            with Vertical(id="deploy-view-files"):
                problems = Static("", id="deploy-problems", classes="error-line")
                problems.display = False
                yield problems
                yield DataTable(id="deploy-files", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="deploy-preview"):
                    yield Static("", id="deploy-preview-body")
            yield PlanView(id="deploy-view-plan")
            yield ChecksView(id="deploy-view-checks")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "aws_status", self._aws_status_changed, init=False)

    # ----------------------------------------------------------------- rendering
    @property
    def readonly(self) -> bool:
        return bool(self.store.readonly or self.shell.config.readonly)

    def _inputs_ready(self) -> tuple[object, object] | None:
        from workbench.models import LmiConfiguration, Workload

        workload = self.store.get(Workload)
        config = self.store.get(LmiConfiguration)
        return (workload, config) if workload is not None and config is not None else None

    def store_changed(self, changes) -> None:
        kinds = {change.kind for change in changes}
        if kinds & {"workload", "lmi-config"}:
            self._files_stale = True
            self.refresh_from_store()
        elif self.view == "plan" and "deploy-plan" in kinds:
            self._render_plan(follow=self.shell.deploy_running is not None)
        elif self.view == "checks" and "preflight" in kinds:
            self._render_checks()

    def refresh_from_store(self) -> None:
        from workbench.models import DeploymentPlan

        ready = self._inputs_ready()
        empty = self.query_one("#deploy-empty", EmptyState)
        views = self.query_one("#deploy-views", ContentSwitcher)
        has_plan = self.store.get(DeploymentPlan, PLAN_ID) is not None
        show = ready is not None or (self.view == "plan" and has_plan)
        empty.display = not show
        views.display = show
        self._render_title(ready)
        if not show:
            return
        if self.view == "files":
            self._render_files(ready)
        elif self.view == "plan":
            self._render_plan(follow=False)
        else:
            self._render_checks()

    def _render_title(self, ready) -> None:
        from workbench.iac import FORMATS

        text = Text(no_wrap=True, overflow="ellipsis")
        for name, (label, key) in VIEWS.items():
            style = "reverse bold" if name == self.view else ""
            text.append(f" {key} {label} ", style=style)
            text.append(" ")
        if ready is not None:
            workload, config = ready
            text.append(f"· {workload.doc.function_name}", style="bold")
            if self.view == "files":
                text.append(f" · {FORMATS[self.format]} · configuration v{config.version}")
        self.query_one("#deploy-title", Static).update(text)

    def _render_files(self, ready) -> None:
        from workbench.iac import IacInputError, generate

        table = self.query_one("#deploy-files", DataTable)
        problems = self.query_one("#deploy-problems", Static)
        if ready is None:
            return
        workload, config = ready
        if self._files_stale or not self.files:
            try:
                self.files = generate(self.format, workload.doc, config.doc)
                problems.display = False
            except IacInputError as exc:
                self.files = {}
                problems.update("✗ " + "\n✗ ".join(exc.problems))
                problems.display = True
            self._files_stale = False
            keep = table.cursor_row
            table.clear()
            if not table.columns:
                table.add_columns("File", "Lines")
            for name, text in sorted(self.files.items()):
                table.add_row(name, str(text.count("\n") + 1), key=name)
            if 0 < keep < table.row_count:
                table.move_cursor(row=keep)
        self._preview()
        self._focus_view()

    def _render_plan(self, *, follow: bool) -> None:
        from workbench.models import DeploymentPlan

        view = self.query_one(PlanView)
        stored = self.store.get(DeploymentPlan, self.showing)
        if stored is None and self.showing != PLAN_ID:
            self.showing = PLAN_ID
            stored = self.store.get(DeploymentPlan, PLAN_ID)
        view.show(stored, readonly=self.readonly, follow=follow)
        self._render_run_line()
        self._focus_view()

    def _render_run_line(self) -> None:
        view = self.query_one(PlanView)
        plan = view.plan
        text = Text()
        if plan is not None and self.shell.deploy_running == plan.id:
            status = self.shell.aws_status or "starting…"
            text.append("▶ ", style="bold green")
            text.append(status)
            text.append(" · Esc stops after the current call", style="dim")
        elif plan is not None:
            running = [s for s in plan.steps if s.status.value == "running"]
            if running:
                text.append("◐ ", style="bold yellow")
                text.append(f"{running[0].id} is marked running: another workbench is applying it now, or one "
                            "stopped there (a resumes: the step is checked first).")
        view.set_run_line(text)

    def _aws_status_changed(self, _status: str) -> None:
        if self.view == "plan" and self.is_mounted:
            self._render_run_line()
        elif self.view == "checks" and self.is_mounted:
            self._render_checks()

    def _render_checks(self) -> None:
        from workbench.models.preflight import PreflightReport

        view = self.query_one(ChecksView)
        stored = self.store.get(PreflightReport)
        report = stored.doc if stored is not None else self.shell.deploy_offline_report()
        running = self.shell.aws_job_running() and self.shell.aws_status.startswith("Pre-flight")
        config = self.shell.config
        why = "offline run" if config.aws.offline else "the demo's sample data" if config.demo else None
        view.show(report, stored=stored is not None, running=running,
                  why_offline=why if report is not None and not report.account_checked else None)
        self._focus_view()

    def _current(self) -> str | None:
        table = self.query_one("#deploy-files", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def _preview(self) -> None:
        name = self._current()
        body = self.query_one("#deploy-preview-body", Static)
        if name is None or name not in self.files:
            body.update(Text("Nothing generated.", style="dim"))
            return
        lexer = LEXERS.get(Path(name).suffix, "text")
        body.update(Syntax(self.files[name], lexer, line_numbers=True, theme="ansi_dark", word_wrap=False))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "deploy-files":
            self._preview()

    # ----------------------------------------------------------------- views
    def _focus_view(self) -> None:
        """Give the current view's list the focus when the focus is not already in that view (it may be on the
        list of a view just hidden), so j/k and the view's keys work at once — also after a dialog closes."""
        if self.shell.current_pane != self.PANE_ID:
            return
        container = self.query_one(f"#deploy-view-{self.view}")
        focused = self.screen.focused
        if focused is not None and focused.display and container in focused.ancestors_with_self:
            return
        table = self.query_one({"files": "#deploy-files", "plan": "#plan-steps", "checks": "#checks-table"}[self.view],
                               DataTable)
        if table.display and table.row_count:
            table.focus()

    def action_view(self, name: str) -> None:
        self.view = name
        self.query_one("#deploy-views", ContentSwitcher).current = f"deploy-view-{name}"
        self.refresh_from_store()
        self._focus_view()

    # ----------------------------------------------------------------- files
    def action_next_format(self) -> None:
        from workbench.iac import FORMATS

        if self.view != "files":
            self.action_view("files")
        names = list(FORMATS)
        self.format = names[(names.index(self.format) + 1) % len(names)]
        self._files_stale = True
        self.refresh_from_store()

    def action_copy_file(self) -> None:
        if self.view != "files":
            self.action_view("files")
        name = self._current()
        if name is not None and name in self.files:
            self.app.copy_to_clipboard(self.files[name])
            self.app.notify(f"Copied {name}")

    def action_write_files(self) -> None:
        from screens.dialogs import ConfirmDialog, TextPrompt
        from workbench.iac import FilesExist, write_files

        if self.view != "files":
            self.action_view("files")
        if not self.files:
            return
        files = dict(self.files)

        def write(directory: Path, overwrite: bool) -> None:
            try:
                written = write_files(files, directory, overwrite=overwrite)
            except FilesExist as exc:
                self.app.push_screen(ConfirmDialog(f"Replace files in {directory}?", str(exc)),
                                     lambda yes: write(directory, True) if yes else None)
                return
            except OSError as exc:
                self.app.notify(f"Could not write to {directory}: {exc.strerror or exc}", severity="error")
                return
            self.app.notify(f"Wrote {len(written)} files to {directory}")

        def chosen(text: str | None) -> None:
            if text:
                directory = Path(text).expanduser()
                if not directory.exists():
                    try:
                        directory.mkdir(parents=True)
                    except OSError as exc:
                        self.app.notify(f"Could not create {directory}: {exc.strerror or exc}", severity="error")
                        return
                write(directory, False)

        self.app.push_screen(TextPrompt("Write the generated files to a directory",
                                        value=f"infra-{self.format}"), chosen)

    # ----------------------------------------------------------------- pre-flight
    def action_preflight(self) -> None:
        self.action_view("checks")
        if not self.readonly:
            self.shell.deploy_preflight()

    # ----------------------------------------------------------------- the plan
    def _stored_plan(self, plan_id: str):
        from workbench.models import DeploymentPlan

        return self.store.get(DeploymentPlan, plan_id)

    def action_plan(self) -> None:
        """Show the deployment plan (building it if there is none); p on the plan shown plans anew."""
        again = self.view == "plan" and self.showing == PLAN_ID
        self.showing = PLAN_ID
        self.action_view("plan")
        if self.readonly:
            if self._stored_plan(PLAN_ID) is None:
                self.app.notify("No plan yet: the person driving makes it (p); you see it here once it is saved.")
            return
        if again or self._stored_plan(PLAN_ID) is None:
            self._apply_after_plan = False
            self._build_plan()

    def _build_plan(self, function_code: str | None = None) -> None:
        """Plan (the App runs ``flows.deploy.plan_deployment`` in a worker); when the workload's runtime is not
        supported but has an upgrade, ask first whether to plan on it (an explicit choice, recorded in the plan
        with the author's name)."""
        from screens.dialogs import ConfirmDialog

        found = self.shell.runtime_upgrade_to_offer()
        if found is None:
            self.shell.deploy_build_plan(function_code, then=self._plan_built)
            return
        upgrade = found.upgrade
        assert upgrade is not None

        def answered(yes: bool | None) -> None:
            if yes:
                self.shell.choose_runtime_upgrade(upgrade)
                self._build_plan(function_code)
            else:
                self.app.notify(found.explain(), severity="warning", timeout=15)

        self.app.push_screen(ConfirmDialog(
            f"{found.unsupported_message}. Plan the deployment on {upgrade}?",
            f"Supported runtimes: {found.supported_list}. Upgrading is migration work: update and test the code "
            f"for {upgrade} first. The plan records this choice with your name ({self.shell.config.author}); "
            "n keeps the function on standard Lambda."), answered)

    def _plan_built(self, plan) -> None:
        from workbench.deploy import needs_code

        self.showing = plan.id
        if self.view == "plan":
            self._render_plan(follow=True)
        if needs_code(plan):
            self._ask_for_code()
        elif self._apply_after_plan:
            self._apply_after_plan = False
            self._confirm_apply(plan)

    def _ask_for_code(self) -> None:
        from screens.dialogs import TextPrompt
        from workbench.flows.deploy import code_dir_problem

        def chosen(text: str | None) -> None:
            if not text:
                self._apply_after_plan = False
                self.app.notify("The plan is kept without code: it can be reviewed, not applied (a or p ask "
                                "again).")
                return
            problem = code_dir_problem(text)
            if problem:
                self._apply_after_plan = False
                self.app.notify(problem, severity="error", timeout=10)
                return
            self._build_plan(str(Path(text).expanduser()))

        remembered = self.shell.remembered_code_dir() or ""
        self.app.push_screen(TextPrompt(
            "The function's code: its directory (zipped when applied) or a .zip file", value=remembered,
            placeholder="path/to/function", hint="Enter to plan with it · Esc to keep the plan without code "
                                                 "(review only)"), chosen)

    def action_apply_plan(self) -> None:
        from workbench.deploy import is_finished, needs_code

        if self.view != "plan":
            self.action_view("plan")
        stored = self._stored_plan(self.showing)
        if stored is None:
            self.app.notify("No plan yet: p plans the deployment first.", severity="warning")
            return
        refusal = self.shell.deploy_refusal()
        if refusal:
            self.app.notify(refusal, severity="warning", timeout=10)
            return
        plan = stored.doc
        if is_finished(plan):
            self.app.notify("Every step of this plan is done: nothing to call"
                            + (" (x removes what it created)." if plan.plan_type.value == "apply" else "."))
            return
        if needs_code(plan):
            self._apply_after_plan = True
            self._ask_for_code()
            return
        self._confirm_apply(plan)

    def _confirm_apply(self, plan) -> None:
        """First ask STS who the calls would be made as, then show the calls with that identity for confirmation."""
        def known(identity, problem: str | None) -> None:
            if identity is None:
                self.app.notify(f"Not applied: could not tell which AWS identity would make the calls. {problem}",
                                severity="error", timeout=15)
                return
            self._ask_to_apply(plan, identity.describe())

        self.shell.deploy_identity(plan.region, known)

    def _ask_to_apply(self, plan, acting_as: str) -> None:
        from screens.deploy_dialogs import ApplyPlanDialog

        author = self.shell.config.author

        def answered(yes: bool | None) -> None:
            if yes:
                self.showing = plan.id
                self.shell.deploy_apply(plan.id, confirmed_by=author,
                                      acting_as=acting_as)
            else:
                self.app.notify("Not applied: nothing was called.")

        self.app.push_screen(ApplyPlanDialog(plan, author, acting_as), answered)

    def action_cleanup(self) -> None:
        from workbench.deploy import is_finished

        if self.view != "plan":
            self.action_view("plan")
        cleanup = self.shell.deploy_prepare_cleanup(PLAN_ID)
        if cleanup is None:
            return
        self.showing = cleanup.id
        self._render_plan(follow=True)
        if is_finished(cleanup):
            return
        refusal = self.shell.deploy_refusal()
        if refusal:
            self.app.notify(f"The cleanup plan is shown. {refusal}", severity="warning", timeout=10)
            return
        self._confirm_apply(cleanup)

    def action_cancel_run(self) -> None:
        if self.shell.deploy_cancel():
            self.app.notify("Stopping after the current call… (a resumes)")
