"""Cutover tests: the moto server and AWS environment of tests/aws, a real SQLite store, and a recorder of every
AWS operation a session makes (a botocore before-call hook on each client), to prove what was and was not called."""

from __future__ import annotations

import json

import pytest

from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 (fixtures)
from workbench.aws.session import AwsSession, open_session
from workbench.store import Store

SERVICES = ("lambda", "apigateway", "apigatewayv2", "cloudwatch", "ce")
READ_PREFIXES = ("Get", "List", "Describe")
ACCOUNT = "123456789012"
REGION = "us-east-1"


class Recorder:
    """Every operation the session's clients are asked to make, in order (recorded before the request)."""

    def __init__(self, session: AwsSession) -> None:
        self.operations: list[str] = []
        for service in SERVICES:
            # first among the most specific handlers, so a Stubber's answer (registered later) cannot skip it
            session.client(service).meta.events.register_first("before-call.*.*", self._seen(service))

    def _seen(self, service: str):
        def handler(model=None, **_):
            self.operations.append(f"{service}:{model.name}")
        return handler

    @property
    def mutating(self) -> list[str]:
        return [op for op in self.operations if not op.split(":", 1)[1].startswith(READ_PREFIXES)]

    def clear(self) -> None:
        self.operations.clear()


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "review.sqlite", author="alice", session="orders-cutover")
    yield s
    s.close()


@pytest.fixture
def session(moto) -> AwsSession:
    return open_session(moto.settings(REGION), max_attempts=1)


@pytest.fixture
def recorder(session) -> Recorder:
    return Recorder(session)


def policy_principals(client, function: str, qualifier: str | None = None) -> list[str]:
    params = {"FunctionName": function, **({"Qualifier": qualifier} if qualifier else {})}
    statements = json.loads(client.get_policy(**params)["Policy"])["Statement"]
    return [s["Principal"]["Service"] for s in statements]


def lmi_function(moto, name: str = "orders-lmi", alias: str = "live") -> tuple[str, str]:
    """A second function standing in for the LMI one (moto has no capacity providers): version 1, an alias."""
    moto.create_function(name)
    client = moto.client("lambda")
    version = client.publish_version(FunctionName=name)["Version"]
    arn = client.create_alias(FunctionName=name, Name=alias, FunctionVersion=version)["AliasArn"]
    return version, arn
