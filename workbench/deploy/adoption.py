"""Adopting what a step would create: does it already exist, and is it this deployment's? Read-only calls only.

The runner asks before it repeats a step left ``running`` or ``failed`` (a crash, a lost answer), before every
PutMetricAlarm (which would replace an alarm of the same name), and when a create answers "already exists". A resource is this deployment's only if it carries its mark — the
``lmi-workbench:deployment`` tag (roles, functions, alarms), this deployment's operator role (a capacity
provider), the deployment id in its description (versions, schedules), the version it points at (an alias);
then it is adopted instead of created twice. Anything else is someone else's and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.deploy.answers import dig, json_safe
from workbench.deploy.plan import TAG_KEY
from workbench.models import DeploymentStep

# (service, operation, params) → the answer; (service, operation, key, params) → every item of all pages.
Call = Callable[[str, str, dict[str, Any]], dict[str, Any]]
ListAll = Callable[[str, str, str, dict[str, Any]], list[Any]]


@dataclass(frozen=True)
class Probe:
    kind: str  # absent | ours | foreign
    outputs: dict[str, Any] | None = None
    detail: str = ""


def probe(step: DeploymentStep, params: dict[str, Any], *, deployment_id: str | None, call: Call,
          list_all: ListAll) -> Probe:
    """Does what this step creates already exist, and is it this deployment's? Read-only calls only."""
    mine = deployment_id
    op = step.operation

    def get(service: str, operation: str, **kw: Any) -> dict[str, Any] | None:
        try:
            return call(service, operation, kw)
        except AwsProblem as problem:
            if problem.kind is ProblemKind.NOT_FOUND:
                return None
            raise

    if op == "CreateRole":
        found = get("iam", "GetRole", RoleName=params["RoleName"])
        if found is None:
            return Probe("absent")
        tags = {t.get("Key"): t.get("Value") for t in found["Role"].get("Tags") or []}
        if mine and tags.get(TAG_KEY) == mine:
            return Probe("ours", json_safe(found), f"tagged {TAG_KEY}={mine}")
        return Probe("foreign", detail=f"it has no {TAG_KEY}={mine} tag")
    if op == "CreateCapacityProvider":
        found = get("lambda", "GetCapacityProvider", CapacityProviderName=params["CapacityProviderName"])
        if found is None:
            return Probe("absent")
        role = dig(found, "CapacityProvider.PermissionsConfig.CapacityProviderOperatorRoleArn")
        if role == dig(params, "PermissionsConfig.CapacityProviderOperatorRoleArn"):
            return Probe("ours", json_safe(found), "it uses this deployment's operator role")
        return Probe("foreign", detail=f"it uses another operator role ({role})")
    if op == "CreateFunction":
        found = get("lambda", "GetFunction", FunctionName=params["FunctionName"])
        if found is None:
            return Probe("absent")
        if mine and (found.get("Tags") or {}).get(TAG_KEY) == mine:
            return Probe("ours", json_safe(found.get("Configuration") or {}), f"tagged {TAG_KEY}={mine}")
        return Probe("foreign", detail=f"it has no {TAG_KEY}={mine} tag")
    if op == "PublishVersion":
        versions = list_all("lambda", "ListVersionsByFunction", "Versions", {"FunctionName": params["FunctionName"]})
        # Numbered versions only: $LATEST is not published, and $LATEST.PUBLISHED (LMI) is not what this plan's
        # PublishVersion (without PublishTo) creates ("$LATEST.PUBLISHED version in Lambda Managed Instances").
        ours = [v for v in versions
                if str(v.get("Version", "")).isdigit() and mine and mine in (v.get("Description") or "")]
        if ours:
            latest = max(ours, key=lambda v: int(v["Version"]))
            return Probe("ours", json_safe(latest), f"version {latest['Version']} was published by it")
        return Probe("absent")
    if op == "CreateAlias":
        found = get("lambda", "GetAlias", FunctionName=params["FunctionName"], Name=params["Name"])
        if found is None:
            return Probe("absent")
        if str(found.get("FunctionVersion")) == str(params["FunctionVersion"]):
            return Probe("ours", json_safe(found), f"it points at version {params['FunctionVersion']}")
        return Probe("foreign", detail=f"it points at version {found.get('FunctionVersion')}, not "
                                        f"{params['FunctionVersion']}")
    if op == "CreateSchedule":
        found = get("scheduler", "GetSchedule", Name=params["Name"])
        if found is None:
            return Probe("absent")
        if mine and mine in (found.get("Description") or ""):
            return Probe("ours", json_safe(found), "its description names this deployment")
        return Probe("foreign", detail="its description does not name this deployment")
    if op == "PutMetricAlarm":
        found = get("cloudwatch", "DescribeAlarms", AlarmNames=[params["AlarmName"]])
        alarms = (found or {}).get("MetricAlarms") or []
        if not alarms:
            return Probe("absent")
        tags = get("cloudwatch", "ListTagsForResource", ResourceARN=alarms[0]["AlarmArn"]) or {}
        if mine and {t.get("Key"): t.get("Value") for t in tags.get("Tags") or []}.get(TAG_KEY) == mine:
            return Probe("ours", json_safe(alarms[0]), f"tagged {TAG_KEY}={mine}")
        return Probe("foreign", detail=f"it has no {TAG_KEY}={mine} tag")
    return Probe("absent")  # idempotent calls (Put*, Update*, Delete*) and waits are simply made again


__all__ = ["Probe", "probe"]
