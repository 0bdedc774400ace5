"""Access denied, throttling, expired and missing credentials, unknown Regions, no network — end to end.

* Access denied on CloudWatch and Cost Explorer: moto's own IAM enforcement (``/moto-api/reset-auth``): the test
  user's policy allows Lambda only. moto cannot check the signature of Lambda's REST requests once enforcement
  is on (it hashes a GET's empty body differently), so the first request (the Lambda read) is let through
  unchecked with INITIAL_NO_AUTH_ACTION_COUNT = 1 and enforcement starts with CloudWatch.
* Lambda's AccessDenied, throttling and expired tokens: a local proxy in front of moto answers with the error
  bytes AWS sends in each protocol (tests/aws/_faults.py), then forwards.
"""

from __future__ import annotations

import json
import socket
from datetime import date, datetime, timezone

import pytest

from tests.aws._faults import FaultProxy, Seen, access_denied, expired_token, throttling
from workbench.aws.costexplorer import read_monthly_cost
from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.functions import list_functions
from workbench.aws.intake import import_function
from workbench.aws.session import open_session
from workbench.aws.triage import triage
from workbench.config import AwsSettings

END = datetime(2026, 11, 20, tzinfo=timezone.utc)
LAMBDA_ONLY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["lambda:ListFunctions", "lambda:GetFunctionConfiguration"], "Resource": "*"}]})


def analyst(moto, monkeypatch) -> None:
    iam = moto.client("iam")
    iam.create_user(UserName="analyst")
    iam.put_user_policy(UserName="analyst", PolicyName="lambda-read", PolicyDocument=LAMBDA_ONLY)
    key = iam.create_access_key(UserName="analyst")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])


# --- access denied ------------------------------------------------------------------------------------------------
def test_metrics_and_cost_denied_keep_the_configuration_and_name_the_actions(moto, monkeypatch) -> None:
    moto.create_function("orders", memory_mb=2048)
    analyst(moto, monkeypatch)
    moto.require_auth_after(1)  # GetFunctionConfiguration passes; CloudWatch and Cost Explorer are checked
    result = import_function(open_session(moto.settings()), "orders", end=END, percentiles=False,
                             today=date(2026, 11, 20))
    assert result.workload.memory_mb == 2048  # what could be read is kept
    assert result.workload.requests_per_month is None and result.metrics is None
    assert [(p.kind, p.action) for p in result.problems] == [
        (ProblemKind.DENIED, "cloudwatch:GetMetricData"), (ProblemKind.DENIED, "ce:GetCostAndUsageWithResources")]
    assert result.problems[0].message == (
        "Not permitted: arn:aws:iam::123456789012:user/analyst may not call cloudwatch:GetMetricData in us-east-1. "
        "Ask for the read-only permission cloudwatch:GetMetricData, or continue without it.")
    assert "Cost Explorer is not permitted (ce:GetCostAndUsageWithResources is missing)" in result.workload.notes


def test_triage_without_cloudwatch_permission_lists_unpriced_rows(moto, monkeypatch) -> None:
    moto.create_functions(["a", "b"], "us-east-1")
    analyst(moto, monkeypatch)
    moto.require_auth_after(1)  # ListFunctions (one page) passes
    result = triage(open_session(moto.settings()), end=END)
    assert [r.function_name for r in result.rows] == ["a", "b"]
    assert all(r.not_priced == "no CloudWatch metrics" for r in result.rows)
    assert result.problems["us-east-1"].action == "cloudwatch:GetMetricData"


def test_lambda_access_denied_names_list_functions(moto) -> None:
    def deny(seen: Seen, before: int):
        return access_denied("lambda:ListFunctions") if seen.operation == "ListFunctions" else None

    with FaultProxy(moto.endpoint, deny) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint))
        with pytest.raises(AwsProblem) as caught:
            list_functions(session)
    problem = caught.value
    assert (problem.kind, problem.action, problem.code) == (ProblemKind.DENIED, "lambda:ListFunctions",
                                                            "AccessDeniedException")
    assert proxy.count("lambda", "ListFunctions") == 1  # access denied is not retried


# --- throttling -----------------------------------------------------------------------------------------------
def test_lambda_throttling_is_retried_with_backoff_until_it_passes(moto) -> None:
    moto.create_function("orders")

    def throttle_twice(seen: Seen, before: int):
        return throttling("lambda") if seen.operation == "ListFunctions" and before < 2 else None

    with FaultProxy(moto.endpoint, throttle_twice) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint))
        listing = list_functions(session)
    assert [f.name for f in listing.functions] == ["orders"]
    assert proxy.count("lambda", "ListFunctions") == 3
    stats = session.stats.snapshot()["lambda:ListFunctions"]
    assert stats == {"calls": 1, "attempts": 3, "throttled": 2}


def test_cloudwatch_throttling_is_retried(moto) -> None:
    moto.create_function("orders")

    def throttle_once(seen: Seen, before: int):
        return throttling("monitoring") if seen.operation == "GetMetricData" and before < 1 else None

    with FaultProxy(moto.endpoint, throttle_once) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint))
        result = import_function(session, "orders", end=END, percentiles=False, cost_explorer=False)
    assert result.problems == []
    assert session.stats.snapshot()["cloudwatch:GetMetricData"] == {"calls": 1, "attempts": 2, "throttled": 1}


def test_throttling_that_never_stops_gives_a_clear_message(moto) -> None:
    moto.create_function("orders")

    def always(seen: Seen, before: int):
        return throttling("monitoring") if seen.operation == "GetMetricData" else None

    with FaultProxy(moto.endpoint, always) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint), max_attempts=3)
        result = import_function(session, "orders", end=END, percentiles=False, cost_explorer=False)
    assert proxy.count("monitoring", "GetMetricData") == 3
    [problem] = result.problems
    assert problem.kind is ProblemKind.THROTTLED
    assert problem.message == ("AWS kept throttling cloudwatch:GetMetricData in us-east-1 (Throttling) after 3 "
                               "attempts with backoff. Wait a minute and try again, or import fewer functions or "
                               "Regions at once.")
    assert result.workload.memory_mb == 1024  # the configuration is still imported


def test_throttled_region_does_not_stop_the_others(moto) -> None:
    moto.create_function("east", "us-east-1")
    moto.create_function("west", "us-west-2")

    def throttle_west(seen: Seen, before: int):
        return throttling("lambda") if seen.service == "lambda" and seen.region == "us-west-2" else None

    with FaultProxy(moto.endpoint, throttle_west) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint), max_attempts=2)
        result = triage(session, ["us-east-1", "us-west-2"], end=END, percentiles=False)
    assert [r.function_name for r in result.rows] == ["east"]
    assert result.problems["us-west-2"].kind is ProblemKind.THROTTLED
    assert "us-east-1" not in result.problems


# --- credentials ---------------------------------------------------------------------------------------------
def test_no_credentials_anywhere(moto, monkeypatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(AwsProblem) as caught:
        list_functions(open_session(moto.settings()))
    problem = caught.value
    assert problem.kind is ProblemKind.NO_CREDENTIALS and problem.offer_offline
    assert problem.message == ("No AWS credentials found (the default credential chain). Sign in first "
                               "(`aws configure`, or `aws sso login --profile NAME`) or set AWS_PROFILE; you can "
                               "keep working offline meanwhile.")


def test_expired_token(moto) -> None:
    def expired(seen: Seen, before: int):
        return expired_token(seen.service)

    with FaultProxy(moto.endpoint, expired) as proxy:
        with pytest.raises(AwsProblem) as caught:
            list_functions(open_session(moto.settings(endpoint_url=proxy.endpoint)))
    assert caught.value.kind is ProblemKind.EXPIRED
    assert caught.value.message.startswith("Your AWS credentials have expired (the default credential chain).")
    assert proxy.count("lambda", "ListFunctions") == 1


def test_unknown_profile(moto) -> None:
    with pytest.raises(AwsProblem) as caught:
        open_session(moto.settings(profile="prod-readonly"))
    assert caught.value.kind is ProblemKind.NO_PROFILE
    assert "'prod-readonly' is not in your AWS config" in caught.value.message


# --- regions and network ---------------------------------------------------------------------------------------
def test_unknown_region_is_refused_before_any_call(moto) -> None:
    with FaultProxy(moto.endpoint, lambda seen, before: None) as proxy:
        session = open_session(moto.settings("us-esat-1", endpoint_url=proxy.endpoint))
        with pytest.raises(AwsProblem) as caught:
            list_functions(session)
    assert caught.value.kind is ProblemKind.UNKNOWN_REGION
    assert caught.value.message == "'us-esat-1' is not an AWS Region. Did you mean us-east-1?"
    assert proxy.seen == []


def test_no_region(moto) -> None:
    with pytest.raises(AwsProblem) as caught:
        list_functions(open_session(AwsSettings(endpoint_url=moto.endpoint)))
    assert caught.value.kind is ProblemKind.NO_REGION


def test_unreachable_endpoint() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    session = open_session(AwsSettings(region="us-east-1", endpoint_url=f"http://127.0.0.1:{port}"), max_attempts=2)
    with pytest.raises(AwsProblem) as caught:
        list_functions(session)
    assert caught.value.kind is ProblemKind.UNREACHABLE
    assert caught.value.message.startswith(f"Cannot reach http://127.0.0.1:{port} (the connection failed)")


def test_offline_settings_never_open_a_session() -> None:
    with pytest.raises(AwsProblem) as caught:
        open_session(AwsSettings(region="us-east-1", offline=True))
    assert caught.value.kind is ProblemKind.OFFLINE


def test_cost_explorer_denied_alone(moto, monkeypatch) -> None:
    analyst(moto, monkeypatch)
    moto.require_auth_after(0)
    reading = read_monthly_cost(open_session(moto.settings()), "arn:aws:lambda:us-east-1:123456789012:function:x",
                                "us-east-1", today=date(2026, 11, 20))
    assert reading.scope == "none" and reading.problem.kind is ProblemKind.DENIED
    assert reading.note.startswith("Cost Explorer is not permitted (ce:GetCostAndUsageWithResources is missing)")
