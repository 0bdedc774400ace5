"""The pre-flight's IAM checks: the function's execution role and the capacity provider's operator role, when
they already exist (trust policy, and the actions their policies allow). Read-only; actions are checked, not
resources or conditions."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from typing import Any

from workbench.aws.errors import AwsProblem
from workbench.deploy.preflight_checks import (
    FAIL,
    PASS,
    UNKNOWN,
    WARN,
    Reader,
    is_absent,
    new_check,
    said,
    unknown_check,
    unless_cancelled,
    worst_of,
)
from workbench.iac.model import LAMBDA_SERVICE, operator_policy
from workbench.models.preflight import PreflightCheck

OPERATOR_MANAGED_POLICY = "AWSLambdaManagedEC2ResourceOperator"  # aws-facts.md §4 "IAM"
LOGS_MANAGED_POLICIES = ("AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole")
LOGS_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
# Only the first capacity provider of an account needs iam:CreateServiceLinkedRole: not required of a role here.
OPTIONAL_OPERATOR_ACTIONS = frozenset({"iam:CreateServiceLinkedRole"})


# --- IAM roles ----------------------------------------------------------------------------------------------------
def _statements(document: Any) -> list[dict[str, Any]]:
    if not isinstance(document, dict):
        return []
    found = document.get("Statement") or []
    return [s for s in (found if isinstance(found, list) else [found]) if isinstance(s, dict)]


def _listed(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value or []]


def _matches(action: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(action.lower(), p.lower()) for p in patterns)


def allows(documents: Iterable[Any], action: str) -> bool:
    """True when some Allow statement covers ``action`` and no Deny statement does (resources and conditions are
    not evaluated: this is a check of actions only)."""
    allowed = denied = False
    for statement in (s for d in documents for s in _statements(d)):
        if "Action" in statement:
            hit = _matches(action, _listed(statement["Action"]))
        else:
            hit = "NotAction" in statement and not _matches(action, _listed(statement["NotAction"]))
        if hit and statement.get("Effect") == "Allow":
            allowed = True
        elif hit and statement.get("Effect") == "Deny":
            denied = True
    return allowed and not denied


def trusts_lambda(document: Any) -> bool:
    """True when the trust policy lets lambda.amazonaws.com call sts:AssumeRole."""
    for statement in _statements(document):
        if statement.get("Effect") != "Allow" or not _matches("sts:AssumeRole", _listed(statement.get("Action"))):
            continue
        principal = statement.get("Principal")
        services = _listed(principal.get("Service")) if isinstance(principal, dict) else _listed(principal)
        if LAMBDA_SERVICE in services or "*" in services:
            return True
    return False


def operator_actions() -> list[str]:
    """The actions the generated operator policy grants (the operator role must allow each of them)."""
    actions = [a for s in _statements(operator_policy([], []).document)
               for a in _listed(s.get("Action"))]
    return [a for a in dict.fromkeys(actions) if a not in OPTIONAL_OPERATOR_ACTIONS]


def _policy_documents(reader: Reader, role: str,
                      attached: list[dict[str, Any]]) -> tuple[list[Any], list[AwsProblem]]:
    documents: list[Any] = []
    problems: list[AwsProblem] = []
    try:
        for name in reader.items("iam", "ListRolePolicies", "PolicyNames", RoleName=role):
            documents.append(reader.call("iam", "GetRolePolicy", RoleName=role, PolicyName=name)["PolicyDocument"])
    except AwsProblem as problem:
        problems.append(unless_cancelled(problem))
    for policy in attached:
        try:
            version = reader.call("iam", "GetPolicy", PolicyArn=policy["PolicyArn"])["Policy"]["DefaultVersionId"]
            documents.append(reader.call("iam", "GetPolicyVersion", PolicyArn=policy["PolicyArn"],
                                         VersionId=version)["PolicyVersion"]["Document"])
        except AwsProblem as problem:
            problems.append(unless_cancelled(problem))
    return documents, problems


def role_check(reader: Reader, check_id: str, role: str, *, operator: bool) -> PreflightCheck:
    try:
        found_role = reader.call("iam", "GetRole", RoleName=role)["Role"]
    except AwsProblem as error:
        if is_absent(unless_cancelled(error)):
            # the operator role gets the AWS managed policy by default (its inline copy is an option)
            attach = "iam:AttachRolePolicy or iam:PutRolePolicy" if operator else "iam:PutRolePolicy"
            return new_check(check_id, PASS, [f"{role} does not exist: the deployment will create it",
                                              f"not checked: whether you may create it (iam:CreateRole, "
                                              f"{attach}, iam:PassRole)"])
        return unknown_check(check_id, error)
    statuses, fixes = [PASS], []
    found = [f"{role} exists ({found_role.get('Arn')}): it will be reused",
             "the generated templates name this role too: CloudFormation, CDK, SAM and Terraform cannot create it "
             "while it exists (import it, or deploy under another function name)"]
    if not trusts_lambda(found_role.get("AssumeRolePolicyDocument")):
        statuses.append(FAIL)
        found.append(f"its trust policy does not let {LAMBDA_SERVICE} assume it")
        fixes.append(f"Let {LAMBDA_SERVICE} call sts:AssumeRole in its trust policy "
                     "(aws iam update-assume-role-policy), or deploy under another function name.")
    managed, required = ((OPERATOR_MANAGED_POLICY,), operator_actions()) if operator else \
        (LOGS_MANAGED_POLICIES, list(LOGS_ACTIONS))
    problem = None
    try:
        attached = reader.items("iam", "ListAttachedRolePolicies", "AttachedPolicies", RoleName=role)
    except AwsProblem as error:
        problem = unless_cancelled(error)
        statuses.append(UNKNOWN)
        found.append(f"could not list its policies: {said(error)}")
    else:
        names = {p.get("PolicyName") for p in attached}
        has = [m for m in managed if m in names]
        if has:
            found.append(f"it has the AWS managed policy {has[0]}")
        else:
            documents, problems = _policy_documents(reader, role, attached)
            missing = [a for a in required if not allows(documents, a)]
            if missing and problems:
                problem = problems[0]
                statuses.append(UNKNOWN)
                found.append(f"could not read all of its policies ({said(problem)}); not seen: "
                             f"{', '.join(missing)}")
            elif missing:
                statuses.append(FAIL if operator else WARN)
                found.append(f"its policies do not allow {', '.join(missing)} (actions checked, not resources or "
                             "conditions)")
                fixes.append(f"Attach the AWS managed policy {OPERATOR_MANAGED_POLICY}, or allow those actions: "
                             "without them Lambda cannot launch the instances." if operator else
                             "Attach AWSLambdaBasicExecutionRole, or allow logs:CreateLogStream and "
                             "logs:PutLogEvents: without them the function's logs are missing.")
            else:
                found.append(f"its policies allow {', '.join(required)} (actions checked, not resources or "
                             "conditions)" if not operator else
                             f"its policies allow all {len(required)} actions of the generated operator policy "
                             "(actions checked, not resources or conditions)")
    status = worst_of(statuses)
    check = new_check(check_id, status, found, " ".join(fixes) if fixes else
                      "" if status is PASS else "Check the role's policies by hand, or run the pre-flight again.")
    if problem is not None:
        check = check.model_copy(update={"problem": said(problem), "action": problem.action})
    return check


__all__ = ["LOGS_ACTIONS", "OPERATOR_MANAGED_POLICY", "allows", "operator_actions", "role_check", "trusts_lambda"]
