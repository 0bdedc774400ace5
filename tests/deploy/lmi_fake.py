"""A small fake of the Lambda Managed Instances (LMI) control plane for tests: moto has no LMI APIs.

How it is reached
    ``fake = LmiFake(moto_endpoint)``; ``fake.client`` is a real botocore Lambda client whose calls never leave the
    process: a ``before-call`` handler answers them, the way botocore's Stubber does. ``fake.clients(session)`` is
    the runner's :class:`~workbench.deploy.clients.RoutedClients` seam with every Lambda operation routed to the
    fake and every other service (IAM, CloudWatch, Scheduler, STS) to the moto server. The fake answers the LMI
    operations itself (capacity providers, function scaling config) and passes the other Lambda operations on to
    the moto server, adding to moto's answers what LMI changes for a function created on a capacity provider
    (its states and its ``CapacityProviderConfig``). A function created without one is moto's, untouched.

What is checked on every call
    * the request: ``botocore.validate.validate_parameters`` with the operation's input shape from the venv's
      Lambda service model (the botocore client validates it too, before the handler runs); every call is
      recorded in :attr:`LmiFake.calls` with that verdict;
    * the answer the fake writes: the same validation against the operation's output shape (as Stubber checks
      the responses queued on it), so an answer the real API could not give fails the test.

Time
    No clock is read. A resource moves on when it is read (a Get/List "poll"): a capacity provider is ``Pending``
    for ``provider_reads`` reads, then ``Active``; a function's ``$LATEST`` is ``Pending`` for ``latest_reads``
    reads, then ``ActiveNonInvocable``; a published version starts ``ees_per_read`` execution environments per
    read and is ``Active`` once its minimum runs. A deleted capacity provider is ``Deleting`` for
    ``delete_reads`` reads, then gone.

State
    In memory, or with ``state_path`` in a JSON file read before and written after every call, so a second
    process (a deployment killed with SIGKILL and resumed elsewhere) sees the same account.

Behaviours and the AWS page each follows (AWS Lambda Developer Guide, or the AWS Lambda API Reference for an
operation's own page; the facts file is ../shared/lmi-facts.md, its section checked against AWS on 2026-12-07):

====================================================  ===========================================================
Behaviour                                             Source
====================================================  ===========================================================
CreateCapacityProvider answers ``Pending`` (HTTP      "Capacity providers"; "CreateCapacityProvider" (API
202), then ``Active``; ``Failed`` when told to fail   reference; responseCode 202 in botocore's model); the
                                                      CapacityProviderState enum of botocore's model
A second provider of the same name: conflict          "CreateCapacityProvider" errors: ResourceConflictException
The operator role must exist (it is passed)           "Lambda operator role for Lambda Managed Instances" (the
                                                      fake's reading: a role that does not exist cannot be used)
Get/List/Delete of capacity providers; Delete goes    "GetCapacityProvider", "ListCapacityProviders",
``Deleting`` then gone; refused while a function      "DeleteCapacityProvider" (API reference); lmi-facts.md
version uses it                                       "Cleanup": functions first, then the capacity provider
CreateFunction with CapacityProviderConfig: the       lmi-facts.md "Order"; "Troubleshooting" (architecture
provider must exist and not be Failed/Deleting, and   mismatch)
the architectures must match
UpdateFunctionConfiguration cannot add a capacity     lmi-facts.md "SAM" (checked 2026-12-07): CapacityProvider-
provider to a function created without one            Config cannot be added to an existing function; the fake
                                                      applies it to the API too (the stricter reading)
``$LATEST`` goes Pending → ActiveNonInvocable, never  "Lambda function states" (Pending after create);
Active                                                "$LATEST.PUBLISHED version in Lambda Managed Instances"
                                                      (the unpublished $LATEST is not what runs); State enum of
                                                      botocore's model; lmi-facts.md "States"
PublishVersion is refused while $LATEST is Pending    "Lambda function states" (API actions on a Pending
                                                      function fail)
A published version is Pending until its minimum      "Scaling Lambda Managed Instances" (three execution
execution environments run (3 unless the scaling      environments start before the version is ACTIVE);
config says otherwise), then Active                   "FunctionScalingConfig" (SAM: MinExecutionEnvironments
                                                      default 3)
``PublishTo=LATEST_PUBLISHED`` creates or republishes "$LATEST.PUBLISHED version in Lambda Managed Instances"
``$LATEST.PUBLISHED``
A version (or $LATEST) Failed with a StateReasonCode  the StateReasonCode enum of botocore's model;
(e.g. VcpuLimitExceeded) when told to fail            lmi-facts.md "Troubleshooting"; "Lambda function states"
PutFunctionScalingConfig: Qualifier is a number or    "PutFunctionScalingConfig" (API reference: Qualifier
``$LATEST.PUBLISHED``; 0–15,000; Min ≤ Max            pattern; "FunctionScalingConfig": ranges); lmi-facts.md
                                                      "Scaling config" (Min ≤ Max)
… and both Min and Max are sent                       lmi-facts.md "Scaling config": a bound left out goes back
                                                      to its default. AWS accepts the call; the fake refuses it
                                                      (``strict_scaling``) so a test catches the lost bound
====================================================  ===========================================================
"""

from __future__ import annotations

import copy
import fcntl
import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError
from botocore.validate import validate_parameters

from workbench.deploy.clients import RoutedClients, SessionClients, method_name

REGION = "us-east-1"
ACCOUNT = "123456789012"
LMI_OPERATIONS = ("CreateCapacityProvider", "GetCapacityProvider", "DeleteCapacityProvider", "ListCapacityProviders",
                  "UpdateCapacityProvider", "ListFunctionVersionsByCapacityProvider", "PutFunctionScalingConfig",
                  "GetFunctionScalingConfig")
QUALIFIER = re.compile(r"^(\$LATEST\.PUBLISHED|[0-9]+)$")  # PutFunctionScalingConfig's Qualifier pattern
LATEST_PUBLISHED = "$LATEST.PUBLISHED"
DEFAULT_MIN_EES = 3          # "Scaling Lambda Managed Instances": three execution environments by default
SCALING_LIMIT = 15_000       # "FunctionScalingConfig": 0 to 15,000
DEFAULT_MAX_VCPU = 400       # lmi-facts.md "Scaling controls": MaxVCpuCount default 400


class FakeError(Exception):
    """An error answer: the AWS error code, HTTP status and message the real API gives."""

    def __init__(self, code: str, status: int, message: str) -> None:
        super().__init__(message)
        self.code, self.status, self.message = code, status, message


def _not_found(what: str) -> FakeError:
    return FakeError("ResourceNotFoundException", 404, f"{what} not found")


def _invalid(message: str) -> FakeError:
    return FakeError("InvalidParameterValueException", 400, message)


def _conflict(message: str) -> FakeError:
    return FakeError("ResourceConflictException", 409, message)


@dataclass(frozen=True)
class Call:
    operation: str
    params: dict[str, Any]
    validated: bool          # botocore's validate_parameters accepted the request
    error: str | None        # the error code answered, if any
    pid: int                 # the process that made it


def _function_name(name_or_arn: str) -> str:
    """``my-fn``, ``my-fn:1`` or an ARN ``arn:aws:lambda:r:acct:function:my-fn[:q]`` → ``my-fn``."""
    if name_or_arn.startswith("arn:"):
        return name_or_arn.split(":")[6]
    return name_or_arn.split(":")[0]


def _jsonable(value: Any) -> Any:
    """moto's answers hold datetimes and bytes: keep them JSON-storable."""
    return json.loads(json.dumps(value, default=str))


class LmiFake:
    """The LMI control plane in a test (see the module docstring for what it follows and checks)."""

    def __init__(self, moto_endpoint: str, *, region: str = REGION, account: str = ACCOUNT,
                 state_path: Path | str | None = None, provider_reads: int = 1, latest_reads: int = 1,
                 ees_per_read: int = 1, delete_reads: int = 1, strict_scaling: bool = True) -> None:
        self.region, self.account = region, account
        self.state_path = Path(state_path) if state_path else None
        keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": region}
        self.client = boto3.client("lambda", endpoint_url=moto_endpoint,
                                   config=Config(parameter_validation=True), **keys)
        self.moto = boto3.client("lambda", endpoint_url=moto_endpoint, **keys)
        self.iam = boto3.client("iam", endpoint_url=moto_endpoint, **keys)
        self.model = self.client.meta.service_model
        self.client.meta.events.register("before-parameter-build.lambda.*", self._remember,
                                         unique_id="lmi-fake-params")
        self.client.meta.events.register("before-call.lambda.*", self._answer, unique_id="lmi-fake-answer")
        self._memory: dict[str, Any] = {}
        settings = {"provider_reads": provider_reads, "latest_reads": latest_reads, "ees_per_read": ees_per_read,
                    "delete_reads": delete_reads, "strict_scaling": strict_scaling}
        with self._state() as state:
            state.setdefault("settings", settings)
            for key in ("providers", "functions", "faults"):
                state.setdefault(key, {})
            state.setdefault("calls", [])

    # --- the seam ---------------------------------------------------------------------------------------------
    def routes(self) -> dict[tuple[str, str], Any]:
        """Every Lambda operation of the service model → the fake's client."""
        return {("lambda", op): self.client for op in self.model.operation_names}

    def clients(self, session) -> RoutedClients:
        """The runner's Clients: Lambda to the fake, the rest through ``session`` (the moto server)."""
        return RoutedClients(SessionClients(session, self.region), self.routes())

    # --- knobs and views for tests ----------------------------------------------------------------------------
    def configure(self, **settings: Any) -> None:
        with self._state() as state:
            unknown = set(settings) - set(state["settings"])
            if unknown:
                raise TypeError(f"unknown fake settings: {sorted(unknown)}")
            state["settings"].update(settings)

    def fail_capacity_provider(self, name: str) -> None:
        """The capacity provider ``name`` goes Failed on its next read (the API gives no reason code for it)."""
        with self._state() as state:
            state["faults"]["provider"] = name

    def fail_next_version(self, code: str, reason: str) -> None:
        """The next published version read goes Failed with ``code`` (a StateReasonCode) and ``reason``."""
        if code not in self.model.shape_for("StateReasonCode").enum:
            raise ValueError(f"{code} is not a StateReasonCode of the Lambda model")
        with self._state() as state:
            state["faults"]["version"] = {"code": code, "reason": reason}

    def fail_next_function(self, code: str, reason: str) -> None:
        """The next function created on a capacity provider goes Failed (its $LATEST) with ``code``/``reason``."""
        if code not in self.model.shape_for("StateReasonCode").enum:
            raise ValueError(f"{code} is not a StateReasonCode of the Lambda model")
        with self._state() as state:
            state["faults"]["function"] = {"code": code, "reason": reason}

    @property
    def calls(self) -> list[Call]:
        with self._state() as state:
            return [Call(c["operation"], c["params"], c["validated"], c["error"], c["pid"]) for c in state["calls"]]

    def count(self, operation: str) -> int:
        return sum(1 for c in self.calls if c.operation == operation)

    @property
    def capacity_providers(self) -> dict[str, dict[str, Any]]:
        with self._state() as state:
            return {name: p["CapacityProvider"] for name, p in state["providers"].items()}

    def version_state(self, function: str, version: str) -> dict[str, Any] | None:
        with self._state() as state:
            return copy.deepcopy(state["functions"].get(function, {}).get("versions", {}).get(version))

    # --- state ------------------------------------------------------------------------------------------------
    @contextmanager
    def _state(self):
        if self.state_path is None:
            yield self._memory
            return
        lock = self.state_path.with_suffix(".lock")
        with open(lock, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                state = json.loads(self.state_path.read_text()) if self.state_path.exists() else {}
                yield state
                scratch = self.state_path.with_suffix(".tmp")
                scratch.write_text(json.dumps(state))
                os.replace(scratch, self.state_path)
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # --- botocore hooks ---------------------------------------------------------------------------------------
    def _remember(self, params, model, context, **_) -> None:
        context["lmi_fake_params"] = dict(params)

    def _answer(self, model, context, **_):
        params = context.pop("lmi_fake_params", {})
        try:
            validate_parameters(params, model.input_shape)
            validated = True
        except ParamValidationError:
            validated = False
        with self._state() as state:
            try:
                if not validated:
                    raise _invalid("the request does not match the Lambda service model")
                handler = getattr(self, f"_op_{method_name(model.name)}", None)
                status, body = handler(state, params) if handler else self._forward(model.name, params)
                error = None
            except FakeError as failure:
                status, body, error = failure.status, None, failure.code
                message = failure.message
            state["calls"].append({"operation": model.name, "params": _jsonable(params), "validated": validated,
                                   "error": error, "pid": os.getpid()})
        if error is not None:
            return AWSResponse(None, status, {}, None), {
                "Error": {"Code": error, "Message": message}, "Type": "User", "message": message,
                "ResponseMetadata": {"HTTPStatusCode": status}}
        if model.output_shape is not None:
            validate_parameters(body, model.output_shape)  # an answer the real API could not give is a fake bug
        return AWSResponse(None, status, {}, None), {**body, "ResponseMetadata": {"HTTPStatusCode": status}}

    def _forward(self, operation: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The operation made on the moto server, its answer (or error) returned as the fake's."""
        try:
            answer = getattr(self.moto, method_name(operation))(**params)
        except ClientError as error:
            info = error.response.get("Error", {})
            raise FakeError(info.get("Code", "ServiceException"),
                            error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 500),
                            info.get("Message", str(error))) from None
        status = answer.pop("ResponseMetadata", {}).get("HTTPStatusCode", 200)
        return status, answer

    # --- capacity providers -----------------------------------------------------------------------------------
    def _provider_arn(self, name: str) -> str:
        return f"arn:aws:lambda:{self.region}:{self.account}:capacity-provider:{name}"

    def _provider(self, state: dict[str, Any], name_or_arn: str) -> dict[str, Any]:
        name = name_or_arn.rsplit(":", 1)[-1] if name_or_arn.startswith("arn:") else name_or_arn
        found = state["providers"].get(name)
        if found is None:
            raise _not_found(f"Capacity provider {name}")
        return found

    def _read_provider(self, state: dict[str, Any], record: dict[str, Any]) -> None:
        """One poll moves a provider on: Pending → Active (or Failed); Deleting → gone."""
        provider = record["CapacityProvider"]
        record["reads"] = record.get("reads", 0) + 1
        settings = state["settings"]
        name = provider["CapacityProviderArn"].rsplit(":", 1)[-1]
        if provider["State"] == "Pending":
            if state["faults"].get("provider") == name:
                provider["State"] = "Failed"
            elif record["reads"] > settings["provider_reads"]:
                provider["State"] = "Active"
        elif provider["State"] == "Deleting" and record["reads"] > settings["delete_reads"]:
            del state["providers"][name]
            raise _not_found(f"Capacity provider {name}")

    def _op_create_capacity_provider(self, state, params):
        name = params["CapacityProviderName"]
        if name in state["providers"]:
            raise _conflict(f"Capacity provider {name} already exists")
        role = params["PermissionsConfig"]["CapacityProviderOperatorRoleArn"]
        try:
            self.iam.get_role(RoleName=role.rsplit("/", 1)[-1])
        except ClientError:
            raise _invalid(f"The operator role {role} cannot be assumed by Lambda: it does not exist") from None
        provider = {
            "CapacityProviderArn": self._provider_arn(name), "State": "Pending",
            "VpcConfig": params["VpcConfig"], "PermissionsConfig": params["PermissionsConfig"],
            "InstanceRequirements": params.get("InstanceRequirements") or {"Architectures": ["x86_64"]},
            "CapacityProviderScalingConfig": params.get("CapacityProviderScalingConfig")
            or {"MaxVCpuCount": DEFAULT_MAX_VCPU, "ScalingMode": "Auto"},
            "LastModified": "2026-12-07T00:00:00.000+0000"}
        state["providers"][name] = {"CapacityProvider": provider, "reads": 0, "Tags": params.get("Tags") or {}}
        return 202, {"CapacityProvider": copy.deepcopy(provider)}

    def _op_get_capacity_provider(self, state, params):
        record = self._provider(state, params["CapacityProviderName"])
        self._read_provider(state, record)
        return 200, {"CapacityProvider": copy.deepcopy(record["CapacityProvider"])}

    def _op_list_capacity_providers(self, state, params):
        for record in list(state["providers"].values()):
            try:
                self._read_provider(state, record)
            except FakeError:
                pass  # a deleted one is simply no longer listed
        items = [copy.deepcopy(r["CapacityProvider"]) for r in state["providers"].values()
                 if not params.get("State") or r["CapacityProvider"]["State"] == params["State"]]
        start = int(params.get("Marker") or 0)
        size = params.get("MaxItems") or 50
        page = {"CapacityProviders": items[start:start + size]}
        if start + size < len(items):
            page["NextMarker"] = str(start + size)
        return 200, page

    def _op_update_capacity_provider(self, state, params):
        record = self._provider(state, params["CapacityProviderName"])
        if "CapacityProviderScalingConfig" in params:
            record["CapacityProvider"]["CapacityProviderScalingConfig"] = params["CapacityProviderScalingConfig"]
        return 202, {"CapacityProvider": copy.deepcopy(record["CapacityProvider"])}

    def _op_delete_capacity_provider(self, state, params):
        record = self._provider(state, params["CapacityProviderName"])
        arn = record["CapacityProvider"]["CapacityProviderArn"]
        users = [f"{name}:{version}" for name, fn in state["functions"].items() if fn["arn"] == arn
                 for version in fn["versions"]]
        if users:
            raise _conflict(f"Capacity provider {arn} is in use by function versions {', '.join(users)}")
        record["CapacityProvider"]["State"] = "Deleting"
        record["reads"] = 0
        return 202, {"CapacityProvider": copy.deepcopy(record["CapacityProvider"])}

    def _op_list_function_versions_by_capacity_provider(self, state, params):
        record = self._provider(state, params["CapacityProviderName"])
        arn = record["CapacityProvider"]["CapacityProviderArn"]
        versions = [{"FunctionArn": f"arn:aws:lambda:{self.region}:{self.account}:function:{name}:{v}",
                     "State": data["state"]}
                    for name, fn in state["functions"].items() if fn["arn"] == arn
                    for v, data in fn["versions"].items()]
        return 200, {"CapacityProviderArn": arn, "FunctionVersions": versions}

    # --- function scaling config ------------------------------------------------------------------------------
    def _version(self, state, function: str, qualifier: str) -> dict[str, Any]:
        fn = state["functions"].get(_function_name(function))
        if fn is None or qualifier not in fn["versions"]:
            raise _not_found(f"Function {_function_name(function)}:{qualifier}")
        return fn["versions"][qualifier]

    def _op_put_function_scaling_config(self, state, params):
        qualifier = params["Qualifier"]
        if not QUALIFIER.match(qualifier):
            raise _invalid(f"Qualifier {qualifier!r} must be a version number or $LATEST.PUBLISHED")
        version = self._version(state, params["FunctionName"], qualifier)
        wanted = params.get("FunctionScalingConfig") or {}
        low, high = wanted.get("MinExecutionEnvironments"), wanted.get("MaxExecutionEnvironments")
        if state["settings"]["strict_scaling"] and (low is None or high is None):
            left_out = "MinExecutionEnvironments" if low is None else "MaxExecutionEnvironments"
            raise _invalid(f"{left_out} was left out: Lambda would put it back to its default (the fake refuses "
                           "the call so the test sees it; send both bounds)")
        for value in (low, high):
            if value is not None and not 0 <= value <= SCALING_LIMIT:
                raise _invalid(f"execution environments must be between 0 and {SCALING_LIMIT}, not {value}")
        if low is not None and high is not None and low > high:
            raise _invalid(f"MinExecutionEnvironments ({low}) is greater than MaxExecutionEnvironments ({high})")
        version["requested"] = {k: v for k, v in (("MinExecutionEnvironments", low),
                                                   ("MaxExecutionEnvironments", high)) if v is not None}
        version["min"] = DEFAULT_MIN_EES if low is None else low
        if version["state"] == "Active" and version["ees"] < version["min"]:
            version["state"] = "Pending"  # more environments to start before it is Active again
        return 202, {"FunctionState": version["state"]}

    def _op_get_function_scaling_config(self, state, params):
        name, qualifier = _function_name(params["FunctionName"]), params["Qualifier"]
        version = self._version(state, name, qualifier)
        applied = {"MinExecutionEnvironments": version["min"]}
        if "MaxExecutionEnvironments" in version.get("requested", {}):
            applied["MaxExecutionEnvironments"] = version["requested"]["MaxExecutionEnvironments"]
        return 200, {"FunctionArn": f"arn:aws:lambda:{self.region}:{self.account}:function:{name}:{qualifier}",
                     "AppliedFunctionScalingConfig": applied,
                     "RequestedFunctionScalingConfig": version.get("requested", {})}

    # --- functions on a capacity provider ---------------------------------------------------------------------
    def _overlay(self, state, config: dict[str, Any], *, read: bool) -> dict[str, Any]:
        """moto's FunctionConfiguration with what LMI changes: the state, and the capacity provider config."""
        fn = state["functions"].get(config.get("FunctionName", ""))
        if fn is None:
            return config
        qualifier = config.get("Version") or "$LATEST"
        config = {**config, "CapacityProviderConfig": copy.deepcopy(fn["config"])}
        if qualifier == "$LATEST":
            latest = fn["latest"]
            if read and latest["state"] == "Pending":
                latest["reads"] += 1
                fault = state["faults"].pop("function", None)
                if fault:
                    latest.update(state="Failed", code=fault["code"], reason=fault["reason"])
                elif latest["reads"] > state["settings"]["latest_reads"]:
                    latest.update(state="ActiveNonInvocable", code=None, reason=None)
            config["State"] = latest["state"]
            self._reason(config, latest)
            return config
        version = fn["versions"].get(qualifier)
        if version is None:
            return config
        if read and version["state"] == "Pending":
            fault = state["faults"].pop("version", None)
            if fault:
                version.update(state="Failed", code=fault["code"], reason=fault["reason"])
            else:
                version["ees"] = min(version["min"], version["ees"] + state["settings"]["ees_per_read"])
                if version["ees"] >= version["min"]:
                    version.update(state="Active", code=None, reason=None)
        config["State"] = version["state"]
        self._reason(config, version)
        return config

    @staticmethod
    def _reason(config: dict[str, Any], record: dict[str, Any]) -> None:
        for key in ("StateReasonCode", "StateReason"):
            config.pop(key, None)
        if record.get("code"):
            config["StateReasonCode"] = record["code"]
            config["StateReason"] = record.get("reason") or record["code"]

    def _op_create_function(self, state, params):
        wanted = (params.get("CapacityProviderConfig") or {}).get("LambdaManagedInstancesCapacityProviderConfig")
        if not wanted:
            return self._forward("CreateFunction", params)
        provider = self._provider(state, wanted["CapacityProviderArn"])["CapacityProvider"]
        if provider["State"] in ("Failed", "Deleting"):
            raise _invalid(f"Capacity provider {provider['CapacityProviderArn']} is {provider['State']}")
        function_arch = (params.get("Architectures") or ["x86_64"])[0]
        provider_arch = (provider["InstanceRequirements"].get("Architectures") or ["x86_64"])[0]
        if function_arch != provider_arch:
            raise _invalid(f"The function's architecture {function_arch} does not match the capacity provider's "
                           f"architecture {provider_arch}")
        sent = {k: v for k, v in params.items() if k != "CapacityProviderConfig"}
        status, answer = self._forward("CreateFunction", sent)
        state["functions"][params["FunctionName"]] = {
            "arn": provider["CapacityProviderArn"], "config": params["CapacityProviderConfig"],
            "latest": {"state": "Pending", "reads": 0, "code": "Creating", "reason": "The function is being created."},
            "versions": {}}
        return status, self._overlay(state, _jsonable(answer), read=False)

    def _op_update_function_configuration(self, state, params):
        wanted = (params.get("CapacityProviderConfig") or {}).get("LambdaManagedInstancesCapacityProviderConfig")
        name = _function_name(params["FunctionName"])
        fn = state["functions"].get(name)
        if wanted and fn is None:
            raise _invalid(f"Function {name} was created without a capacity provider: CapacityProviderConfig "
                           "cannot be added to it; create a new function on the capacity provider")
        if wanted:
            provider = self._provider(state, wanted["CapacityProviderArn"])["CapacityProvider"]
            fn.update(arn=provider["CapacityProviderArn"], config=params["CapacityProviderConfig"])
        sent = {k: v for k, v in params.items() if k != "CapacityProviderConfig"}
        status, answer = self._forward("UpdateFunctionConfiguration", sent)
        return status, self._overlay(state, _jsonable(answer), read=False)

    def _op_get_function_configuration(self, state, params):
        name = _function_name(params["FunctionName"])
        if params.get("Qualifier") == LATEST_PUBLISHED:
            return 200, self._latest_published(state, name, read=True)
        status, answer = self._forward("GetFunctionConfiguration", params)
        return status, self._overlay(state, _jsonable(answer), read=True)

    def _op_get_function(self, state, params):
        name = _function_name(params["FunctionName"])
        if params.get("Qualifier") == LATEST_PUBLISHED:
            status, answer = self._forward("GetFunction", {"FunctionName": name})
            answer = _jsonable(answer)
            answer["Configuration"] = self._latest_published(state, name, read=True)
            return status, answer
        status, answer = self._forward("GetFunction", params)
        answer = _jsonable(answer)
        if "Configuration" in answer:
            answer["Configuration"] = self._overlay(state, answer["Configuration"], read=True)
        return status, answer

    def _latest_published(self, state, name: str, *, read: bool) -> dict[str, Any]:
        fn = state["functions"].get(name)
        if fn is None or LATEST_PUBLISHED not in fn["versions"]:
            raise _not_found(f"Function {name}:{LATEST_PUBLISHED}")
        _, base = self._forward("GetFunctionConfiguration", {"FunctionName": name})
        base = _jsonable(base)
        base.update(Version=LATEST_PUBLISHED, FunctionArn=f"{base['FunctionArn'].split(':$')[0]}:{LATEST_PUBLISHED}")
        return self._overlay(state, base, read=read)

    def _op_publish_version(self, state, params):
        name = _function_name(params["FunctionName"])
        fn = state["functions"].get(name)
        if fn is None:
            return self._forward("PublishVersion", params)
        if fn["latest"]["state"] == "Pending":
            raise _conflict(f"The operation cannot be performed at this time. The function {name} is currently in "
                            "the following state: Pending")
        if params.get("PublishTo") == "LATEST_PUBLISHED":
            fn["versions"][LATEST_PUBLISHED] = {"state": "Pending", "ees": 0, "min": DEFAULT_MIN_EES,
                                                "description": params.get("Description", "")}
            return 201, self._latest_published(state, name, read=False)
        status, answer = self._forward("PublishVersion", {k: v for k, v in params.items() if k != "PublishTo"})
        fn["versions"][answer["Version"]] = {"state": "Pending", "ees": 0, "min": DEFAULT_MIN_EES}
        return status, self._overlay(state, _jsonable(answer), read=False)

    def _op_list_versions_by_function(self, state, params):
        status, answer = self._forward("ListVersionsByFunction", params)
        answer = _jsonable(answer)
        answer["Versions"] = [self._overlay(state, v, read=False) for v in answer.get("Versions", [])]
        fn = state["functions"].get(_function_name(params["FunctionName"]))
        if fn and LATEST_PUBLISHED in fn["versions"] and not answer.get("NextMarker"):
            answer["Versions"].append(self._latest_published(state, _function_name(params["FunctionName"]),
                                                             read=False))
        return status, answer

    def _op_delete_function(self, state, params):
        name, qualifier = _function_name(params["FunctionName"]), params.get("Qualifier")
        fn = state["functions"].get(name)
        if qualifier == LATEST_PUBLISHED:
            if fn is None or LATEST_PUBLISHED not in fn["versions"]:
                raise _not_found(f"Function {name}:{LATEST_PUBLISHED}")
            del fn["versions"][LATEST_PUBLISHED]
            return 204, {}
        status, answer = self._forward("DeleteFunction", params)
        if fn is not None:
            if qualifier:
                fn["versions"].pop(qualifier, None)
            else:
                del state["functions"][name]
        return status, answer


class CallJournal:
    """Every call a set of boto3 clients is asked to make, checked with botocore's ``validate_parameters`` against
    the operation's input shape, one JSON line per call in ``path`` (appended, so several processes — a run killed
    with SIGKILL and the one that resumes it — write one journal)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def attach(self, client) -> None:
        client.meta.events.register("before-parameter-build.*.*", self._record, unique_id=f"journal-{self.path}")

    def _record(self, params, model, **_) -> None:
        try:
            validate_parameters(params, model.input_shape)
            valid = True
        except ParamValidationError:
            valid = False
        line = json.dumps({"service": model.service_model.service_name, "operation": model.name, "valid": valid,
                           "pid": os.getpid()})
        with open(self.path, "a") as journal:
            journal.write(line + "\n")

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line.strip()]


__all__ = ["ACCOUNT", "LMI_OPERATIONS", "REGION", "Call", "CallJournal", "LmiFake"]
