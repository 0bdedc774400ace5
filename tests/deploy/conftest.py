"""Shared pieces for the deployment tests: the moto server (from tests/aws), the demo workload and its
configuration, a code directory, a store, and the LMI operations moto lacks on a client with botocore's Stubber.

The Stubber checks every request against the real Lambda service model; the LMI client is routed in through the
runner's ``RoutedClients`` seam, everything else reaches the moto server over HTTP.
"""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest
from botocore.stub import ANY, Stubber

from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures for this directory
from tests.iac.conftest import demo_workload
from workbench.aws.session import open_session
from workbench.deploy import RoutedClients, SessionClients
from workbench.deploy.plan import is_mutating
from workbench.starting_config import starting_configuration
from workbench.store import Store

REGION = "us-east-1"
ACCOUNT = "123456789012"
LMI_OPERATIONS = ("CreateCapacityProvider", "GetCapacityProvider", "DeleteCapacityProvider",
                  "PutFunctionScalingConfig", "GetFunctionScalingConfig")
SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]
GROUPS = ["sg-0a1b2c3d4e5f60001"]


@pytest.fixture(autouse=True)
def operator_managed_policy(request):
    """The deployment attaches AWSLambdaManagedEC2ResourceOperator to the operator role: make it exist in moto."""
    if "moto" in request.fixturenames:
        request.getfixturevalue("moto").add_aws_managed_policy("AWSLambdaManagedEC2ResourceOperator")


@pytest.fixture
def workload():
    return demo_workload()


@pytest.fixture
def config(workload):
    return starting_configuration(workload)


@pytest.fixture
def code_dir(tmp_path) -> Path:
    root = tmp_path / "orders"
    root.mkdir()
    (root / "app.py").write_text("def handler(event, context):\n    return {'ok': True}\n")
    (root / "lib").mkdir()
    (root / "lib" / "util.py").write_text("VALUE = 1\n")
    return root


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "session.sqlite", author="ana", session="deploy-test")
    yield opened
    opened.close()


def capacity_provider(name: str, state: str, role_arn: str = f"arn:aws:iam::{ACCOUNT}:role/orders-api-cp-operator",
                      architecture: str = "x86_64") -> dict:
    """A CapacityProvider as the API returns it (every required member set)."""
    return {"CapacityProvider": {
        "CapacityProviderArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:capacity-provider:{name}", "State": state,
        "VpcConfig": {"SubnetIds": SUBNETS, "SecurityGroupIds": GROUPS},
        "PermissionsConfig": {"CapacityProviderOperatorRoleArn": role_arn},
        "InstanceRequirements": {"Architectures": [architecture]},
        "CapacityProviderScalingConfig": {"MaxVCpuCount": 400, "ScalingMode": "Auto"}}}


class Recorder:
    """Every operation a client is asked to make, from botocore's ``before-call`` event (Stubbed calls too)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, model=None, **_) -> None:
        self.calls.append((model.service_model.service_name, model.name))

    def attach(self, client) -> None:
        client.meta.events.register_first("before-call.*.*", self, unique_id=f"recorder-{id(self)}")

    @property
    def operations(self) -> list[str]:
        return [op for _, op in self.calls]

    @property
    def mutating(self) -> list[str]:
        return [op for op in self.operations if is_mutating(op)]

    def count(self, operation: str) -> int:
        return self.operations.count(operation)


class Lmi:
    """A real botocore Lambda client with a Stubber for the LMI operations, plus the moto session for the rest."""

    def __init__(self, endpoint: str, session, recorder: Recorder) -> None:
        self.client = boto3.client("lambda", region_name=REGION, endpoint_url=endpoint,
                                   aws_access_key_id="testing", aws_secret_access_key="testing")
        self.stub = Stubber(self.client)
        self.stub.activate()
        self.session = session
        recorder.attach(self.client)
        for service in ("iam", "lambda", "cloudwatch", "scheduler", "sts"):
            recorder.attach(session.client(service, REGION))
        self.clients = RoutedClients(SessionClients(session, REGION),
                                     {("lambda", op): self.client for op in LMI_OPERATIONS})

    # the answers of a successful deployment, in order
    def expect_deploy(self, name: str = "orders-api-capacity", *, pending_polls: int = 1, version: str = "1",
                      function: str = "orders-api", minimum: int = 8) -> None:
        self.stub.add_response("create_capacity_provider", capacity_provider(name, "Pending"),
                               {"CapacityProviderName": name, "VpcConfig": ANY, "PermissionsConfig": ANY,
                                "InstanceRequirements": ANY, "CapacityProviderScalingConfig": ANY, "Tags": ANY})
        for _ in range(pending_polls):
            self.stub.add_response("get_capacity_provider", capacity_provider(name, "Pending"),
                                   {"CapacityProviderName": name})
        self.stub.add_response("get_capacity_provider", capacity_provider(name, "Active"),
                               {"CapacityProviderName": name})
        self.expect_scaling(function, version, minimum)

    def expect_scaling(self, function: str = "orders-api", version: str = "1", minimum: int = 8) -> None:
        self.stub.add_response("put_function_scaling_config", {"FunctionState": "Pending"},
                               {"FunctionName": function, "Qualifier": version,
                                "FunctionScalingConfig": {"MinExecutionEnvironments": minimum}})

    def expect_delete(self, name: str = "orders-api-capacity", *, deleting_polls: int = 1) -> None:
        self.stub.add_response("delete_capacity_provider", capacity_provider(name, "Deleting"),
                               {"CapacityProviderName": name})
        for _ in range(deleting_polls):
            self.stub.add_response("get_capacity_provider", capacity_provider(name, "Deleting"),
                                   {"CapacityProviderName": name})
        self.stub.add_client_error("get_capacity_provider", "ResourceNotFoundException", "not found",
                                   http_status_code=404, expected_params={"CapacityProviderName": name})


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def lmi(moto, recorder) -> Lmi:  # noqa: F811 - the moto fixture
    session = open_session(moto.settings(REGION))
    return Lmi(moto.endpoint, session, recorder)


def no_sleep(_seconds: float) -> None:
    return None
