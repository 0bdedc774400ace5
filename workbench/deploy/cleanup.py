"""The cleanup plan: remove what an applied deployment plan created, and only that, in an order AWS accepts.

Built from the applied plan's record in the store (its ``done`` steps and the outputs they recorded), so a
resource that existed before the deployment is never in it:

1. the scaling schedules, 2. the alarms, 3. the alias (if the deployment created it),
4. the function (if the deployment created it; that removes its versions and their scaling configuration) and a
   wait until it is gone — or, when the deployment only updated an existing function, the version it published
   (when no alias it did not create still points at it),
5. the capacity provider (AWS refuses while function versions use it; deleting it terminates its instances) and a
   wait until it is gone, 6. the roles: their inline policies first, then the roles.

Restoring or detaching a function that existed before the deployment is out of scope: the plan says so in its
notes, and keeps the capacity provider and operator role that function still uses unless the caller says the
function has been detached (``function_detached=True``). The same runner applies it, with the same confirmation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.deploy.plan_build import CAPACITY_PROVIDER_WAIT, FUNCTION_WAIT, PlanError
from workbench.models import DeploymentPlan, DeploymentStep
from workbench.models.deploy import (
    DeployFormat,
    DeployMode,
    PlanType,
    StepKind,
    StepStatus,
    WaitSpec,
)

if TYPE_CHECKING:
    from workbench.store import Store

_TOUCHED = (StepStatus.RUNNING, StepStatus.FAILED, StepStatus.DONE)


def cleanup_id_for(plan_id: str) -> str:
    return f"{plan_id}-cleanup"


def _value(step: DeploymentStep, key: str) -> Any:
    """A parameter as it was sent (references resolved), else as planned."""
    return (step.sent or {}).get(key, step.parameters.get(key))


def build_cleanup_plan(source: Store | DeploymentPlan, plan_id: str = "default", *,
                       cleanup_id: str | None = None, function_detached: bool = False) -> DeploymentPlan:
    """The cleanup plan for the applied plan ``plan_id`` in ``source`` (a Store), or for ``source`` itself (a
    DeploymentPlan). Raises :class:`PlanError` when there is no such plan or it is itself a cleanup plan."""
    if isinstance(source, DeploymentPlan):
        applied = source
    else:
        stored = source.get(DeploymentPlan, plan_id)
        if stored is None:
            raise PlanError([f"there is no deployment plan {plan_id!r} in the store: nothing to clean up"])
        applied = stored.doc
    if applied.plan_type is PlanType.CLEANUP:
        raise PlanError([f"plan {applied.id!r} is a cleanup plan; give the id of the deployment plan it undoes"])
    done = {s.id: s for s in applied.steps if s.status is StepStatus.DONE}
    by_op: dict[str, list[DeploymentStep]] = {}
    for s in applied.steps:
        if s.status is StepStatus.DONE:
            by_op.setdefault(s.operation, []).append(s)
    notes: list[str] = []
    steps: list[DeploymentStep] = []

    def unique(step_id: str) -> str:
        taken = {s.id for s in steps}
        n, candidate = 2, step_id[:60]
        while candidate in taken:
            candidate, n = f"{step_id[:58]}-{n}", n + 1
        return candidate

    def call(step_id: str, title: str, service: str, operation: str, params: dict[str, Any],
             resource: tuple[str, str]) -> None:
        steps.append(DeploymentStep(id=unique(step_id), title=title, service=service, operation=operation,
                                    parameters=params, resource_type=resource[0], resource_name=resource[1]))

    def wait_gone(step_id: str, title: str, operation: str, params: dict[str, Any], state_path: str,
                  timing: tuple[float, int], resource: tuple[str, str]) -> None:
        steps.append(DeploymentStep(
            id=step_id, title=title, service="lambda", operation=operation, parameters=params, kind=StepKind.WAIT,
            wait=WaitSpec(state_path=state_path, until_gone=True, delay_s=timing[0], max_attempts=timing[1]),
            resource_type=resource[0], resource_name=resource[1]))

    unfinished = [s.id for s in applied.steps if s.status in (StepStatus.RUNNING, StepStatus.FAILED)
                  and s.operation.startswith(("Create", "Publish", "Put"))]
    if unfinished:
        notes.append(f"Steps {', '.join(unfinished)} did not finish: what they may have created is not removed "
                     "(its owner is not known). Apply the deployment plan again first (it re-checks them), then "
                     "plan the cleanup again.")
    # 1. schedules
    for s in by_op.get("CreateSchedule", []):
        name = _value(s, "Name")
        call(f"delete-{s.id.removeprefix('create-')}", f"Delete schedule {name}", "scheduler", "DeleteSchedule",
             {"Name": name}, ("schedule", name))
    # 2. alarms
    alarms = [_value(s, "AlarmName") for s in by_op.get("PutMetricAlarm", [])]
    if alarms:
        call("delete-alarms", f"Delete alarms {', '.join(alarms)}", "cloudwatch", "DeleteAlarms",
             {"AlarmNames": alarms}, ("alarm", ", ".join(alarms)))
    # 3. alias
    created_alias = by_op.get("CreateAlias", [])
    for s in created_alias:
        fn, name = _value(s, "FunctionName"), _value(s, "Name")
        call("delete-alias", f"Delete alias {name} of {fn}", "lambda", "DeleteAlias",
             {"FunctionName": fn, "Name": name}, ("alias", f"{fn}:{name}"))
    if "UpdateAlias" in by_op:
        alias = by_op["UpdateAlias"][0]
        notes.append(f"Alias {_value(alias, 'Name')} existed before the deployment and was pointed at the LMI "
                     "version; pointing it back is out of scope (UpdateAlias it yourself).")
    # 4. function or version
    created_fn = by_op.get("CreateFunction", [])
    provider_in_use = False
    if created_fn:
        fn = _value(created_fn[0], "FunctionName")
        call("delete-function", f"Delete function {fn} (with its versions, aliases and scaling)", "lambda",
             "DeleteFunction", {"FunctionName": fn}, ("function", fn))
        wait_gone("wait-function-deleted", f"Wait until function {fn} is gone", "GetFunction",
                  {"FunctionName": fn}, "Configuration.State", FUNCTION_WAIT, ("function", fn))
    elif "UpdateFunctionConfiguration" in by_op:
        fn = _value(by_op["UpdateFunctionConfiguration"][0], "FunctionName")
        publish = done.get("publish-version")
        version = (publish.outputs or {}).get("Version") if publish else None
        if version and "UpdateAlias" not in by_op:
            call("delete-version", f"Delete version {version} of {fn} (and its scaling configuration)", "lambda",
                 "DeleteFunction", {"FunctionName": fn, "Qualifier": str(version)},
                 ("function-version", f"{fn}:{version}"))
        elif version:
            notes.append(f"Version {version} of {fn} is kept: an alias that existed before still points at it.")
        notes.append(f"Function {fn} existed before the deployment and was only updated: restoring its earlier "
                     "configuration or detaching it from the capacity provider is out of scope.")
        provider_in_use = not function_detached
    # 5. capacity provider
    created_cp = by_op.get("CreateCapacityProvider", [])
    if created_cp and provider_in_use:
        notes.append(f"Capacity provider {_value(created_cp[0], 'CapacityProviderName')} and the operator role are "
                     "kept: the function still uses them. Move the function to another capacity provider "
                     "(UpdateFunctionConfiguration) or delete it, then "
                     "plan the cleanup again with the function marked as detached.")
    elif created_cp:
        name = _value(created_cp[0], "CapacityProviderName")
        call("delete-capacity-provider", f"Delete capacity provider {name} (this terminates its instances)",
             "lambda", "DeleteCapacityProvider", {"CapacityProviderName": name}, ("capacity-provider", name))
        wait_gone("wait-capacity-provider-deleted", f"Wait until capacity provider {name} is gone",
                  "GetCapacityProvider", {"CapacityProviderName": name}, "CapacityProvider.State",
                  CAPACITY_PROVIDER_WAIT, ("capacity-provider", name))
    # 6. roles, last created first: inline policies, then the role
    for role_step in reversed(by_op.get("CreateRole", [])):
        role = _value(role_step, "RoleName")
        if provider_in_use and role_step.id == "create-operator-role":
            continue
        key = role_step.id.removeprefix("create-").removesuffix("-role")
        for p in applied.steps:
            if p.operation == "PutRolePolicy" and p.status in _TOUCHED and _value(p, "RoleName") == role:
                policy = _value(p, "PolicyName")
                call(f"delete-{key}-role-policy", f"Delete inline policy {policy} of role {role}", "iam",
                     "DeleteRolePolicy", {"RoleName": role, "PolicyName": policy},
                     ("iam-role-policy", f"{role}/{policy}"))
            if p.operation == "AttachRolePolicy" and p.status in _TOUCHED and _value(p, "RoleName") == role:
                arn = _value(p, "PolicyArn")
                call(f"detach-{key}-role-policy", f"Detach {arn} from role {role}", "iam", "DetachRolePolicy",
                     {"RoleName": role, "PolicyArn": arn}, ("iam-role-policy", f"{role}/{arn}"))
        call(f"delete-{key}-role", f"Delete role {role}", "iam", "DeleteRole", {"RoleName": role}, ("iam-role", role))
    if not steps:
        notes.append("The deployment created nothing that is still recorded: there is nothing to remove.")
    return DeploymentPlan(id=cleanup_id or cleanup_id_for(applied.id), region=applied.region, format=DeployFormat.API,
                          mode=DeployMode.PLAN_ONLY, steps=steps, plan_type=PlanType.CLEANUP,
                          deployment_id=applied.deployment_id, source_plan_id=applied.id,
                          account_id=applied.account_id, notes=notes)


__all__ = ["build_cleanup_plan", "cleanup_id_for"]
