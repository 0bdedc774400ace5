"""The deployment plan: the exact AWS calls, shown before they run, and how each went."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from workbench.models._base import Doc, Part, UtcDateTime, utc_now


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class DeployFormat(StrEnum):
    CDK_TYPESCRIPT = "cdk-typescript"
    CDK_PYTHON = "cdk-python"
    CDK_JAVASCRIPT = "cdk-javascript"
    SAM = "sam"
    CLOUDFORMATION = "cloudformation"
    TERRAFORM = "terraform"
    CLI_SCRIPT = "cli-script"
    API = "api"  # the workbench makes the calls itself


class DeployMode(StrEnum):
    PLAN_ONLY = "plan-only"
    APPLY = "apply"


class PlanType(StrEnum):
    APPLY = "apply"      # creates the deployment
    CLEANUP = "cleanup"  # removes what an applied plan created


class StepKind(StrEnum):
    CALL = "call"  # one API call
    WAIT = "wait"  # a read-only call repeated until a state is reached (or the resource is gone)


class WaitSpec(Part):
    """How a wait step polls: which field of the answer to watch, and which values end the wait."""

    state_path: str = Field(min_length=1, max_length=200,
                            description="Dotted path to the state in the answer, e.g. CapacityProvider.State")
    success: list[str] = Field(default_factory=list, description="States that end the wait successfully")
    failure: list[str] = Field(default_factory=list, description="States that end the wait as a failure")
    until_gone: bool = Field(default=False, description="Succeed when the resource no longer exists")
    reason_path: str | None = Field(default=None, max_length=200,
                                    description="Dotted path to a reason code, e.g. StateReasonCode")
    delay_s: float = Field(default=10.0, ge=0, le=600, description="Seconds between polls")
    max_attempts: int = Field(default=90, ge=1, le=10_000, description="Polls before the wait gives up")


class DeploymentStep(Part):
    """One AWS API call in the plan."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description="Step id, e.g. create-capacity-provider")
    title: str = Field(min_length=1, max_length=200, description="What the step does, in words")
    service: str = Field(pattern=r"^[a-z0-9-]{2,40}$", description="AWS service, e.g. lambda, iam, ec2")
    operation: str = Field(pattern=r"^[A-Z][A-Za-z0-9]{1,80}$",
                           description="API operation, e.g. CreateCapacityProvider")
    parameters: dict[str, Any] = Field(default_factory=dict, description="The request parameters, exactly as sent")
    status: StepStatus = Field(default=StepStatus.PENDING, description="pending, running, done, failed or skipped")
    outcome: str | None = Field(default=None, max_length=2000, description="What happened (ARN, error message…)")
    state_reason_code: str | None = Field(default=None, max_length=100,
                                          description="Lambda StateReasonCode, e.g. VcpuLimitExceeded")
    started_at: UtcDateTime | None = Field(default=None, description="When the call started (UTC)")
    finished_at: UtcDateTime | None = Field(default=None, description="When it finished (UTC)")
    kind: StepKind = Field(default=StepKind.CALL, description="call: one API call; wait: poll until a state")
    wait: WaitSpec | None = Field(default=None, description="For a wait step: what to poll for")
    resource_type: str | None = Field(default=None, max_length=60,
                                      description="What the step creates, changes or deletes, e.g. iam-role")
    resource_name: str | None = Field(default=None, max_length=300, description="Its name (may be a reference)")
    sent: dict[str, Any] | None = Field(default=None,
                                        description="The parameters as last sent, references resolved")
    outputs: dict[str, Any] = Field(default_factory=dict,
                                    description="The answer recorded for later steps' ${step:...} references")
    adopted: bool = Field(default=False, description="The resource already existed and was recognised as this "
                                                     "deployment's, so it was adopted instead of created")
    explanation: str | None = Field(default=None, max_length=2000,
                                    description="Why the step failed and what to do, in plain words")

    @field_validator("parameters", "sent", "outputs")
    @classmethod
    def _json(cls, value: dict[str, Any] | None, info) -> dict[str, Any] | None:
        try:
            json.dumps(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{info.field_name} must be JSON-serialisable ({exc})") from None
        return value

    @model_validator(mode="after")
    def _times(self) -> "DeploymentStep":
        if self.finished_at is not None and self.started_at is None:
            raise ValueError(f"step {self.id}: finished_at is set but started_at is not")
        if self.finished_at and self.started_at and self.finished_at < self.started_at:
            raise ValueError(f"step {self.id}: finished_at must not be before started_at")
        if self.status is StepStatus.RUNNING and self.started_at is None:
            raise ValueError(f"step {self.id}: status running needs started_at")
        if (self.kind is StepKind.WAIT) != (self.wait is not None):
            raise ValueError(f"step {self.id}: a wait step needs a wait spec, and only a wait step has one")
        return self

    @property
    def boto3_method(self) -> str:
        """The boto3 client method for ``operation``: CreateCapacityProvider → create_capacity_provider."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation).lower()


class RuntimeUpgrade(Part):
    """A runtime upgrade the user chose for the deployment (the function's runtime is not supported by LMI as it is).

    Recorded in the plan with who chose it; the plan's confirmation (its digest covers CreateFunction's Runtime)
    confirms it too."""

    from_runtime: str = Field(min_length=1, max_length=30, description="The function's runtime today (python3.12)")
    to_runtime: str = Field(min_length=1, max_length=30, description="The runtime the plan deploys (python3.13)")
    chosen_by: str = Field(min_length=1, max_length=200, description="Who chose the upgrade (--upgrade-runtime)")


class DeploymentPlan(Doc):
    """The ordered calls that deploy the LMI configuration, and who confirmed them."""

    KIND: ClassVar[str] = "deploy-plan"
    # A plan being run is a state machine: a runner holding a stale copy must stop (StoreConflict), not merge.
    MERGE_BY_FIELD: ClassVar[bool] = False

    lmi_config_version: int | None = Field(default=None, description="Store version of the LmiConfiguration used")
    region: str | None = Field(default=None, description="Region the plan targets")
    format: DeployFormat = Field(default=DeployFormat.API, description="How the plan is delivered")
    mode: DeployMode = Field(default=DeployMode.PLAN_ONLY,
                             description="plan-only: show the calls; apply: make them after confirmation")
    steps: list[DeploymentStep] = Field(default_factory=list, description="The calls, in order")
    confirmed_by: str | None = Field(default=None, max_length=200, description="Who confirmed the apply")
    confirmed_at: UtcDateTime | None = Field(default=None, description="When they confirmed (UTC)")
    confirmed_as: str | None = Field(default=None, max_length=600,
                                     description="The AWS identity shown when they confirmed: caller ARN, account "
                                                 "and Region (STS GetCallerIdentity)")
    created_at: UtcDateTime = Field(default_factory=utc_now, description="When the plan was made (UTC)")
    plan_type: PlanType = Field(default=PlanType.APPLY,
                                description="apply: create the deployment; cleanup: remove what it created")
    deployment_id: str | None = Field(default=None, pattern=r"^[a-z0-9-]{1,64}$",
                                      description="Tag value that marks the resources this deployment created")
    source_plan_id: str | None = Field(default=None, max_length=200,
                                       description="For a cleanup plan: the id of the applied plan it undoes")
    account_id: str | None = Field(default=None, pattern=r"^\d{12}$",
                                   description="AWS account the plan targets (blank = looked up when applied)")
    notes: list[str] = Field(default_factory=list, description="What the plan decided and why, what it leaves out")
    runtime_upgrade: RuntimeUpgrade | None = Field(
        default=None, description="The runtime upgrade the user chose explicitly, when the function's own runtime is "
                                  "not supported by Lambda Managed Instances")
    confirmed_digest: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$",
                                         description="SHA-256 of the calls as confirmed: a plan changed after its "
                                                     "confirmation is not applied")

    @model_validator(mode="after")
    def _checks(self) -> "DeploymentPlan":
        ids = [s.id for s in self.steps]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"steps must have unique ids (repeated: {', '.join(dupes)})")
        if (self.confirmed_by is None) != (self.confirmed_at is None):
            raise ValueError("confirmed_by and confirmed_at must be set together")
        started = [s.id for s in self.steps if s.status in (StepStatus.RUNNING, StepStatus.DONE, StepStatus.FAILED)]
        if started and self.mode is DeployMode.PLAN_ONLY:
            raise ValueError(f"mode is plan-only but steps have run: {', '.join(started)}")
        if started and self.confirmed_by is None:
            raise ValueError(f"steps ran without confirmation (confirmed_by is empty): {', '.join(started)}")
        return self

    @property
    def confirmed(self) -> bool:
        return self.confirmed_by is not None

    def step(self, step_id: str) -> DeploymentStep:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    @property
    def next_step(self) -> DeploymentStep | None:
        return next((s for s in self.steps if s.status is StepStatus.PENDING), None)
