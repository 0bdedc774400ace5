"""Lambda functions as the workbench needs them: list a Region's functions (paginated, filtered) and read one.

``ListFunctions`` already returns each function's configuration (runtime, memory, architecture, timeout, VPC,
layers, ephemeral storage), so a fleet needs one call per 50 functions and no per-function reads.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, field
from typing import Any

from workbench.aws.session import AwsSession, Progress, check_cancelled, report

LIST_PAGE_SIZE = 50  # ListFunctions MaxItems upper bound
INSIGHTS_LAYER_NAME = "LambdaInsightsExtension"  # ARM64 builds are "LambdaInsightsExtension-Arm64"


@dataclass(frozen=True)
class FunctionInfo:
    """One function's configuration, from ListFunctions or GetFunctionConfiguration."""

    name: str
    arn: str
    region: str
    runtime: str | None
    memory_mb: int | None
    architecture: str
    timeout_s: int | None
    ephemeral_storage_mb: int
    package_type: str
    subnet_ids: tuple[str, ...] = ()
    security_group_ids: tuple[str, ...] = ()
    vpc_id: str | None = None
    layers: tuple[str, ...] = ()
    last_modified: str | None = None
    capacity_provider_arn: str | None = None  # already on Lambda Managed Instances

    @property
    def in_vpc(self) -> bool:
        return bool(self.subnet_ids)

    @property
    def lambda_insights(self) -> bool:
        """A LambdaInsightsExtension layer means Lambda Insights metrics are (or should be) published."""
        return any(_layer_name(arn).startswith(INSIGHTS_LAYER_NAME) for arn in self.layers)

    @property
    def account_id(self) -> str | None:
        parts = self.arn.split(":")
        return parts[4] if len(parts) > 4 and parts[4] else None

    @classmethod
    def from_api(cls, config: dict[str, Any], region: str) -> "FunctionInfo":
        vpc = config.get("VpcConfig") or {}
        arch = (config.get("Architectures") or ["x86_64"])[0]
        storage = (config.get("EphemeralStorage") or {}).get("Size") or 512
        cp = ((config.get("CapacityProviderConfig") or {})
              .get("LambdaManagedInstancesCapacityProviderConfig") or {}).get("CapacityProviderArn")
        return cls(
            name=config["FunctionName"], arn=config.get("FunctionArn") or "", region=region,
            runtime=config.get("Runtime") or None, memory_mb=config.get("MemorySize"), architecture=arch,
            timeout_s=config.get("Timeout"), ephemeral_storage_mb=int(storage),
            package_type=config.get("PackageType") or "Zip",
            subnet_ids=tuple(vpc.get("SubnetIds") or ()), security_group_ids=tuple(vpc.get("SecurityGroupIds") or ()),
            vpc_id=vpc.get("VpcId") or None,
            layers=tuple(layer.get("Arn", "") for layer in config.get("Layers") or ()),
            last_modified=config.get("LastModified"), capacity_provider_arn=cp,
        )


def _layer_name(arn: str) -> str:
    # arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:53
    parts = arn.split(":")
    return parts[6] if len(parts) > 6 else arn


def matches(name: str, pattern: str) -> bool:
    """The list filter (`/` in the pane): case-insensitive substring, or a glob when it has * ? or [."""
    pattern = pattern.strip().lower()
    if not pattern:
        return True
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(name.lower(), pattern)
    return pattern in name.lower()


@dataclass
class FunctionList:
    region: str
    functions: list[FunctionInfo] = field(default_factory=list)
    seen: int = 0  # functions in the Region before the filter

    @property
    def empty_account(self) -> bool:
        return self.seen == 0


def list_functions(session: AwsSession, region: str | None = None, *, name_filter: str = "",
                   on_progress: Progress | None = None, cancel: threading.Event | None = None) -> FunctionList:
    """Every function of ``region`` whose name matches ``name_filter``, sorted by name.

    One ListFunctions call per 50 functions; ``on_progress(n, 0, message)`` after each page (the total is not
    known until the last page), ``cancel`` checked before each page. AwsProblem on failure.
    """
    name = session.resolve_region(region)
    found = FunctionList(region=name)
    report(on_progress, 0, 0, f"{name}: listing Lambda functions…")
    for page in session.pages("lambda", "ListFunctions", region=name, cancel=cancel, page_size=LIST_PAGE_SIZE):
        for config in page.get("Functions") or ():
            found.seen += 1
            if matches(config.get("FunctionName", ""), name_filter):
                found.functions.append(FunctionInfo.from_api(config, name))
        report(on_progress, found.seen, 0, f"{name}: {found.seen:,} functions listed")
    check_cancelled(cancel)
    found.functions.sort(key=lambda f: f.name)
    shown = f"{len(found.functions):,} of {found.seen:,} match {name_filter!r}" if name_filter else \
        f"{found.seen:,} functions"
    report(on_progress, found.seen, found.seen, f"{name}: {shown}")
    return found


def read_function(session: AwsSession, function: str, region: str | None = None) -> FunctionInfo:
    """One function's configuration (name or ARN) with GetFunctionConfiguration; AwsProblem if it is missing."""
    name = session.resolve_region(region or _arn_region(function))
    config = session.call("lambda", "GetFunctionConfiguration", region=name, FunctionName=function)
    return FunctionInfo.from_api(config, name)


def _arn_region(function: str) -> str | None:
    parts = function.split(":")
    return parts[3] if function.startswith("arn:") and len(parts) > 3 else None
