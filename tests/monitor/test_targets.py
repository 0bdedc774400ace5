"""MonitorTarget: the catalogue queries it asks for, its checks, and where the session's store says it is."""

from __future__ import annotations

import pytest

from workbench.models import CutoverState, DeploymentPlan, DeploymentStep, Workload
from workbench.monitor.targets import MonitorTarget, demo_target
from workbench.store import Store


def full() -> MonitorTarget:
    return MonitorTarget(function_name="shop-lmi", alias="live", version="7", capacity_provider="shop-cp",
                         old_function_name="shop", old_qualifier="prod")


def test_queries_cover_lmi_capacity_provider_and_standard_from_the_catalogue() -> None:
    queries = full().queries()
    ids = [q.id for q in queries]
    assert len(ids) == len(set(ids)) == 25
    for qid in ("lmi_invocations", "lmi_errors", "lmi_throttles", "lmi_duration_p99", "ee_cpu", "ee_memory",
                "ee_concurrency", "ee_concurrency_limit", "throttle_cpu", "cp_cpu", "cp_memory_available",
                "cp_memory_allocated", "old_invocations", "old_errors", "old_duration_p99"):
        assert qid in ids
    by_id = {q.id: q for q in queries}
    assert by_id["lmi_invocations"].dimensions == {"FunctionName": "shop-lmi", "Resource": "shop-lmi:live"}
    assert by_id["ee_cpu"].dimensions == {"CapacityProviderName": "shop-cp", "FunctionName": "shop-lmi",
                                          "Resource": "shop-lmi:7"}
    assert by_id["cp_memory_available"].unit == "Bytes" and by_id["cp_memory_available"].metric_name == \
        "MemoryAvailable"
    assert by_id["old_errors"].dimensions == {"FunctionName": "shop", "Resource": "shop:prod"}
    assert by_id["old_errors"].period_seconds == 60 and by_id["ee_cpu"].period_seconds == 300


def test_without_version_or_old_function_only_what_can_be_asked_is_asked() -> None:
    ids = {q.id for q in MonitorTarget(function_name="shop-lmi", alias="live").queries()}
    assert "lmi_invocations" in ids and "throttle_cpu" in ids
    assert not any(i.startswith(("ee_", "cp_", "old_")) for i in ids)
    ids = {q.id for q in MonitorTarget(function_name="shop-lmi", alias="live", capacity_provider="cp").queries()}
    assert "cp_cpu" in ids and not any(i.startswith("ee_") for i in ids)  # EE metrics need the version too


@pytest.mark.parametrize("fields, message", [
    ({"function_name": "bad name"}, "function_name must be 1–64"),
    ({"alias": "123"}, "alias must be"),
    ({"version": "v7"}, "version must be a published version number"),
    ({"capacity_provider": "a/b"}, "capacity_provider must be"),
    ({"old_qualifier": "prod", "old_function_name": None}, "old_qualifier needs old_function_name"),
])
def test_bad_names_are_refused_with_the_field_named(fields, message) -> None:
    values = {"function_name": "shop", "alias": "live", **fields}
    with pytest.raises(ValueError, match=message):
        MonitorTarget(**values)


def test_round_trips_through_a_dict_and_describes_itself() -> None:
    assert MonitorTarget.from_dict(full().to_dict()) == full()
    assert full().describe() == "shop-lmi:live (version 7, capacity provider shop-cp) vs shop:prod"
    with pytest.raises(ValueError, match="unknown monitor target field"):
        MonitorTarget.from_dict({**full().to_dict(), "colour": "red"})
    with pytest.raises(ValueError, match="needs alias"):
        MonitorTarget.from_dict({"function_name": "shop"})
    assert demo_target().old_function_name == "orders-api"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="alice") as s:
        yield s


def workload(name: str = "orders-api") -> Workload:
    return Workload(function_name=name, region="us-east-1", runtime="python3.13", memory_mb=2048)


def test_an_empty_session_has_nothing_to_monitor(store) -> None:
    assert MonitorTarget.from_store(store) is None


def test_a_workload_gives_the_generated_names(store) -> None:
    store.put(workload(), expected_version=None)
    assert MonitorTarget.from_store(store) == MonitorTarget(function_name="orders-api", alias="live",
                                                            capacity_provider="orders-api-capacity")


def test_the_cutover_state_names_both_functions(store) -> None:
    store.put(workload(), expected_version=None)
    store.put(CutoverState(old_function_name="orders-api", old_qualifier="prod", new_function_name="orders-lmi",
                           new_version="4", new_alias="lmi"), expected_version=None)
    assert MonitorTarget.from_store(store) == MonitorTarget(
        function_name="orders-lmi", alias="lmi", version="4", capacity_provider="orders-lmi-capacity",
        old_function_name="orders-api", old_qualifier="prod")


def test_a_deployment_plan_names_the_function_alias_version_and_provider(store) -> None:
    store.put(workload(), expected_version=None)
    ref = "${step:publish-version.Version}"
    plan = DeploymentPlan(steps=[
        DeploymentStep(id="create-capacity-provider", title="t", service="lambda", operation="CreateCapacityProvider",
                       parameters={"CapacityProviderName": "orders-fleet"}),
        DeploymentStep(id="create-function", title="t", service="lambda", operation="CreateFunction",
                       parameters={"FunctionName": "orders-api-lmi", "CapacityProviderConfig": {
                           "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": "${step:x.Arn}"}}}),
        DeploymentStep(id="create-alias", title="t", service="lambda", operation="CreateAlias",
                       parameters={"FunctionName": "orders-api-lmi", "Name": "canary", "FunctionVersion": ref}),
    ])
    store.put(plan, expected_version=None)
    target = MonitorTarget.from_store(store)
    assert target == MonitorTarget(function_name="orders-api-lmi", alias="canary", version=None,
                                   capacity_provider="orders-fleet", old_function_name="orders-api")
