"""Why a deployment step failed and what to do about it, in plain words.

Three kinds of failure reach a person: a state Lambda reports (a capacity provider in state ``Failed``, a function
or version ``Failed`` with a ``StateReasonCode``), an AWS error answer (an :class:`AwsProblem`: access denied,
a quota, a conflict), and a wait that ran out of patience. Each becomes an :class:`Explanation`: what happened
and the fix, taken from the troubleshooting guidance (lmi-facts.md "Troubleshooting", aws-facts.md §4).
Pure functions: nothing here calls AWS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.aws.errors import AwsProblem, ProblemKind


@dataclass(frozen=True)
class Explanation:
    """What went wrong (``summary``) and what to do (``fix``); ``code`` is the AWS code behind it, if any."""

    summary: str
    fix: str
    code: str | None = None

    def __str__(self) -> str:
        return f"{self.summary} Fix: {self.fix}"[:2000]


RESUME = "then apply again: finished steps are not repeated, and an unfinished one is checked before it is re-sent."

# StateReasonCode → (what it means, what to do). The LMI codes are those botocore 1.44.8 lists; the network and
# role codes are Lambda's long-standing ones, which an LMI function reports the same way.
STATE_REASONS: dict[str, tuple[str, str]] = {
    "VcpuLimitExceeded": (
        ("Lambda could not launch the instances it needs: they would take more vCPUs than the account's EC2 "
         "On-Demand vCPU quota allows in this Region."),
        ("ask for a higher EC2 On-Demand vCPU quota (Service Quotas), or need fewer vCPUs: lower "
         "MinExecutionEnvironments or the memory (and so the vCPUs) per execution environment; ") + RESUME),
    "CapacityProviderScalingLimitExceeded": (
        ("The capacity provider reached its MaxVCpuCount ceiling, so it cannot add the instances this version "
         "needs."),
        "raise MaxVCpuCount on the capacity provider (UpdateCapacityProvider), or lower MinExecutionEnvironments "
        "or the memory per execution environment of the versions on it; " + RESUME),
    "InsufficientCapacity": (
        "EC2 has no spare capacity right now for the allowed instance types in the subnets' Availability Zones.",
        "allow more instance types (or remove AllowedInstanceTypes: a narrow list lowers availability), add "
        "subnets in other Availability Zones, or try again later; " + RESUME),
    "EC2RequestLimitExceeded": (
        "EC2 throttled the instance launches: too many EC2 API requests in this account and Region.",
        "wait a few minutes and " + RESUME + " Avoid creating several capacity providers at the same time."),
    "IncompatibleAcceleratorInstanceTypes": (
        "The function asks for accelerators that none of the capacity provider's allowed instance types have.",
        "make AcceleratorConfig and the capacity provider's AllowedInstanceTypes agree, or remove "
        "AcceleratorConfig; " + RESUME),
    "SubnetOutOfIPAddresses": (
        "The subnets have no free IP addresses left for the instances' network interfaces.",
        "free addresses in the subnets or use larger or more subnets; " + RESUME),
    "InvalidSubnet": (
        "A subnet of the capacity provider does not exist or cannot be used.",
        "check the subnet ids (they must exist in this Region, in one VPC); " + RESUME),
    "InvalidSecurityGroup": (
        "A security group of the capacity provider does not exist or belongs to another VPC.",
        "check the security group ids; " + RESUME),
    "EniLimitExceeded": (
        "The account reached its quota of network interfaces in this Region.",
        "delete unused network interfaces or ask for a higher quota; " + RESUME),
    "InsufficientRolePermissions": (
        "Lambda cannot use the role it was given: it does not trust lambda.amazonaws.com, or lacks permissions.",
        "check the role's trust policy and permissions (a new role can take a few seconds to work); " + RESUME),
    "InvalidConfiguration": (
        "Lambda found the function's configuration unusable.",
        "read the state reason below, correct the configuration and " + RESUME),
}


def explain_state(code: str | None, reason: str | None = None, *, subject: str = "The new version") -> Explanation:
    """A ``Failed`` function or version, from its ``StateReasonCode`` (and ``StateReason`` text, if any)."""
    said = f" Lambda says: {reason.strip()}" if reason and reason.strip() else ""
    if code in STATE_REASONS:
        meaning, fix = STATE_REASONS[code]
        return Explanation(f"{subject} failed ({code}). {meaning}{said}", fix, code)
    named = f" ({code})" if code else ""
    return Explanation(f"{subject} failed{named}.{said}",
                       "check the capacity provider's state and the function's configuration; " + RESUME, code)


def explain_capacity_provider_failed(name: str, answer: dict[str, Any] | None = None) -> Explanation:
    """A capacity provider in state ``Failed`` (the API gives no reason code for it)."""
    provider = (answer or {}).get("CapacityProvider") or {}
    subnets = ", ".join((provider.get("VpcConfig") or {}).get("SubnetIds") or []) or "its subnets"
    return Explanation(
        f"Capacity provider {name} is in state Failed: Lambda could not set it up. The usual causes are an "
        "operator role that may not launch or tag EC2 instances (RunInstances and CreateTags under the "
        f"ec2:ManagedResourceOperator condition), subnets or security groups ({subnets}) that do not exist or "
        "are in different VPCs, or the account's EC2 vCPU quota.",
        "check the operator role's policy and the network ids, remove the failed capacity provider (deploy "
        "--cleanup) and apply again.", "Failed")


_PENDING = {
    "GetCapacityProvider": "Lambda is still setting the capacity provider up; check that the subnets have free IP "
                           "addresses and that the operator role's policy is right",
    "GetFunctionConfiguration": "the execution environments are not ready yet (a version becomes ACTIVE once 3 of "
                                "them run, which takes minutes as instances are launched); check the capacity "
                                "provider's state, the subnets' free IP addresses and the IAM roles",
    "GetFunction": "the function is still being deleted",
}


def explain_timeout(operation: str, subject: str, last_state: str | None, polls: int, waited_s: float,
                    *, until_gone: bool = False) -> Explanation:
    """A wait that gave up: what it was waiting for, what is still pending, and that waiting again is safe."""
    minutes = waited_s / 60
    if until_gone:
        still = f"{subject} still exists" + (f" (state {last_state})" if last_state else "")
        pending = "Lambda has not finished removing it (a capacity provider goes once its instances are terminated)"
    else:
        still = f"{subject} is still {last_state or 'not visible'}"
        pending = _PENDING.get(operation, "the resource has not reached the expected state")
    return Explanation(f"Stopped waiting after {polls} checks (about {minutes:.0f} min): {still}. Still pending: "
                       f"{pending}.", "wait a while, then apply again: this wait starts over and nothing "
                                      "finished is repeated.", "WaitTimeout")


# AWS error codes for quotas and conflicts, with what to do.
_LIMITS = {
    "LimitExceeded": "an IAM quota (roles or policies per account) is reached: delete unused roles or ask for more",
    "LimitExceededException": "a quota is reached for this kind of resource: delete unused ones or ask for more "
                              "(Service Quotas)",
    "CapacityProviderLimitExceededException": "the account has reached its quota of capacity providers (1,000 per "
                                              "account): delete unused ones or ask for more",
    "CodeStorageExceededException": "the account's Lambda code storage is full: delete old function versions",
    "ServiceQuotaExceededException": "a quota is reached: delete unused resources or ask for more (Service Quotas)",
}
_EXTRA_PERMISSIONS = {
    "CreateFunction": "lambda:PassCapacityProvider and iam:PassRole on the execution role",
    "UpdateFunctionConfiguration": "lambda:PassCapacityProvider",
    "CreateCapacityProvider": "iam:PassRole on the operator role",
    "CreateSchedule": "iam:PassRole on the scheduler role",
}


def explain_problem(problem: AwsProblem, *, operation: str, subject: str = "") -> Explanation:
    """An AWS error answer to one of the plan's calls, with the fix."""
    code = problem.code or None
    what = f" ({subject})" if subject else ""
    if code in _LIMITS:
        return Explanation(f"{operation}{what} was refused: {problem.message}", _LIMITS[code] + "; " + RESUME, code)
    if problem.kind is ProblemKind.DENIED:
        action = problem.action or operation
        extra = _EXTRA_PERMISSIONS.get(operation)
        also = f" (this call also needs {extra})" if extra else ""
        return Explanation(f"Not permitted: the credentials in use may not call {action}{what}. The deployment "
                           f"changes the account, so it needs write permissions{also}.",
                           f"ask your administrator for {action}{' and ' + extra if extra else ''}, or deploy with "
                           "a role that has them; " + RESUME, code or "AccessDenied")
    if problem.kind is ProblemKind.THROTTLED:
        return Explanation(f"AWS throttled {operation}{what} even after retrying with backoff.",
                           "wait a minute and " + RESUME, code)
    if problem.kind in (ProblemKind.EXPIRED, ProblemKind.NO_CREDENTIALS, ProblemKind.INVALID_CREDENTIALS,
                        ProblemKind.NO_PROFILE):
        return Explanation(problem.message, "sign in again, " + RESUME, code)
    if problem.kind is ProblemKind.UNREACHABLE:
        return Explanation(problem.message, "check the network, VPN or proxy, " + RESUME, code)
    text = problem.message.lower()
    if code == "ResourceConflictException":
        return Explanation(f"{operation}{what} was refused because Lambda is still applying an earlier change "
                           f"to the function. {problem.message}", "wait a minute and " + RESUME, code)
    if problem.kind is ProblemKind.INVALID_REQUEST:
        if "architecture" in text:
            fix = "make the function's and the capacity provider's architecture the same (arm64 or x86_64); "
        elif "role" in text and ("assume" in text or "trust" in text):
            fix = ("a role created moments ago can take a few seconds before Lambda may use it; if it persists, "
                   "check its trust policy (lambda.amazonaws.com); ")
        elif "subnet" in text or "security group" in text:
            fix = "check the subnet and security group ids (same VPC, this Region); "
        else:
            fix = "correct the value AWS names (plan again after changing the configuration); "
        return Explanation(f"AWS refused {operation}{what}: {problem.message}", fix + RESUME, code)
    if problem.kind is ProblemKind.NOT_FOUND:
        return Explanation(f"{operation}{what} needs something that does not exist: {problem.message}",
                           "if it was deleted outside the workbench, plan again; " + RESUME, code)
    return Explanation(f"{operation}{what} failed: {problem.message}", "try again later; " + RESUME, code)


def explain_foreign(resource_type: str, name: str, detail: str) -> Explanation:
    """A resource this plan would create already exists and is not this deployment's: it is left alone."""
    return Explanation(f"The {resource_type.replace('-', ' ')} {name} already exists and was not created by this "
                       f"deployment ({detail}), so the workbench leaves it alone.",
                       "choose another name and plan again, or remove it yourself if it is a leftover, then apply "
                       "again.", "AlreadyExists")


def explain_unresolved(step_id: str, detail: str) -> Explanation:
    return Explanation(f"Step {step_id} cannot be sent: {detail}.",
                       "plan again (an earlier step's record is missing or the code changed); nothing was sent.",
                       "Unresolved")


__all__ = [
    "STATE_REASONS",
    "Explanation",
    "explain_capacity_provider_failed",
    "explain_foreign",
    "explain_problem",
    "explain_state",
    "explain_timeout",
    "explain_unresolved",
]
