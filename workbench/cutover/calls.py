"""The exact AWS calls of a cutover step or a rollback, computed from the CutoverState alone (pure: no AWS).

Per mechanism:

* API Gateway REST canary (the integration reads the function from a stage variable): the first step creates
  a canary deployment (``CreateDeployment`` with ``canarySettings``: percentTraffic and a stage-variable
  override pointing at the LMI alias), later steps replace ``/canarySettings/percentTraffic``; 100% points the
  stage variable itself at the LMI alias and removes the canary (``UpdateStage``). Rollback removes the canary,
  or after 100% restores the stage variable's original value.
* Event source mappings: ``UpdateEventSourceMapping`` with FunctionName → the LMI alias, a whole mapping at a
  time; rollback switches each switched mapping back to what it invoked before.
* Weighted alias (only when both versions are LMI, or both are not): ``UpdateAlias`` with
  ``RoutingConfig.AdditionalVersionWeights``; 100% moves the alias to the new version.
* Router: no calls; the team shifts in its own router and the workbench records the decisions.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from workbench.models.cutover import CutoverCall, CutoverSource, CutoverState, CutoverStatus, ShiftMechanism

_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")
_ARN = re.compile(r"^arn:(?P<partition>aws[a-z-]*):lambda:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):function:")

NOT_STARTED = (CutoverStatus.PLANNED, CutoverStatus.ROLLED_BACK)


class CutoverError(ValueError):
    """A cutover action that cannot be taken as asked; the message says why and what to do."""


@dataclass(frozen=True)
class PlannedCall:
    """One AWS call to be made, shown before it runs."""

    service: str
    operation: str
    parameters: dict
    why: str

    @property
    def boto3_method(self) -> str:
        return _SNAKE.sub("_", self.operation).lower()

    @property
    def boto3_call(self) -> str:
        """The call as boto3 code: ``lambda.update_alias(FunctionName="orders", Name="live", ...)``."""
        args = ", ".join(f"{key}={_literal(value)}" for key, value in self.parameters.items())
        return f"{self.service}.{self.boto3_method}({args})"

    def record(self, status: Literal["done", "failed", "not-run"] = "not-run", outcome: str = "") -> CutoverCall:
        return CutoverCall(service=self.service, operation=self.operation, parameters=self.parameters,
                           why=self.why[:500], status=status, outcome=outcome[:2000])


def _literal(value: Any) -> str:
    """Python source for a JSON-like value, strings in double quotes."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return json.dumps(str(value))


# --- shared pieces ---------------------------------------------------------------------------------------------

def current_position(state: CutoverState) -> int | None:
    """The step in effect, or None when no traffic is on LMI (planned, rolled back)."""
    return None if state.status in NOT_STARTED else state.current_step


def lmi_qualifier(state: CutoverState) -> str:
    if state.new_alias:
        return state.new_alias
    if state.new_version:
        return state.new_version
    raise CutoverError(f"new_alias: the LMI function {state.new_function_name} is invoked through a published "
                       "version; set new_alias (preferred) or new_version before planning the shift")


def lmi_reference(state: CutoverState, like_arn: str | None = None) -> str:
    """The LMI alias as ``name:alias``, or as a full ARN in the same account and Region as ``like_arn``."""
    qualifier = lmi_qualifier(state)
    match = _ARN.match(like_arn or "")
    if match:
        return f"{match.group(0)}{state.new_function_name}:{qualifier}"
    return f"{state.new_function_name}:{qualifier}"


def _source(state: CutoverState, *needed: str) -> CutoverSource:
    src = state.source
    missing = [name for name in needed if src is None or not getattr(src, name)]
    if missing:
        raise CutoverError(f"source.{missing[0]}: the {state.mechanism.value} shift needs "
                           f"{', '.join('source.' + m for m in missing)} (run the discovery or enter it)")
    assert src is not None
    return src


def _check_target(state: CutoverState, to_step: int) -> int | None:
    last = len(state.steps) - 1
    if not 0 <= to_step <= last:
        raise CutoverError(f"to_step must be between 0 and {last} (got {to_step})")
    at = current_position(state)
    if at is not None and to_step <= at:
        raise CutoverError(f"to_step {to_step} is not ahead of the step in effect ({at}): moving forward only "
                           "goes to a later step; roll back to send traffic back")
    return at


# --- event source mappings -------------------------------------------------------------------------------------

def esm_switched_count(state: CutoverState, step_index: int) -> int:
    """How many mappings invoke the LMI alias at ``step_index``: a whole mapping moves at a time, at least one
    at the first step (so there is traffic to watch), all of them at 100%."""
    total = len(state.source.esm_uuids) if state.source else 0
    pct = state.steps[step_index].traffic_pct
    if total == 0:
        return 0
    if pct >= 100:
        return total
    return min(total, max(1, math.floor(pct * total / 100 + 1e-9)))


def esm_share_note(state: CutoverState, step_index: int) -> str:
    total = len(state.source.esm_uuids) if state.source else 0
    count = esm_switched_count(state, step_index)
    pct = state.steps[step_index].traffic_pct
    if total == 0 or count * 100 / total == pct:
        return ""
    return (f"event source mappings switch whole: this step moves {count} of {total} mapping(s) "
            f"({count * 100 / total:g}% of the mappings), not exactly {pct:g}% of the traffic")


def _esm_forward(state: CutoverState, to_step: int) -> list[PlannedCall]:
    src = _source(state, "esm_uuids")
    wanted = src.esm_uuids[:esm_switched_count(state, to_step)]
    calls = []
    for uuid in wanted:
        if uuid in src.esm_switched:
            continue
        target = lmi_reference(state, src.esm_original_functions.get(uuid))
        calls.append(PlannedCall("lambda", "UpdateEventSourceMapping", {"UUID": uuid, "FunctionName": target},
                                 f"switch mapping {uuid} to the LMI alias (all of its records)"))
    return calls


def _esm_back(state: CutoverState) -> list[PlannedCall]:
    src = _source(state, "esm_uuids")
    old = f"{state.old_function_name}:{state.old_qualifier}" if state.old_qualifier else state.old_function_name
    return [PlannedCall("lambda", "UpdateEventSourceMapping",
                        {"UUID": uuid, "FunctionName": src.esm_original_functions.get(uuid) or old},
                        f"switch mapping {uuid} back to the old function")
            for uuid in src.esm_uuids if uuid in src.esm_switched]


# --- API Gateway REST canary -----------------------------------------------------------------------------------

def stage_variable_target(state: CutoverState) -> str:
    """The stage variable's value that names the LMI alias, in the same form as today's value."""
    src = _source(state, "stage_variable")
    if src.stage_variable_new:
        return src.stage_variable_new
    original = src.stage_variable_original or ""
    if _ARN.match(original):
        return lmi_reference(state, original)
    return f"{state.new_function_name}:{lmi_qualifier(state)}"


def _canary_forward(state: CutoverState, at: int | None, to_step: int) -> list[PlannedCall]:
    src = state.source
    if src is None or not (src.rest_api_id and src.stage_name):
        raise CutoverError("source.rest_api_id: the API Gateway canary needs the REST API id and stage "
                           "(run the discovery or enter them)")
    if not src.stage_variable:
        raise CutoverError(f"source.stage_variable: the integration of {src.rest_api_id}/{src.stage_name} names "
                           "the function directly, so a canary cannot point at the LMI alias without changing the "
                           "API; put the function name in a stage variable first, or use a router")
    api, stage, variable = src.rest_api_id, src.stage_name, src.stage_variable
    target = stage_variable_target(state)
    pct = float(state.steps[to_step].traffic_pct)
    canary_exists = at is not None and state.steps[at].traffic_pct < 100
    calls: list[PlannedCall] = []
    if at is None and src.grant_invoke_permission:
        if not src.api_source_arn:
            raise CutoverError("source.api_source_arn: granting API Gateway the right to invoke the LMI alias needs "
                               "the API's execute-api ARN (from the old function's permission)")
        calls.append(PlannedCall("lambda", "AddPermission", {
            "FunctionName": state.new_function_name, "Qualifier": lmi_qualifier(state),
            "StatementId": f"lmi-workbench-{api}-{stage}"[:100], "Action": "lambda:InvokeFunction",
            "Principal": "apigateway.amazonaws.com", "SourceArn": src.api_source_arn},
            "let the API invoke the LMI alias (the old function has the same permission)"))
    if pct >= 100:
        ops: list[dict[str, str]] = [{"op": "replace", "path": f"/variables/{variable}", "value": target}]
        if canary_exists:
            ops.append({"op": "remove", "path": "/canarySettings"})
        calls.append(PlannedCall("apigateway", "UpdateStage",
                                 {"restApiId": api, "stageName": stage, "patchOperations": ops},
                                 f"all traffic: stage variable {variable} → {target}"
                                 + (", canary removed" if canary_exists else "")))
    elif canary_exists and at is not None:
        calls.append(PlannedCall("apigateway", "UpdateStage", {
            "restApiId": api, "stageName": stage,
            "patchOperations": [{"op": "replace", "path": "/canarySettings/percentTraffic", "value": f"{pct}"}]},
            f"canary traffic {state.steps[at].traffic_pct:g}% → {pct:g}%"))
    else:
        calls.append(PlannedCall("apigateway", "CreateDeployment", {
            "restApiId": api, "stageName": stage,
            "description": f"LMI cutover canary: {pct:g}% to {state.new_function_name}:{lmi_qualifier(state)}",
            "canarySettings": {"percentTraffic": pct, "stageVariableOverrides": {variable: target},
                               "useStageCache": False}},
            f"create the canary: {pct:g}% of the stage's requests use {variable}={target} (the canary deploys the "
            "API as it is defined now)"))
    return calls


def _canary_back(state: CutoverState) -> list[PlannedCall]:
    at = current_position(state)
    if at is None:
        return []
    src = _source(state, "rest_api_id", "stage_name", "stage_variable")
    base = {"restApiId": src.rest_api_id, "stageName": src.stage_name}
    if state.steps[at].traffic_pct >= 100:
        if not src.stage_variable_original:
            raise CutoverError(f"source.stage_variable_original: the value of {src.stage_variable} before the "
                               "cutover is not known, so it cannot be restored; enter it")
        return [PlannedCall("apigateway", "UpdateStage", {**base, "patchOperations": [
            {"op": "replace", "path": f"/variables/{src.stage_variable}", "value": src.stage_variable_original}]},
            f"stage variable {src.stage_variable} back to {src.stage_variable_original}")]
    return [PlannedCall("apigateway", "UpdateStage", {**base, "patchOperations": [
        {"op": "remove", "path": "/canarySettings"}]}, "remove the canary: all requests use the old function")]


# --- weighted alias --------------------------------------------------------------------------------------------

def check_weighted_alias(state: CutoverState) -> None:
    """CutoverError unless an alias may weight the two versions."""
    if state.old_is_lmi != state.new_is_lmi:
        raise CutoverError("mechanism: weighted alias routing between an LMI version and a non-LMI version is not "
                           "supported (newer AWS guidance); shift at the invocation source (API Gateway canary, "
                           "event source mappings) or with a router")
    if state.old_function_name != state.new_function_name:
        raise CutoverError(f"mechanism: an alias weights versions of one function, but the new version is on "
                           f"{state.new_function_name}, not {state.old_function_name}")
    if not state.new_version:
        raise CutoverError("new_version: the weighted alias needs the published version number to shift to")


def _alias_forward(state: CutoverState, to_step: int) -> list[PlannedCall]:
    check_weighted_alias(state)
    src = _source(state, "alias_name", "alias_old_version")
    pct = state.steps[to_step].traffic_pct
    base = {"FunctionName": state.old_function_name, "Name": src.alias_name}
    if pct >= 100:
        return [PlannedCall("lambda", "UpdateAlias", {**base, "FunctionVersion": state.new_version,
                                                      "RoutingConfig": {"AdditionalVersionWeights": {}}},
                            f"alias {src.alias_name} → version {state.new_version} for all traffic")]
    weight = round(pct / 100, 6)
    return [PlannedCall("lambda", "UpdateAlias", {
        **base, "FunctionVersion": src.alias_old_version,
        "RoutingConfig": {"AdditionalVersionWeights": {state.new_version: weight}}},
        f"alias {src.alias_name}: {pct:g}% to version {state.new_version}, the rest to {src.alias_old_version}")]


def _alias_back(state: CutoverState) -> list[PlannedCall]:
    if current_position(state) is None:
        return []
    src = _source(state, "alias_name", "alias_old_version")
    return [PlannedCall("lambda", "UpdateAlias", {
        "FunctionName": state.old_function_name, "Name": src.alias_name, "FunctionVersion": src.alias_old_version,
        "RoutingConfig": {"AdditionalVersionWeights": {}}},
        f"alias {src.alias_name} back to version {src.alias_old_version} only")]


# --- the two entry points --------------------------------------------------------------------------------------

def forward_calls(state: CutoverState, to_step: int) -> list[PlannedCall]:
    """The calls that take the traffic from where it is now to ``steps[to_step]`` (CutoverError if they can't)."""
    at = _check_target(state, to_step)
    mechanism = state.mechanism
    if mechanism is ShiftMechanism.ROUTER:
        return []
    if mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING:
        return _esm_forward(state, to_step)
    if mechanism is ShiftMechanism.API_GATEWAY_CANARY:
        return _canary_forward(state, at, to_step)
    return _alias_forward(state, to_step)


def rollback_calls(state: CutoverState) -> list[PlannedCall]:
    """The calls that send all traffic back to the old function from where it is now (none if none is on LMI)."""
    mechanism = state.mechanism
    if mechanism is ShiftMechanism.ROUTER:
        return []
    if mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING:
        return _esm_back(state)
    if mechanism is ShiftMechanism.API_GATEWAY_CANARY:
        return _canary_back(state)
    return _alias_back(state)
