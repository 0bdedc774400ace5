"""Each kind of AWS failure becomes one AwsProblem with a plain message (the translation table itself; the
end-to-end paths against the moto server and the fault proxy are in test_failures.py)."""

from __future__ import annotations

import pytest
from botocore import exceptions as bx

from workbench.aws.errors import AwsProblem, ProblemKind, translate


def client_error(code: str, message: str, status: int, operation: str = "GetMetricData", retries: int = 0):
    return bx.ClientError({"Error": {"Code": code, "Message": message},
                           "ResponseMetadata": {"HTTPStatusCode": status, "RetryAttempts": retries}}, operation)


def test_access_denied_names_the_missing_action_from_the_message() -> None:
    error = client_error(
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/analyst is not authorized to perform: lambda:ListFunctions on "
        "resource: * because no identity-based policy allows the lambda:ListFunctions action", 403, "ListFunctions")
    problem = translate(error, service="lambda", operation="ListFunctions", region="eu-west-1")
    assert problem.kind is ProblemKind.DENIED
    assert problem.action == "lambda:ListFunctions"
    assert problem.message == ("Not permitted: arn:aws:iam::123456789012:user/analyst may not call "
                               "lambda:ListFunctions in eu-west-1. Ask for the read-only permission "
                               "lambda:ListFunctions, or continue without it.")


def test_access_denied_without_a_named_action_uses_the_operation_and_cloudwatch_prefix() -> None:
    problem = translate(client_error("AccessDenied", "denied", 403), service="cloudwatch", operation="GetMetricData")
    assert (problem.kind, problem.action) == (ProblemKind.DENIED, "cloudwatch:GetMetricData")
    # CloudWatch's endpoint prefix "monitoring" in a message is the IAM prefix "cloudwatch"
    named = translate(client_error("AccessDenied", "User: x is not authorized to perform: monitoring:GetMetricData",
                                   403), service="cloudwatch", operation="GetMetricData")
    assert named.action == "cloudwatch:GetMetricData"


def test_an_xml_error_body_read_by_another_protocol_still_gives_its_code() -> None:
    body = ('<?xml version="1.0"?><ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: '
            'arn:aws:iam::123456789012:user/u is not authorized to perform: ce:GetCostAndUsage</Message>'
            '</Error></Errors></ErrorResponse>')
    problem = translate(client_error("403", body, 403, "GetCostAndUsage"), service="ce", operation="GetCostAndUsage")
    assert (problem.kind, problem.code, problem.action) == (ProblemKind.DENIED, "AccessDenied", "ce:GetCostAndUsage")


@pytest.mark.parametrize("code", ["ExpiredToken", "ExpiredTokenException", "RequestExpired"])
def test_expired_tokens(code: str) -> None:
    problem = translate(client_error(code, "The security token included in the request is expired", 403),
                        service="lambda", operation="ListFunctions", profile="prod")
    assert problem.kind is ProblemKind.EXPIRED
    assert "aws sso login --profile prod" in problem.message
    assert problem.offer_offline


def test_throttling_after_retries_says_how_many_attempts() -> None:
    problem = translate(client_error("Throttling", "Rate exceeded", 400, retries=5), service="cloudwatch",
                        operation="GetMetricData", region="us-east-1")
    assert problem.kind is ProblemKind.THROTTLED
    assert problem.attempts == 6
    assert "throttling cloudwatch:GetMetricData in us-east-1 (Throttling) after 6 attempts" in problem.message


def test_a_429_without_a_known_code_is_throttling() -> None:
    assert translate(client_error("", "", 429), service="lambda", operation="ListFunctions").kind \
        is ProblemKind.THROTTLED


def test_credentials_problems() -> None:
    assert translate(bx.NoCredentialsError(), service="lambda", operation="ListFunctions").message.startswith(
        "No AWS credentials found (the default credential chain).")
    partial = translate(bx.PartialCredentialsError(provider="env", cred_var="AWS_SECRET_ACCESS_KEY"),
                        service="lambda", operation="ListFunctions")
    assert partial.kind is ProblemKind.NO_CREDENTIALS and "AWS_SECRET_ACCESS_KEY" in partial.message
    sso = translate(bx.UnauthorizedSSOTokenError(), service="lambda", operation="ListFunctions", profile="dev")
    assert sso.kind is ProblemKind.EXPIRED and "aws sso login --profile dev" in sso.message
    invalid = translate(client_error("UnrecognizedClientException", "bad", 403), service="lambda",
                        operation="ListFunctions")
    assert invalid.kind is ProblemKind.INVALID_CREDENTIALS


def test_network_errors_are_unreachable() -> None:
    problem = translate(bx.EndpointConnectionError(endpoint_url="https://lambda.eu-west-1.amazonaws.com/"),
                        service="lambda", operation="ListFunctions", region="eu-west-1")
    assert problem.kind is ProblemKind.UNREACHABLE
    assert problem.message.startswith("Cannot reach the lambda endpoint in eu-west-1 (the connection failed)")
    timeout = translate(bx.ConnectTimeoutError(endpoint_url="x"), service="cloudwatch", operation="GetMetricData",
                        endpoint_url="http://127.0.0.1:9")
    assert "Cannot reach http://127.0.0.1:9 (the connection timed out)" in timeout.message


def test_not_found_and_server_errors() -> None:
    missing = translate(client_error("ResourceNotFoundException", "Function not found: arn:...:function:nope", 404,
                                     "GetFunctionConfiguration"),
                        service="lambda", operation="GetFunctionConfiguration", region="us-east-1")
    assert missing.kind is ProblemKind.NOT_FOUND and "Function not found" in missing.message
    html = translate(client_error("500", "<!doctype html><html>oops</html>", 500, retries=5), service="ce",
                     operation="GetCostAndUsageWithResources")
    assert html.kind is ProblemKind.SERVICE_ERROR
    assert html.message == ("AWS returned an error for ce:GetCostAndUsageWithResources after 6 attempts: HTTP 500. "
                            "Try again later.")


def test_a_problem_passes_through_and_prints_as_its_message() -> None:
    original = AwsProblem(ProblemKind.OFFLINE, "offline")
    assert translate(original, service="lambda", operation="ListFunctions") is original
    assert str(original) == "offline"
    assert original.as_dict()["kind"] == "offline"
