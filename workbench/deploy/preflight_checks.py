"""What every pre-flight check is made of: the check titles, the planned names, the read-only reader, and how a
check is built (including "unknown" from an AWS problem).

The checks themselves: :mod:`~workbench.deploy.preflight_offline` (no account needed),
:mod:`~workbench.deploy.preflight_network`, :mod:`~workbench.deploy.preflight_roles`,
:mod:`~workbench.deploy.preflight_resources`; the whole run and its report: :mod:`workbench.deploy.preflight`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.aws.errors import (
    NOT_FOUND_CODES,
    AwsProblem,
    Cancelled,
    ProblemKind,
    iam_action,
)
from workbench.aws.session import check_cancelled
from workbench.iac.model import IacInputError, build_model
from workbench.iac.options import IacOptions
from workbench.models import LmiConfiguration, Workload
from workbench.models.preflight import CheckStatus, PreflightCheck

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession

PASS, WARN, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL, CheckStatus.UNKNOWN
READ_ONLY_PREFIXES = ("Describe", "Get", "List")

TITLES = {
    "region": "Lambda Managed Instances is available in the Region",
    "runtime": "The runtime is supported",
    "subnets": "The subnets exist, in one VPC",
    "availability-zones": "The subnets span 3 or more Availability Zones",
    "free-ips": "The subnets have free IP addresses for the instances",
    "security-groups": "Security groups: HTTPS egress, no ingress",
    "logs-egress": "The instances can reach CloudWatch Logs",
    "vpc-endpoints": "Other VPC endpoints (information)",
    "architecture": "Function and capacity provider architectures match",
    "execution-role": "The function's execution role",
    "operator-role": "The capacity provider's operator role",
    "vcpu-quota": "EC2 On-Demand vCPU quota (information)",
}


# --- what is planned --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Planned:
    """The names and network the deployment will use, as the infrastructure model names them."""

    function_name: str
    capacity_provider_name: str
    execution_role_name: str
    operator_role_name: str
    subnet_ids: tuple[str, ...]
    security_group_ids: tuple[str, ...]
    create_vpc: bool
    vpc_cidr: str


def planned(workload: Workload, config: LmiConfiguration, options: IacOptions) -> Planned:
    """The planned names: from :func:`workbench.iac.model.build_model` when the inputs are valid, else by the same
    rules (so the checks still run on inputs the generators refuse, e.g. an unsupported runtime)."""
    try:
        model = build_model(workload, config, options)
    except IacInputError:
        name = options.function_name or workload.function_name
        return Planned(name, options.capacity_provider_name or config.capacity_provider_name or f"{name}-capacity",
                       f"{name[:40]}-execution", f"{name[:40]}-cp-operator",
                       options.subnet_ids or tuple(workload.subnet_ids),
                       options.security_group_ids or tuple(workload.security_group_ids), options.create_vpc,
                       options.vpc_cidr)
    net = model.network
    return Planned(model.function.name, model.capacity_provider.name, model.execution_role.name,
                   model.operator_role.name, options.subnet_ids or tuple(workload.subnet_ids),
                   options.security_group_ids or tuple(workload.security_group_ids), net.create, net.vpc_cidr)


# --- building checks --------------------------------------------------------------------------------------------
def new_check(check_id: str, status: CheckStatus, found: Iterable[str], fix: str = "") -> PreflightCheck:
    return PreflightCheck(id=check_id, title=TITLES[check_id], status=status, found=list(found), fix=fix)


def unknown_check(check_id: str, problem: AwsProblem, found: Iterable[str] = ()) -> PreflightCheck:
    if problem.kind is ProblemKind.DENIED:
        fix = f"Grant the read-only permission {problem.action} and run the pre-flight again, or check this by hand."
    elif problem.kind is ProblemKind.THROTTLED:
        fix = "Run the pre-flight again in a minute."
    else:
        fix = "Run the pre-flight again; if it keeps failing, check this by hand."
    return PreflightCheck(id=check_id, title=TITLES[check_id], status=UNKNOWN, found=list(found), fix=fix,
                          problem=said(problem), action=problem.action)


def said(problem: AwsProblem) -> str:
    """The problem's message; for an answer without an AWS error code (a bare HTTP status, e.g. an HTML 404 page
    from an endpoint that does not know the operation) a sentence instead of the page."""
    if problem.kind is ProblemKind.NOT_AWS:
        return problem.message  # already a sentence about the endpoint (workbench.aws.edge / errors)
    if problem.code and problem.code.isdigit():
        return (f"{problem.action} answered HTTP {problem.code} without an AWS error code: this endpoint does not "
                "seem to support the operation (an emulator or an older endpoint), so it could not be checked")
    return problem.message


def answered_by_aws(problem: AwsProblem) -> bool:
    """True when the problem is AWS's own error answer (a client error carries its HTTP attempts), not a call
    that was never sent, never answered, or answered by something that is not AWS."""
    return problem.attempts is not None and problem.kind is not ProblemKind.NOT_AWS


def worst_of(statuses: Iterable[CheckStatus]) -> CheckStatus:
    return max(statuses, key=lambda s: s.severity, default=PASS)


def is_absent(problem: AwsProblem) -> bool:
    """True when AWS said the resource does not exist (an AWS error code, not a bare 404 from an emulator or a
    proxy that does not know the operation: that is "could not check", not "does not exist")."""
    return problem.kind is ProblemKind.NOT_FOUND and problem.code in NOT_FOUND_CODES


def unless_cancelled(problem: AwsProblem) -> AwsProblem:
    """The problem, unless it is the user's cancel: that stops the whole pre-flight."""
    if isinstance(problem, Cancelled):
        raise problem
    return problem


# --- the account ------------------------------------------------------------------------------------------------
class Reader:
    """Read-only calls through the AwsSession: refuses any operation that is not Describe*/Get*/List*, checks
    for cancellation between calls, and records every call AWS answered (an error answer from AWS counts; a call
    that never got an answer, or got one that was not AWS's, does not)."""

    def __init__(self, session: AwsSession, region: str, cancel: threading.Event | None) -> None:
        self.session, self.region, self.cancel = session, region, cancel
        self.operations: list[str] = []

    def _check(self, service: str, operation: str) -> None:
        if not operation.startswith(READ_ONLY_PREFIXES):
            raise ValueError(f"the pre-flight is read-only: it may not call {service} {operation}")
        check_cancelled(self.cancel)

    @contextmanager
    def _counted(self, service: str, operation: str) -> Iterator[None]:
        self._check(service, operation)
        try:
            yield
        except AwsProblem as problem:
            if answered_by_aws(problem):
                self.operations.append(iam_action(service, operation))
            raise
        self.operations.append(iam_action(service, operation))

    def call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        with self._counted(service, operation):
            return self.session.call(service, operation, region=self.region, **params)

    def items(self, service: str, operation: str, key: str, **params: Any) -> list[Any]:
        out: list[Any] = []
        with self._counted(service, operation):
            for page in self.session.pages(service, operation, region=self.region, cancel=self.cancel, **params):
                out += page.get(key) or []
        return out


__all__ = ["FAIL", "PASS", "READ_ONLY_PREFIXES", "TITLES", "UNKNOWN", "WARN", "Planned", "Reader", "is_absent",
           "new_check", "planned", "said", "unknown_check", "unless_cancelled", "worst_of"]
