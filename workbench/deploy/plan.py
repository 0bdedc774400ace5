"""The deployment plan as a record: the questions asked of it, its digest, saving it, and showing it as text.

A :class:`~workbench.models.DeploymentPlan` is every AWS call that deploys (or cleans up) an LMI configuration,
in order, with its exact parameters; it is also the record of what has run. Where the rest lives:

* :mod:`workbench.deploy.plan_build` — :func:`build_plan`, the steps and their parameters, :class:`PlanError`;
* :mod:`workbench.deploy.plan_refs` — references in the parameters (``${step:ID.Path}``, ``${aws:account-id}``,
  the code's ``${zip:…}``/``${file:…}``), the deterministic code zip, and resolving them when a step runs;
* :mod:`workbench.deploy.runner` — applying a confirmed plan.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from workbench.deploy.plan_refs import CODE_PLACEHOLDER
from workbench.models import DeploymentPlan
from workbench.models.deploy import PlanType, StepKind, StepStatus

if TYPE_CHECKING:
    from workbench.store import Store, Stored

# The tag every resource the deployment creates carries (its value: the plan's deployment id).
TAG_KEY = "lmi-workbench:deployment"


class PlanExists(RuntimeError):
    """A stored plan with this id has already run steps: replacing it would lose the record of what exists."""


def is_mutating(operation: str) -> bool:
    """True for an operation that changes an account (anything but Get*/List*/Describe*)."""
    return not operation.startswith(("Get", "List", "Describe"))


def plan_digest(plan: DeploymentPlan) -> str:
    """SHA-256 of what a confirmation agrees to: the Region, the deployment tag and every step's call, parameters
    and wait (not the statuses and outputs the run records)."""
    calls = [[s.id, s.service, s.operation, s.kind.value, s.parameters,
              s.wait.model_dump(mode="json") if s.wait else None] for s in plan.steps]
    body = json.dumps([plan.region, plan.deployment_id, plan.plan_type.value, calls], sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def needs_code(plan: DeploymentPlan) -> bool:
    """True when a pending step still holds the ``${input:function-code}`` placeholder."""
    return any(s.status is not StepStatus.DONE and CODE_PLACEHOLDER in json.dumps(s.parameters)
               for s in plan.steps)


def has_started(plan: DeploymentPlan) -> bool:
    return any(s.status is not StepStatus.PENDING for s in plan.steps)


def is_finished(plan: DeploymentPlan) -> bool:
    return bool(plan.steps) and all(s.status in (StepStatus.DONE, StepStatus.SKIPPED) for s in plan.steps)


def cleaned_up(store: Store, plan: DeploymentPlan) -> bool:
    """True when the cleanup plan of this deployment has removed everything it recorded."""
    if plan.plan_type is PlanType.CLEANUP:
        return is_finished(plan)
    cleanup = store.get(DeploymentPlan, f"{plan.id}-cleanup")
    return (cleanup is not None and cleanup.doc.deployment_id == plan.deployment_id
            and cleanup.doc.source_plan_id == plan.id and is_finished(cleanup.doc))


def save_plan(store: Store, plan: DeploymentPlan) -> Stored[DeploymentPlan]:
    """Store ``plan`` under its id, replacing a stored plan only if none of its steps has run.

    Raises :class:`PlanExists` otherwise: that plan is the record of what exists in the account (resume it,
    or clean it up, before planning again); once its cleanup plan has finished it may be replaced.
    Compare-and-set: a partner's write in between is a StoreConflict.
    """
    current = store.get(DeploymentPlan, plan.id)
    if current is not None and has_started(current.doc) and not cleaned_up(store, current.doc):
        done = sum(1 for s in current.doc.steps if s.status is StepStatus.DONE)
        raise PlanExists(f"deployment plan {plan.id!r} has already run ({done} of {len(current.doc.steps)} steps "
                         f"done); resume it, or clean it up, before planning again")
    what = "cleanup plan" if plan.plan_type is PlanType.CLEANUP else "deployment plan"
    return store.put(plan, expected_version=current.version if current else None,
                     summary=f"{what} {plan.id}: {len(plan.steps)} steps in {plan.region}")


def render_text(plan: DeploymentPlan) -> str:
    """The plan as text: every step with its status and its parameters exactly as they will be sent."""
    kind = "Cleanup" if plan.plan_type is PlanType.CLEANUP else "Deployment"
    account = plan.account_id or "(looked up when applied)"
    lines = [(f"{kind} plan {plan.id} — {len(plan.steps)} steps in {plan.region or 'no region'}, "
              f"account {account}, deployment {plan.deployment_id}")]
    if plan.confirmed_by:
        lines.append(f"Confirmed by {plan.confirmed_by} at {plan.confirmed_at:%Y-%m-%d %H:%M:%S} UTC")
    for note in plan.notes:
        lines.append(f"Note: {note}")
    for n, step in enumerate(plan.steps, 1):
        verb = "poll" if step.kind is StepKind.WAIT else "call"
        lines.append("")
        lines.append(f"{n:>2}. [{step.status.value}] {step.id}: {step.title}")
        lines.append(f"    {verb} {step.service} {step.operation}" +
                     (f" until {step.wait.state_path} is {' or '.join(step.wait.success)}"
                      if step.wait and step.wait.success else " until it is gone" if step.wait else ""))
        shown, as_text = decoded_parameters(step.parameters)
        body = json.dumps(shown, indent=2, ensure_ascii=False)
        lines.extend("    " + line for line in body.splitlines())
        if as_text:
            lines.append(f"    ({', '.join(as_text)} {'is' if len(as_text) == 1 else 'are'} sent as JSON text; "
                         "shown decoded)")
        if step.outcome:
            lines.append(f"    → {step.outcome}")
        if step.explanation:
            lines.append(f"    ! {step.explanation}")
    return "\n".join(lines) + "\n"


def decoded_parameters(params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """For reading: top-level (and Target.Input) JSON-text parameters decoded, with their names."""
    shown: dict[str, Any] = {}
    names: list[str] = []
    for key, value in params.items():
        if isinstance(value, str) and value.startswith("{"):
            try:
                shown[key] = json.loads(value)
                names.append(key)
                continue
            except ValueError:
                pass
        if isinstance(value, dict) and key == "Target":
            inner, inner_names = decoded_parameters(value)
            shown[key] = inner
            names += [f"{key}.{n}" for n in inner_names]
            continue
        shown[key] = value
    return shown, names


__all__ = [
    "TAG_KEY",
    "PlanExists",
    "cleaned_up",
    "decoded_parameters",
    "has_started",
    "is_finished",
    "is_mutating",
    "needs_code",
    "plan_digest",
    "render_text",
    "save_plan",
]
