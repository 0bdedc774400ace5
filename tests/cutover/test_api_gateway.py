"""A REST API stage whose integration reads the function from a stage variable, on the moto server.

moto keeps REST APIs, resources, integrations, stages and stage variables, but ignores canarySettings (an
UpdateStage on /canarySettings/... is accepted and dropped; a CreateDeployment replaces the stage). So the two
canary calls — CreateDeployment with canarySettings and UpdateStage of /canarySettings/percentTraffic — are
checked with botocore's Stubber on the apigateway client (it validates each request against the service
model); discovery, the promotion (stage variable → LMI alias, canary removed) and the rollback after it run
against moto, which shows the stage variable's value."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from botocore.stub import Stubber

from tests.cutover.conftest import ACCOUNT, REGION, lmi_function, policy_principals
from workbench.cutover import (
    CutoverController,
    Decision,
    cutover_source,
    discover_sources,
    forward_calls,
    invoke_permission_missing,
    mechanism_options,
)
from workbench.models import CutoverState, ShiftMechanism

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
LAMBDA_URI = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:{REGION}:{ACCOUNT}:function:{{}}/invocations"


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def rest_api(moto, target: str = "${stageVariables.fn}", variables: dict | None = None) -> str:
    api = moto.client("apigateway")
    api_id = api.create_rest_api(name="orders-api")["id"]
    root = api.get_resources(restApiId=api_id)["items"][0]["id"]
    resource = api.create_resource(restApiId=api_id, parentId=root, pathPart="orders")["id"]
    api.put_method(restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    api.put_integration(restApiId=api_id, resourceId=resource, httpMethod="GET", type="AWS_PROXY",
                        integrationHttpMethod="POST", uri=LAMBDA_URI.format(target))
    api.create_deployment(restApiId=api_id, stageName="prod",
                          variables={"fn": "orders"} if variables is None else variables)
    moto.client("lambda").add_permission(
        FunctionName="orders", StatementId="apigw", Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com", SourceArn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api_id}/*/GET/orders")
    return api_id


def stage_variables(moto, api_id: str) -> dict:
    return moto.client("apigateway").get_stage(restApiId=api_id, stageName="prod")["variables"]


def stage_answer(api_id: str, **extra) -> dict:
    return {"stageName": "prod", "deploymentId": "base1", "variables": {"fn": "orders"}, **extra}


@pytest.fixture
def canary_plan(moto, session):
    moto.create_function("orders")
    lmi_function(moto)
    api_id = rest_api(moto)
    sources = discover_sources(session, "orders")
    state = CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                         new_version="1", region=REGION, mechanism=ShiftMechanism.API_GATEWAY_CANARY,
                         source=cutover_source(ShiftMechanism.API_GATEWAY_CANARY, sources, region=REGION))
    return api_id, sources, state


def test_discovery_finds_the_stage_and_its_variable(moto, session, recorder, canary_plan):
    api_id, sources, state = canary_plan
    rest = [s for s in sources if s.kind == "api-gateway-rest"]
    assert [(s.rest_api_id, s.stage, s.stage_variable, s.stage_variable_value) for s in rest] == [
        (api_id, "prod", "fn", "orders")]
    assert state.source.stage_variable_original == "orders"
    assert state.source.api_source_arn.endswith(f"{api_id}/*/GET/orders")
    options = {o.mechanism: o for o in mechanism_options(sources, old_is_lmi=False)}
    assert options[ShiftMechanism.API_GATEWAY_CANARY].supported
    assert "percentTraffic" in options[ShiftMechanism.API_GATEWAY_CANARY].why
    assert recorder.mutating == []


def test_canary_steps_then_promotion_then_rollback(moto, session, store, recorder, canary_plan):
    api_id, _, state = canary_plan
    clock = Clock(T0)
    ctl = CutoverController(store, author="alice", session=session, clock=clock)
    ctl.start(state)
    client = session.client("apigateway")
    stub = Stubber(client)

    start = ctl.propose(Decision.FORWARD)
    canary = {"percentTraffic": 10.0, "stageVariableOverrides": {"fn": "orders-lmi:live"}, "useStageCache": False}
    assert [c.operation for c in start.calls] == ["CreateDeployment"]
    assert start.calls[0].parameters["canarySettings"] == canary
    stub.add_response("create_deployment", {"id": "canary7"},
                      {"restApiId": api_id, "stageName": "prod", "canarySettings": canary,
                       "description": "LMI cutover canary: 10% to orders-lmi:live"})
    stub.add_response("update_stage", stage_answer(api_id, canarySettings={"deploymentId": "canary7",
                                                                           "percentTraffic": 50.0}),
                      {"restApiId": api_id, "stageName": "prod", "patchOperations": [
                          {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "50.0"}]})
    with stub:
        after = ctl.apply(start, confirmed_by="alice")
        assert after.source.canary_deployment_id == "canary7"
        clock.at = T0 + timedelta(minutes=31)
        after = ctl.apply(ctl.propose(Decision.FORWARD), confirmed_by="alice")
        stub.assert_no_pending_responses()
    assert after.traffic_on_lmi_pct == 50

    clock.at += timedelta(minutes=61)
    promote = ctl.propose(Decision.FORWARD)
    assert promote.calls[0].parameters["patchOperations"] == [
        {"op": "replace", "path": "/variables/fn", "value": "orders-lmi:live"},
        {"op": "remove", "path": "/canarySettings"}]
    ctl.apply(promote, confirmed_by="alice")  # against moto: it keeps stage variables
    assert stage_variables(moto, api_id) == {"fn": "orders-lmi:live"}

    back = ctl.propose(Decision.ROLLBACK)
    assert back.boto3_calls == [
        f'apigateway.update_stage(restApiId="{api_id}", stageName="prod", patchOperations=[{{"op": "replace", '
        '"path": "/variables/fn", "value": "orders"}])']
    state = ctl.apply(back, confirmed_by="bob")
    assert stage_variables(moto, api_id) == {"fn": "orders"}
    assert state.status.value == "rolled-back"
    assert recorder.mutating == ["apigateway:CreateDeployment", "apigateway:UpdateStage", "apigateway:UpdateStage",
                                 "apigateway:UpdateStage"]


def test_rollback_during_the_canary_removes_it(session, store, canary_plan):
    api_id, _, state = canary_plan
    ctl = CutoverController(store, author="alice", session=session)
    ctl.start(state)
    stub = Stubber(session.client("apigateway"))
    stub.add_response("create_deployment", {"id": "canary7"})
    stub.add_response("update_stage", stage_answer(api_id),
                      {"restApiId": api_id, "stageName": "prod",
                       "patchOperations": [{"op": "remove", "path": "/canarySettings"}]})
    with stub:
        ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
        ctl.apply(ctl.propose(Decision.ROLLBACK), confirmed_by="alice")
        stub.assert_no_pending_responses()


def test_the_first_step_can_grant_the_api_the_right_to_invoke_the_lmi_alias(moto, session, store, canary_plan):
    api_id, _, state = canary_plan
    source_arn = state.source.api_source_arn
    assert invoke_permission_missing(session, "orders-lmi", "live", principal="apigateway.amazonaws.com",
                                     source_arn=source_arn)
    state = state.model_copy(update={"source": state.source.model_copy(update={"grant_invoke_permission": True})})
    ctl = CutoverController(store, author="alice", session=session)
    ctl.start(state)
    proposal = ctl.propose(Decision.START)
    assert [c.operation for c in proposal.calls] == ["AddPermission", "CreateDeployment"]
    stub = Stubber(session.client("apigateway"))
    stub.add_response("create_deployment", {"id": "canary7"})
    with stub:
        ctl.apply(proposal, confirmed_by="alice")
    assert "apigateway.amazonaws.com" in policy_principals(moto.client("lambda"), "orders-lmi", "live")
    assert not invoke_permission_missing(session, "orders-lmi", "live", principal="apigateway.amazonaws.com",
                                         source_arn=source_arn)


def test_an_integration_that_names_the_function_cannot_take_a_canary(moto, session):
    moto.create_function("orders")
    rest_api(moto, target="orders", variables={})
    sources = discover_sources(session, "orders")
    rest = [s for s in sources if s.kind == "api-gateway-rest"]
    assert len(rest) == 1 and rest[0].stage_variable is None
    option = next(o for o in mechanism_options(sources, old_is_lmi=False)
                  if o.mechanism is ShiftMechanism.API_GATEWAY_CANARY)
    assert not option.supported and "stage variable" in option.why
    state = CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                         mechanism=ShiftMechanism.API_GATEWAY_CANARY,
                         source=cutover_source(ShiftMechanism.API_GATEWAY_CANARY, sources))
    with pytest.raises(ValueError, match="source.stage_variable"):
        forward_calls(state, 0)


def test_http_apis_have_no_canary(moto, session):
    moto.create_function("orders")
    http_id = moto.client("apigatewayv2").create_api(Name="orders-http", ProtocolType="HTTP")["ApiId"]
    moto.client("lambda").add_permission(
        FunctionName="orders", StatementId="http", Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com", SourceArn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{http_id}/*/*/orders")
    sources = discover_sources(session, "orders")
    assert [(s.kind, s.api_kind) for s in sources] == [("other", "http")]
    option = next(o for o in mechanism_options(sources, old_is_lmi=False)
                  if o.mechanism is ShiftMechanism.API_GATEWAY_CANARY)
    assert not option.supported and "HTTP APIs have no canary" in option.why
