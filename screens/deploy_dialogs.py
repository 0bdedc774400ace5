"""The guided deployment's confirmation: every call that will change the AWS account, in order, and who confirms.

``y`` confirms (the pane then applies the plan with that person's name as ``confirmed_by``); ``n`` / Esc declines
and nothing is called. A plan that has already run says which steps are skipped and which unfinished one is
checked first (read-only) — running it again resumes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from screens.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from workbench.models import DeploymentPlan


def confirm_question(plan: DeploymentPlan) -> str:
    from workbench.deploy import has_started

    cleanup = plan.plan_type.value == "cleanup"
    verb = "Resume" if has_started(plan) else "Apply"
    return f"{verb} the {'cleanup' if cleanup else 'deployment'} plan {plan.id}? — these calls change your account"


def confirm_body(plan: DeploymentPlan, author: str, acting_as: str | None = None) -> Text:
    """Who the calls are made as, then the calls that change the account (service.Operation and what they act on),
    done ones marked skipped."""
    from workbench.deploy import is_mutating

    text = Text()
    if acting_as:
        text.append("Acting as ", style="bold")
        text.append(f"{acting_as}\n", style="bold")
    text.append(f"Region {plan.region or '?'} · account {plan.account_id or '(looked up when applied)'} · "
                f"deployment {plan.deployment_id or '-'}\n")
    upgrade = plan.runtime_upgrade
    if upgrade is not None:
        text.append(f"Runtime upgrade {upgrade.from_runtime} → {upgrade.to_runtime}, chosen by {upgrade.chosen_by}\n",
                    style="bold")
    calls = [(n, s) for n, s in enumerate(plan.steps, 1) if is_mutating(s.operation)]
    done = [s for _, s in calls if s.status.value in ("done", "skipped")]
    todo = len(calls) - len(done)
    text.append(f"\n{todo} call{'s' if todo != 1 else ''} that change{'s' if todo == 1 else ''} the account",
                style="bold")
    text.append(" (in this order):\n" if todo else ":\n")
    width = max((len(f"{s.service}.{s.operation}") for _, s in calls), default=0)
    for n, step in calls:
        finished = step in done
        subject = step.resource_name or step.id
        room = max(20, 78 - width - 7)
        if len(subject) > room:
            subject = subject[:room - 1] + "…"
        line = f"{'☑' if finished else '☐'} {n:>2} {f'{step.service}.{step.operation}':<{width}}  {subject}"
        text.append(line + (" (done: skipped)" if finished else "") + "\n", style="dim" if finished else "")
    reads = [s for s in plan.steps if not is_mutating(s.operation) and s.status.value not in ("done", "skipped")]
    if reads:
        names = ", ".join(dict.fromkeys(f"{s.service}.{s.operation}" for s in reads))
        text.append(f"Waits and checks between them are read-only ({names}).\n", style="dim")
    unfinished = [s for s in plan.steps if s.status.value in ("running", "failed")]
    if done or unfinished:
        text.append("\nResuming: ", style="bold")
        parts = []
        if done:
            parts.append(f"{len(done)} finished call{'s are' if len(done) != 1 else ' is'} skipped")
        for step in unfinished:
            parts.append(f"{step.id} ({step.status.value}) is checked first with a read-only call, so nothing is "
                         "created twice")
        text.append("; ".join(parts) + ".\n")
    text.append("\nConfirmed by: ", style="bold")
    text.append(author, style="bold")
    text.append(" — recorded on the plan and with every step in the audit log.\n")
    text.append("Esc during the run stops it after the current call; a resumes it.", style="dim")
    return text


class ApplyPlanDialog(ConfirmDialog):
    """Confirm or decline applying (or resuming) one plan. Returns True only for ``y``."""

    BINDINGS = [
        *ConfirmDialog.BINDINGS,
        Binding("j,down", "scroll(1)", show=False, id="deploy_confirm.down"),
        Binding("k,up", "scroll(-1)", show=False, id="deploy_confirm.up"),
    ]

    def __init__(self, plan: DeploymentPlan, author: str, acting_as: str | None = None) -> None:
        super().__init__(confirm_question(plan))
        self.plan = plan
        self.author = author
        self.acting_as = acting_as

    def compose(self) -> ComposeResult:
        cleanup = self.plan.plan_type.value == "cleanup"
        with Vertical(classes="dialog deploy-confirm" + (" conflict" if cleanup else "")):
            yield Static(self._question, classes="dialog-title")
            with VerticalScroll(id="deploy-confirm-body"):
                yield Static(confirm_body(self.plan, self.author, self.acting_as), id="deploy-confirm-text")
            yield Static("[b]y[/b] confirm and run · [b]n[/b] / Esc no (nothing is called)",
                         classes="dialog-choices")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#deploy-confirm-body", VerticalScroll).scroll_relative(y=lines, animate=False)


__all__ = ["ApplyPlanDialog", "confirm_body", "confirm_question"]
