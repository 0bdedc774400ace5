"""The Deploy pane's Plan view: the guided deployment (or its cleanup) as a checklist of AWS calls.

Left, every step with its mark (☐ pending, ◐ running, ☑ done, ✗ failed, ↷ skipped); right, the highlighted
step: what it does, the exact call (or the poll of a wait step) with its parameters as JSON, what happened, and
for a failed step why and what to do. Everything comes from the stored ``DeploymentPlan``, which the runner
writes before and after each call, so the marks move while a run goes on — in a partner's terminal too.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from workbench.deploy.plan import decoded_parameters

if TYPE_CHECKING:
    from workbench.models import DeploymentPlan, DeploymentStep
    from workbench.store import Stored

MARKS = {"pending": ("☐", "dim"), "running": ("◐", "bold yellow"), "done": ("☑", "bold green"),
         "failed": ("✗", "bold red"), "skipped": ("↷", "dim")}
EMPTY = ("No deployment plan yet.\n\n"
         "p plans the guided deployment from this session's workload and LMI configuration: the IAM roles, the "
         "capacity provider (and the wait until it is Active), the function with its capacity-provider "
         "configuration, the published version, its alias and scaling (and the wait until the version is ACTIVE), "
         "and the alarms — every AWS call with its exact parameters, as a checklist.\n\n"
         "Nothing is called until you apply it (a) and confirm the listed calls. v runs the pre-flight checks "
         "first (read-only).")


def mark(status: str) -> Text:
    symbol, style = MARKS.get(status, ("?", ""))
    return Text(symbol, style=style)


def counts(plan: DeploymentPlan) -> dict[str, int]:
    out = {status: 0 for status in MARKS}
    for step in plan.steps:
        out[step.status.value] += 1
    return out


def plan_state(plan: DeploymentPlan) -> str:
    """One phrase: where the plan stands."""
    from workbench.deploy import has_started, is_finished, needs_code

    n = counts(plan)
    if is_finished(plan):
        return "finished: every step is done"
    if n["failed"]:
        failed = next(s for s in plan.steps if s.status.value == "failed")
        return f"stopped: {failed.id} failed (a retries it once fixed)"
    if n["running"]:
        running = next(s for s in plan.steps if s.status.value == "running")
        return f"{running.id} running"
    if has_started(plan):
        return f"{n['done']} of {len(plan.steps)} done; a resumes"
    if needs_code(plan):
        return "plan only: it needs the function's code before it can be applied (a asks for it)"
    return "plan only: nothing has been called (a applies it after you confirm)"


def plan_head(stored: Stored[DeploymentPlan], readonly: bool) -> Text:
    plan = stored.doc
    kind = "Cleanup plan" if plan.plan_type.value == "cleanup" else "Deployment plan"
    n = counts(plan)
    text = Text()
    text.append(f"{kind} {plan.id}", style="bold")
    text.append(f" · {len(plan.steps)} steps in {plan.region or 'no Region'}")
    text.append(f" · account {plan.account_id or '(looked up when applied)'}")
    done = ", ".join(f"{n[s]} {s}" for s in ("done", "running", "failed", "skipped") if n[s])
    if done:
        text.append(f" · {done}")
    if plan.confirmed_by:
        text.append(f" · confirmed by {plan.confirmed_by}")
    text.append("\n")
    text.append(plan_state(plan), style="bold red" if n["failed"] else "bold")
    if readonly:
        text.append(" · read-only: you watch", style="dim")
    return text


def _wait_phrase(step: DeploymentStep) -> str:
    spec = step.wait
    assert spec is not None
    target = ("until it is gone" if spec.until_gone
              else f"until {spec.state_path} is {' or '.join(spec.success)}")
    stop = f", stops on {' or '.join(spec.failure)}" if spec.failure else ""
    return (f"poll {step.service} {step.operation} every {spec.delay_s:g} s (at most {spec.max_attempts} times) "
            f"{target}{stop}")


def step_detail(plan: DeploymentPlan, step: DeploymentStep) -> Group:
    """The highlighted step: what, the call, the outcome, the explanation of a failure, and the parameters."""
    index = plan.steps.index(step) + 1
    parts: list[Any] = []
    top = Text()
    top.append_text(mark(step.status.value))
    top.append(f" {index}/{len(plan.steps)} {step.id}", style="bold")
    top.append(f" · {step.status.value}" + (" (adopted: it existed and is this deployment's)" if step.adopted else ""))
    top.append(f"\n{step.title}\n")
    if step.kind.value == "wait":
        top.append(_wait_phrase(step), style="italic")
    else:
        top.append(f"call {step.service}.{step.operation}", style="italic")
        if step.resource_name:
            top.append(f" · {step.resource_type or 'resource'} {step.resource_name}", style="dim")
    if step.started_at:
        top.append(f"\nstarted {step.started_at:%Y-%m-%d %H:%M:%S} UTC", style="dim")
        if step.finished_at:
            top.append(f", finished {step.finished_at:%H:%M:%S} UTC", style="dim")
    parts.append(top)
    repeated = step.explanation is not None and step.outcome is not None and step.explanation.startswith(
        step.outcome)
    if step.outcome and not (step.status.value == "failed" and repeated):
        parts.append(Text(f"→ {step.outcome}", style="red" if step.status.value == "failed" else "green"))
    if step.status.value == "failed" and step.explanation:
        what, _, fix = step.explanation.partition(" Fix: ")
        why = Text()
        why.append("✗ Why: ", style="bold red")
        why.append(what)
        if step.state_reason_code:
            why.append(f" [{step.state_reason_code}]", style="dim")
        if fix:
            why.append("\nFix: ", style="bold")
            why.append(fix)
        parts.append(why)
    params = step.sent if step.sent is not None else step.parameters
    shown, as_text = decoded_parameters(params)
    label = "Parameters as sent" if step.sent is not None else "Parameters"
    parts.append(Text(f"\n{label}:", style="bold"))
    parts.append(Syntax(json.dumps(shown, indent=2, ensure_ascii=False), "json", theme="ansi_dark",
                        word_wrap=True, background_color="default"))
    if as_text:
        parts.append(Text(f"({', '.join(as_text)} {'is' if len(as_text) == 1 else 'are'} sent as JSON text; "
                          "shown decoded)", style="dim"))
    if plan.notes:
        notes = Text("\nAbout this plan:", style="bold")
        for note in plan.notes:
            notes.append(f"\n• {note}", style="")
        parts.append(notes)
    return Group(*parts)


class PlanView(Vertical):
    """The checklist and the highlighted step. ``show`` renders a stored plan (or the empty state)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.plan: DeploymentPlan | None = None
        self._steps: dict[str, DeploymentStep] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="plan-head")
        yield Static(EMPTY, id="plan-empty", classes="empty")
        with Horizontal(id="plan-body"):
            yield DataTable(id="plan-steps", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="plan-detail"):
                yield Static("", id="plan-detail-body")
        yield Static("", id="plan-run")

    @property
    def table(self) -> DataTable:
        return self.query_one("#plan-steps", DataTable)

    def show(self, stored: Stored[DeploymentPlan] | None, *, readonly: bool, follow: bool) -> None:
        """Render ``stored`` (None: the empty state). ``follow``: move the cursor to the step that runs next."""
        has = stored is not None and bool(stored.doc.steps)
        self.query_one("#plan-empty").display = stored is None
        self.query_one("#plan-body").display = has
        line = self.query_one("#plan-head", Static)
        line.display = stored is not None
        if stored is None:
            self.plan, self._steps = None, {}
            return
        plan = stored.doc
        line.update(plan_head(stored, readonly))
        table = self.table
        keep = self.highlighted_id()
        before = self.plan
        same_plan = (before is not None and before.id == plan.id and before.deployment_id == plan.deployment_id
                     and [s.id for s in before.steps] == [s.id for s in plan.steps] and table.row_count > 0)
        self.plan = plan
        old_steps, self._steps = self._steps, {s.id: s for s in plan.steps}
        if same_plan:  # a step changed (a run goes on): update its mark in place, keep the scroll position
            for step in plan.steps:
                if old_steps.get(step.id) is None or old_steps[step.id].status is not step.status:
                    table.update_cell(step.id, "mark", mark(step.status.value))
        else:
            table.clear()
            if not table.columns:
                table.add_column("", key="mark")
                table.add_column("#", key="n")
                table.add_column("Step", key="step")
            for n, step in enumerate(plan.steps, 1):
                table.add_row(mark(step.status.value), str(n), step.id, key=step.id)
        target = keep if (same_plan and keep in self._steps and not follow) else self._current_step_id(plan)
        moved = target is not None and target in self._steps and target != self.highlighted_id()
        if moved and target is not None:
            table.move_cursor(row=list(self._steps).index(target), animate=False)
        step_now = self.highlighted()
        if not same_plan or moved or step_now is None or old_steps.get(step_now.id) != step_now \
                or before is None or before.notes != plan.notes:
            self.render_detail()

    @staticmethod
    def _current_step_id(plan: DeploymentPlan) -> str | None:
        """The running, failed or next pending step (the first step when all are done)."""
        for status in ("running", "failed", "pending"):
            for step in plan.steps:
                if step.status.value == status:
                    return step.id
        return plan.steps[0].id if plan.steps else None

    def highlighted_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def highlighted(self) -> DeploymentStep | None:
        step_id = self.highlighted_id()
        return self._steps.get(step_id) if step_id else None

    def render_detail(self) -> None:
        body = self.query_one("#plan-detail-body", Static)
        step = self.highlighted()
        if self.plan is None or step is None:
            body.update(Text("\n".join(f"• {note}" for note in (self.plan.notes if self.plan else [])), style="dim"))
            return
        body.update(step_detail(self.plan, step))

    def set_run_line(self, text: Text | str) -> None:
        line = self.query_one("#plan-run", Static)
        line.update(text)
        line.display = bool(str(text))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.table:
            self.render_detail()

__all__ = ["MARKS", "PlanView", "counts", "mark", "plan_head", "plan_state", "step_detail"]
