"""Weighted alias routing: never offered between an LMI and a non-LMI version (newer AWS guidance says it is
not supported), offered between two LMI versions, where UpdateAlias weights them on the moto server."""

from __future__ import annotations

import pytest

from tests.cutover.conftest import REGION
from workbench.cutover import (
    CutoverController,
    CutoverError,
    Decision,
    cutover_source,
    discover_sources,
    forward_calls,
    function_is_lmi,
    mechanism_options,
)
from workbench.cutover.mechanisms import is_lmi_configuration
from workbench.models import CutoverState, CutoverStep, ShiftMechanism


def two_versions(moto) -> None:
    moto.create_function("orders")
    client = moto.client("lambda")
    client.publish_version(FunctionName="orders")
    client.create_alias(FunctionName="orders", Name="prod", FunctionVersion="1")
    client.update_function_code(FunctionName="orders", ZipFile=moto._zip)
    assert client.publish_version(FunctionName="orders")["Version"] == "2"


def alias_plan(sources, *, old_is_lmi: bool) -> CutoverState:
    return CutoverState(old_function_name="orders", old_qualifier="prod", new_function_name="orders", new_version="2",
                        region=REGION, old_is_lmi=old_is_lmi, new_is_lmi=True,
                        mechanism=ShiftMechanism.WEIGHTED_ALIAS,
                        source=cutover_source(ShiftMechanism.WEIGHTED_ALIAS, sources, region=REGION),
                        steps=[CutoverStep(traffic_pct=10, bake_minutes=0), CutoverStep(traffic_pct=100,
                                                                                        bake_minutes=0)])


def alias(moto) -> dict:
    return moto.client("lambda").get_alias(FunctionName="orders", Name="prod")


def test_not_offered_between_an_lmi_and_a_non_lmi_version(moto, session, store, recorder):
    two_versions(moto)
    sources = discover_sources(session, "orders", "prod")
    assert [(s.kind, s.alias_name, s.alias_version) for s in sources] == [("direct-alias", "prod", "1")]
    option = next(o for o in mechanism_options(sources, old_is_lmi=False, new_is_lmi=True)
                  if o.mechanism is ShiftMechanism.WEIGHTED_ALIAS)
    assert not option.supported and "not supported" in option.why
    state = alias_plan(sources, old_is_lmi=False)
    with pytest.raises(CutoverError, match="LMI version and a non-LMI version is not supported"):
        forward_calls(state, 0)
    with pytest.raises(CutoverError, match="not supported"):
        CutoverController(store, author="alice", session=session).start(state)
    assert "UpdateAlias" not in " ".join(recorder.operations)
    assert alias(moto).get("RoutingConfig") in (None, {}, {"AdditionalVersionWeights": {}})


def test_between_two_lmi_versions_the_alias_is_weighted_then_moved(moto, session, store, recorder):
    two_versions(moto)
    sources = discover_sources(session, "orders", "prod")
    option = next(o for o in mechanism_options(sources, old_is_lmi=True, new_is_lmi=True)
                  if o.mechanism is ShiftMechanism.WEIGHTED_ALIAS)
    assert option.supported and option.supports_partial
    ctl = CutoverController(store, author="alice", session=session)
    ctl.start(alias_plan(sources, old_is_lmi=True))
    start = ctl.propose(Decision.FORWARD)
    assert start.boto3_calls == ['lambda.update_alias(FunctionName="orders", Name="prod", FunctionVersion="1", '
                                 'RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}})']
    ctl.apply(start, confirmed_by="alice")
    assert alias(moto)["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}
    assert alias(moto)["FunctionVersion"] == "1"
    ctl.apply(ctl.propose(Decision.FORWARD), confirmed_by="alice")
    assert alias(moto)["FunctionVersion"] == "2"
    assert not (alias(moto).get("RoutingConfig") or {}).get("AdditionalVersionWeights")
    state = ctl.apply(ctl.propose(Decision.ROLLBACK), confirmed_by="alice")
    assert alias(moto)["FunctionVersion"] == "1" and state.traffic_on_lmi_pct == 0
    assert recorder.mutating == ["lambda:UpdateAlias"] * 3


def test_the_alias_must_weight_versions_of_one_function(moto, session):
    two_versions(moto)
    sources = discover_sources(session, "orders", "prod")
    option = next(o for o in mechanism_options(sources, old_is_lmi=True, same_function=False)
                  if o.mechanism is ShiftMechanism.WEIGHTED_ALIAS)
    assert not option.supported
    state = alias_plan(sources, old_is_lmi=True).model_copy(update={"new_function_name": "orders-lmi"})
    with pytest.raises(CutoverError, match="versions of one function"):
        forward_calls(state, 0)


def test_lmi_is_read_from_the_function_configuration(moto, session, recorder):
    moto.create_function("orders")
    assert function_is_lmi(session, "orders") is False  # moto has no capacity providers
    assert recorder.operations == ["lambda:GetFunctionConfiguration"]
    arn = "arn:aws:lambda:us-east-1:123456789012:capacity-provider:orders-cp"
    assert is_lmi_configuration({"CapacityProviderConfig": {
        "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": arn}}})
    assert not is_lmi_configuration({"FunctionName": "orders"})
