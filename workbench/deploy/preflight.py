"""Pre-flight checks before a deployment to Lambda Managed Instances: read-only, against the account.

:func:`~workbench.deploy.preflight_offline.check_offline` needs no account (Region, runtime, the planned
architectures and subnet count); :func:`run_preflight` adds what only the account can tell: the subnets (exist,
one VPC, 3+ Availability Zones, free IP addresses), the security groups (HTTPS egress, no ingress), a way to
CloudWatch Logs (a NAT gateway or an interface endpoint) — :mod:`~workbench.deploy.preflight_network`; the
architecture of a function or capacity provider that already exists and optionally the EC2 vCPU quota —
:mod:`~workbench.deploy.preflight_resources`; the two IAM roles — :mod:`~workbench.deploy.preflight_roles`.
What a check is made of (titles, the read-only reader, "unknown"): :mod:`~workbench.deploy.preflight_checks`.

Every call is a Describe*, Get* or List* call (the reader refuses anything else). A failed call (access denied,
throttling) makes only the checks that needed it "unknown", with the workbench's wording of the AWS error; the
other checks still run. Facts: lmi-facts.md "Step 5", "Troubleshooting", "Error scenarios", "Limits".
This module runs them all and writes the report (text, JSON-able data, the session's store).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from workbench.aws.errors import AwsProblem
from workbench.deploy.preflight_checks import (
    FAIL,
    PASS,
    TITLES,
    UNKNOWN,
    WARN,
    Reader,
    planned,
    unknown_check,
)
from workbench.deploy.preflight_network import network_checks
from workbench.deploy.preflight_offline import check_offline
from workbench.deploy.preflight_resources import architecture_check, quota_check
from workbench.deploy.preflight_roles import role_check
from workbench.iac.options import IacOptions
from workbench.models import LmiConfiguration, Workload
from workbench.models.preflight import PreflightCheck, PreflightReport

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.store import Store, Stored


# --- the whole pre-flight -----------------------------------------------------------------------------------------
def run_preflight(session: AwsSession, workload: Workload, config: LmiConfiguration,
                  options: IacOptions | None = None, *, region: str | None = None,
                  cancel: threading.Event | None = None, quotas: bool = True) -> PreflightReport:
    """Every pre-flight check for deploying ``workload`` with ``config`` to ``region`` (default: the workload's,
    then the session's). Read-only; an AWS failure leaves only the affected checks "unknown". Raises
    :class:`~workbench.aws.errors.Cancelled` if ``cancel`` is set."""
    options = options or IacOptions()
    target = region or workload.region or session.region
    offline = {c.id: c for c in check_offline(workload, config, options, target)}
    plan = planned(workload, config, options)
    report = PreflightReport(workload_id=workload.id, region=target, function_name=plan.function_name,
                             capacity_provider_name=plan.capacity_provider_name)
    account_ids = [i for i in TITLES if i not in offline and (quotas or i != "vcpu-quota")]
    try:
        resolved = session.resolve_region(target)
    except AwsProblem as problem:
        checks = [unknown_check(c.id, problem, c.found) if c.status is UNKNOWN else c for c in offline.values()]
        checks += [unknown_check(i, problem) for i in account_ids]
        return report.model_copy(update={"checks": _ordered(checks)})
    reader = Reader(session, resolved, cancel)
    checks = [offline["region"], offline["runtime"], *network_checks(reader, plan, config, options),
              architecture_check(reader, workload, config, options, plan),
              role_check(reader, "execution-role", plan.execution_role_name, operator=False),
              role_check(reader, "operator-role", plan.operator_role_name, operator=True)]
    if quotas:
        checks.append(quota_check(reader, config))
    return report.model_copy(update={"region": resolved, "checks": _ordered(checks), "account_checked": True,
                                     "operations": reader.operations})


def offline_report(workload: Workload, config: LmiConfiguration, options: IacOptions | None = None,
                   region: str | None = None) -> PreflightReport:
    """A report of the offline checks alone (no AWS account: ``--offline``)."""
    options = options or IacOptions()
    plan = planned(workload, config, options)
    return PreflightReport(workload_id=workload.id, region=region or workload.region,
                           function_name=plan.function_name, capacity_provider_name=plan.capacity_provider_name,
                           checks=check_offline(workload, config, options, region))


def _ordered(checks: list[PreflightCheck]) -> list[PreflightCheck]:
    order = list(TITLES)
    return sorted(checks, key=lambda c: order.index(c.id))


# --- output -------------------------------------------------------------------------------------------------------
_TAGS = {PASS: "PASS", WARN: "WARN", FAIL: "FAIL", UNKNOWN: "UNKNOWN"}


def preflight_text(report: PreflightReport) -> str:
    """The report as plain text for the terminal: one block per check, the fix under what was found."""
    counts = ", ".join(f"{n} {status}" for status, n in report.counts().items() if n)
    lines = [f"Pre-flight for {report.function_name} (capacity provider {report.capacity_provider_name}) in "
             f"{report.region or 'no Region'}: {report.status.value.upper()} ({counts})", ""]
    pad = " " * 10
    first_said: dict[str, str] = {}  # a problem shared by several checks (one failed call) is written out once
    for check in report.checks:
        lines.append(f"[{_TAGS[check.status]:<7}] {check.id}: {check.title}")
        lines += [pad + line for line in check.found]
        if check.problem and not any(check.problem in line for line in check.found):
            earlier = first_said.setdefault(check.problem, check.id)
            lines.append(f"{pad}AWS: {check.problem}" if earlier == check.id else
                         f"{pad}AWS: the same problem as {earlier}")
        if check.fix:
            lines.append(f"{pad}{'note' if check.status is PASS else 'fix'}: {check.fix}")
    lines.append("")
    if report.account_checked:
        calls = ", ".join(dict.fromkeys(report.operations))
        lines.append(f"AWS calls answered: {len(report.operations)}, all read-only ({calls})." if report.operations
                     else "No AWS call was answered: nothing in the account could be checked.")
    else:
        lines.append("The account was not checked: only the checks that need no AWS access ran.")
    return "\n".join(lines) + "\n"


def preflight_dict(report: PreflightReport) -> dict[str, Any]:
    """The report as JSON-able data (``--format json``): the overall status and counts first."""
    return {"status": report.status.value, "counts": report.counts(), **report.model_dump(mode="json")}


def save_preflight(store: Store, report: PreflightReport) -> Stored[PreflightReport]:
    """Keep the latest report in the session's store: the newest run replaces the last one, compare-and-set on the
    version read just before (a partner's report saved in between raises StoreConflict rather than vanishing)."""
    counts = report.counts()
    summary = (f"pre-flight {report.status.value}: {counts['fail']} fail, {counts['warn']} warn, "
               f"{counts['unknown']} unknown")
    current = store.get(PreflightReport, report.id)
    return store.put(report, expected_version=current.version if current else None, summary=summary)


__all__ = ["offline_report", "preflight_dict", "preflight_text", "run_preflight", "save_preflight"]
