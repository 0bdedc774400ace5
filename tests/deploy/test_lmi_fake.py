"""The LMI fake does what its docstring says AWS does (each behaviour's source is in tests/deploy/lmi_fake.py), checks
every request against botocore's Lambda model, and answers only what the model's output shapes allow."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from tests.aws._moto import TRUST, tiny_zip
from tests.deploy.conftest import GROUPS, SUBNETS
from tests.deploy.lmi_fake import LmiFake

VPC = {"SubnetIds": SUBNETS, "SecurityGroupIds": GROUPS}


@pytest.fixture
def fake(moto) -> LmiFake:
    return LmiFake(moto.endpoint)


@pytest.fixture
def operator(moto) -> str:
    return moto.client("iam").create_role(RoleName="operator", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]


def code(error: pytest.ExceptionInfo) -> str:
    return error.value.response["Error"]["Code"]


def provider(fake: LmiFake, operator: str, name: str = "cp", arch: str = "x86_64") -> str:
    arn = fake.client.create_capacity_provider(CapacityProviderName=name, VpcConfig=VPC, PermissionsConfig={
        "CapacityProviderOperatorRoleArn": operator}, InstanceRequirements={"Architectures": [arch]})[
        "CapacityProvider"]["CapacityProviderArn"]
    while fake.client.get_capacity_provider(CapacityProviderName=name)["CapacityProvider"]["State"] != "Active":
        pass
    return arn


def lmi_function(fake: LmiFake, moto, arn: str, name: str = "fn", arch: str = "x86_64") -> dict:
    return fake.client.create_function(
        FunctionName=name, Runtime="python3.13", Role=moto.role_arn, Handler="app.handler", Architectures=[arch],
        Code={"ZipFile": tiny_zip()},
        CapacityProviderConfig={"LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": arn}})


def test_a_capacity_provider_is_pending_then_active_and_listed_got_and_deleted(fake, operator) -> None:
    fake.configure(provider_reads=2)
    made = fake.client.create_capacity_provider(CapacityProviderName="cp", VpcConfig=VPC,
                                                PermissionsConfig={"CapacityProviderOperatorRoleArn": operator})
    assert made["ResponseMetadata"]["HTTPStatusCode"] == 202 and made["CapacityProvider"]["State"] == "Pending"
    states = [fake.client.get_capacity_provider(CapacityProviderName="cp")["CapacityProvider"]["State"]
              for _ in range(3)]
    assert states == ["Pending", "Pending", "Active"]
    with pytest.raises(ClientError) as again:
        fake.client.create_capacity_provider(CapacityProviderName="cp", VpcConfig=VPC,
                                             PermissionsConfig={"CapacityProviderOperatorRoleArn": operator})
    assert code(again) == "ResourceConflictException"
    listed = fake.client.get_paginator("list_capacity_providers").paginate(State="Active")
    assert [p["CapacityProviderArn"].rsplit(":", 1)[1] for page in listed for p in page["CapacityProviders"]] == ["cp"]
    assert fake.client.delete_capacity_provider(CapacityProviderName="cp")["CapacityProvider"]["State"] == "Deleting"
    assert fake.client.get_capacity_provider(CapacityProviderName="cp")["CapacityProvider"]["State"] == "Deleting"
    with pytest.raises(fake.client.exceptions.ResourceNotFoundException):
        fake.client.get_capacity_provider(CapacityProviderName="cp")
    assert fake.client.list_capacity_providers()["CapacityProviders"] == []


def test_a_capacity_provider_needs_an_existing_operator_role_and_can_fail(fake, operator) -> None:
    with pytest.raises(ClientError) as missing:
        fake.client.create_capacity_provider(CapacityProviderName="cp", VpcConfig=VPC, PermissionsConfig={
            "CapacityProviderOperatorRoleArn": "arn:aws:iam::123456789012:role/nobody"})
    assert code(missing) == "InvalidParameterValueException"
    fake.fail_capacity_provider("cp")
    fake.client.create_capacity_provider(CapacityProviderName="cp", VpcConfig=VPC,
                                         PermissionsConfig={"CapacityProviderOperatorRoleArn": operator})
    assert fake.client.get_capacity_provider(CapacityProviderName="cp")["CapacityProvider"]["State"] == "Failed"


def test_latest_goes_active_non_invocable_never_active_and_publishing_waits_for_it(fake, moto, operator) -> None:
    arn = provider(fake, operator)
    made = lmi_function(fake, moto, arn)
    assert (made["State"], made["StateReasonCode"]) == ("Pending", "Creating")
    assert made["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"]["CapacityProviderArn"] == arn
    with pytest.raises(ClientError) as pending:
        fake.client.publish_version(FunctionName="fn")
    assert code(pending) == "ResourceConflictException" and "Pending" in str(pending.value)
    states = [fake.client.get_function_configuration(FunctionName="fn")["State"] for _ in range(4)]
    assert states == ["Pending", "ActiveNonInvocable", "ActiveNonInvocable", "ActiveNonInvocable"]
    assert fake.client.get_function(FunctionName="fn")["Configuration"]["State"] == "ActiveNonInvocable"


def test_a_version_is_active_once_its_minimum_execution_environments_run(fake, moto, operator) -> None:
    lmi_function(fake, moto, provider(fake, operator))
    fake.client.get_function_configuration(FunctionName="fn")
    fake.client.get_function_configuration(FunctionName="fn")
    version = fake.client.publish_version(FunctionName="fn")
    assert (version["Version"], version["State"]) == ("1", "Pending")
    fake.client.put_function_scaling_config(FunctionName="fn", Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 4, "MaxExecutionEnvironments": 6})
    states = [fake.client.get_function_configuration(FunctionName="fn", Qualifier="1")["State"] for _ in range(5)]
    assert states == ["Pending", "Pending", "Pending", "Active", "Active"]  # one environment started per read
    got = fake.client.get_function_scaling_config(FunctionName="fn", Qualifier="1")
    assert got["AppliedFunctionScalingConfig"] == {"MinExecutionEnvironments": 4, "MaxExecutionEnvironments": 6}
    on_provider = fake.client.list_function_versions_by_capacity_provider(CapacityProviderName="cp")
    assert [(v["FunctionArn"].split(":", 6)[6], v["State"]) for v in on_provider["FunctionVersions"]] == [
        ("fn:1", "Active")]
    raised = fake.client.update_capacity_provider(CapacityProviderName="cp", CapacityProviderScalingConfig={
        "MaxVCpuCount": 800, "ScalingMode": "Auto"})
    assert raised["CapacityProvider"]["CapacityProviderScalingConfig"]["MaxVCpuCount"] == 800
    # In use: the capacity provider cannot go while a version runs on it.
    with pytest.raises(ClientError) as in_use:
        fake.client.delete_capacity_provider(CapacityProviderName="cp")
    assert code(in_use) == "ResourceConflictException"
    fake.client.delete_function(FunctionName="fn")
    fake.client.delete_capacity_provider(CapacityProviderName="cp")


def test_latest_published_is_created_and_republished(fake, moto, operator) -> None:
    lmi_function(fake, moto, provider(fake, operator))
    while fake.client.get_function_configuration(FunctionName="fn")["State"] == "Pending":
        pass
    published = fake.client.publish_version(FunctionName="fn", PublishTo="LATEST_PUBLISHED")
    assert published["Version"] == "$LATEST.PUBLISHED" and published["FunctionArn"].endswith(":$LATEST.PUBLISHED")
    assert published["State"] == "Pending"
    states = [fake.client.get_function_configuration(FunctionName="fn", Qualifier="$LATEST.PUBLISHED")["State"]
              for _ in range(3)]
    assert states == ["Pending", "Pending", "Active"]  # the default minimum: 3 execution environments
    versions = [v["Version"] for v in fake.client.list_versions_by_function(FunctionName="fn")["Versions"]]
    assert versions == ["$LATEST", "$LATEST.PUBLISHED"]
    again = fake.client.publish_version(FunctionName="fn", PublishTo="LATEST_PUBLISHED")
    assert again["State"] == "Pending"  # republished: its environments start again


@pytest.mark.parametrize("scaling, message", [
    ({"MinExecutionEnvironments": 5}, "MaxExecutionEnvironments was left out"),
    ({"MaxExecutionEnvironments": 5}, "MinExecutionEnvironments was left out"),
    ({"MinExecutionEnvironments": 6, "MaxExecutionEnvironments": 5}, "is greater than MaxExecutionEnvironments"),
    ({"MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 15_001}, "between 0 and 15000"),
])
def test_scaling_config_needs_both_bounds_with_min_at_most_max(fake, moto, operator, scaling, message) -> None:
    lmi_function(fake, moto, provider(fake, operator))
    while fake.client.get_function_configuration(FunctionName="fn")["State"] == "Pending":
        pass
    fake.client.publish_version(FunctionName="fn")
    with pytest.raises(ClientError) as refused:
        fake.client.put_function_scaling_config(FunctionName="fn", Qualifier="1", FunctionScalingConfig=scaling)
    assert code(refused) == "InvalidParameterValueException" and message in str(refused.value)
    with pytest.raises(ClientError) as unpublished:
        fake.client.put_function_scaling_config(FunctionName="fn", Qualifier="$LATEST", FunctionScalingConfig={
            "MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 3})
    assert "must be a version number or $LATEST.PUBLISHED" in str(unpublished.value)


def test_a_failed_version_carries_its_reason_code(fake, moto, operator) -> None:
    lmi_function(fake, moto, provider(fake, operator))
    while fake.client.get_function_configuration(FunctionName="fn")["State"] == "Pending":
        pass
    fake.client.publish_version(FunctionName="fn")
    fake.fail_next_version("InsufficientCapacity", "No capacity for the allowed instance types.")
    got = fake.client.get_function_configuration(FunctionName="fn", Qualifier="1")
    assert (got["State"], got["StateReasonCode"]) == ("Failed", "InsufficientCapacity")
    with pytest.raises(ValueError, match="not a StateReasonCode"):
        fake.fail_next_version("MadeUp", "")


def test_the_architecture_must_match_and_a_standard_function_cannot_be_attached(fake, moto, operator) -> None:
    arn = provider(fake, operator, arch="arm64")
    with pytest.raises(ClientError) as mismatch:
        lmi_function(fake, moto, arn, arch="x86_64")
    assert code(mismatch) == "InvalidParameterValueException" and "does not match" in str(mismatch.value)
    moto.create_function("standard")
    with pytest.raises(ClientError) as attach:
        fake.client.update_function_configuration(FunctionName="standard", CapacityProviderConfig={
            "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": arn}})
    assert "cannot be added" in str(attach.value)


def test_every_request_is_checked_against_the_lambda_model(fake, operator) -> None:
    with pytest.raises(ParamValidationError):
        fake.client.create_capacity_provider(CapacityProviderName="cp", VpcConfig=VPC)  # no PermissionsConfig
    with pytest.raises(ParamValidationError):
        fake.client.put_function_scaling_config(FunctionName="fn", Qualifier="1",
                                                FunctionScalingConfig={"MinExecutionEnvironments": "three"})
    provider(fake, operator)
    assert fake.calls and all(c.validated for c in fake.calls)
    assert fake.calls[0].operation == "CreateCapacityProvider"


def test_state_in_a_file_is_shared_by_two_fakes(moto, operator, tmp_path) -> None:
    first = LmiFake(moto.endpoint, state_path=tmp_path / "state.json")
    first.client.create_capacity_provider(CapacityProviderName="cp", VpcConfig=VPC,
                                          PermissionsConfig={"CapacityProviderOperatorRoleArn": operator})
    second = LmiFake(moto.endpoint, state_path=tmp_path / "state.json")
    assert second.client.get_capacity_provider(CapacityProviderName="cp")["CapacityProvider"]["State"] == "Pending"
    assert second.client.get_capacity_provider(CapacityProviderName="cp")["CapacityProvider"]["State"] == "Active"
    assert first.capacity_providers["cp"]["State"] == "Active" and len(first.calls) == 3
