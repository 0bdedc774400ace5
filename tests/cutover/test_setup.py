"""Planning a cutover (workbench.cutover.setup) against the moto server: discovery reads only (every operation a
Get or a List, recorded by a botocore before-call hook), the mechanisms offered follow what invokes the old
function, weighted alias routing between an LMI and a non-LMI version is listed as not supported with the reason,
and when AWS cannot be read (no credentials, access denied, --offline) the router can still be planned and
recorded. Defaults come from the session's store; nothing is written until the controller records the plan."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.aws._faults import FaultProxy, access_denied
from tests.cutover.conftest import ACCOUNT, REGION, Recorder, lmi_function
from tests.cutover.test_api_gateway import rest_api
from tests.cutover.test_event_source_mappings import queue_with_mapping
from workbench.aws.errors import ProblemKind
from workbench.aws.session import open_session
from workbench.cutover import CutoverController, CutoverError, forward_calls
from workbench.cutover.setup import propose_setup
from workbench.cutover.setup_names import SetupNames, setup_defaults
from workbench.models import (
    CutoverState,
    CutoverStatus,
    CutoverStep,
    DeploymentPlan,
    DeploymentStep,
    ShiftMechanism,
    Workload,
)

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
ALL = {ShiftMechanism.API_GATEWAY_CANARY, ShiftMechanism.EVENT_SOURCE_MAPPING, ShiftMechanism.WEIGHTED_ALIAS,
       ShiftMechanism.ROUTER}


def names(**changes) -> dict:
    return {"old_function": "orders", "new_function": "orders-lmi", "new_alias": "live", "new_version": "1",
            "region": REGION, **changes}


def by_mechanism(setup) -> dict:
    return {o.mechanism: o for o in setup.options}


def reads_only(recorder: Recorder) -> None:
    assert recorder.operations, "discovery made no call at all"
    assert recorder.mutating == [], f"discovery changed something: {recorder.mutating}"
    assert all(op.split(":", 1)[1].startswith(("Get", "List")) for op in recorder.operations), recorder.operations


def finished_plan(function: str = "orders-lmi", alias: str = "live", version: str = "3") -> DeploymentPlan:
    """A deployment plan that has run: the function, its published version (recorded output) and its alias."""
    done = {"status": "done", "started_at": T0, "finished_at": T0}
    return DeploymentPlan(region=REGION, mode="apply", confirmed_by="alice", confirmed_at=T0, steps=[
        DeploymentStep(id="create-capacity-provider", title="t", service="lambda",
                       operation="CreateCapacityProvider", parameters={"CapacityProviderName": "orders-fleet"},
                       **done),
        DeploymentStep(id="create-function", title="t", service="lambda", operation="CreateFunction",
                       parameters={"FunctionName": function}, **done),
        DeploymentStep(id="publish-version", title="t", service="lambda", operation="PublishVersion",
                       parameters={"FunctionName": function}, outputs={"Version": version}, **done),
        DeploymentStep(id="create-alias", title="t", service="lambda", operation="CreateAlias",
                       parameters={"FunctionName": function, "Name": alias,
                                   "FunctionVersion": "${step:publish-version.Version}"},
                       sent={"FunctionName": function, "Name": alias, "FunctionVersion": version}, **done),
    ])


# ----------------------------------------------------------------------------------------------- discovery on moto

def test_an_sqs_mapping_offers_the_event_source_mapping_and_the_plan_is_recorded(moto, session, store, recorder):
    moto.create_function("orders")
    lmi_function(moto)
    arn, uuid = queue_with_mapping(moto, "orders-q")
    setup = propose_setup(session, store, **names())
    reads_only(recorder)
    options = by_mechanism(setup)
    assert set(options) == ALL  # every mechanism is listed, offered or not
    assert options[ShiftMechanism.EVENT_SOURCE_MAPPING].supported
    assert "all of its records at once" in options[ShiftMechanism.EVENT_SOURCE_MAPPING].why
    assert not options[ShiftMechanism.API_GATEWAY_CANARY].supported
    assert "No API Gateway REST API" in options[ShiftMechanism.API_GATEWAY_CANARY].why
    assert [o.mechanism for o in setup.options[:2]] == [ShiftMechanism.EVENT_SOURCE_MAPPING, ShiftMechanism.ROUTER]
    assert setup.discovery == "done" and "Found 1 invocation source of orders" in setup.reason
    assert setup.draft.mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING
    assert setup.draft.source.esm_uuids == [uuid] and setup.draft.source.event_source_arn == arn
    assert store.get(CutoverState) is None  # proposing writes nothing

    steps = [CutoverStep(traffic_pct=100, bake_minutes=60)]
    plan = setup.plan(ShiftMechanism.EVENT_SOURCE_MAPPING, steps=steps)
    CutoverController(store, author="alice").start(plan)
    stored = store.get(CutoverState).doc
    assert (stored.mechanism, stored.status, stored.steps) == (ShiftMechanism.EVENT_SOURCE_MAPPING,
                                                                CutoverStatus.PLANNED, steps)
    assert stored.source.esm_original_functions[uuid].endswith(":function:orders")
    assert [c.parameters["FunctionName"] for c in forward_calls(stored, 0)] == [
        f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:orders-lmi:live"]
    reads_only(recorder)  # recording the plan called nothing


def test_a_rest_api_reading_a_stage_variable_offers_the_canary_with_the_permission_it_needs(moto, session, store,
                                                                                             recorder):
    moto.create_function("orders")
    lmi_function(moto)
    api_id = rest_api(moto)
    setup = propose_setup(session, store, **names())
    reads_only(recorder)
    assert {"apigateway:GetRestApi", "apigateway:GetResources", "apigateway:GetStages", "lambda:GetPolicy",
            "lambda:ListEventSourceMappings", "lambda:ListAliases",
            "lambda:GetFunctionConfiguration"} <= set(recorder.operations)
    canary = by_mechanism(setup)[ShiftMechanism.API_GATEWAY_CANARY]
    assert canary.supported and f"{api_id}/prod" in canary.why
    assert setup.options[0] is canary and setup.draft.mechanism is ShiftMechanism.API_GATEWAY_CANARY
    source = setup.draft.source
    assert (source.rest_api_id, source.stage_name, source.stage_variable, source.stage_variable_original) == (
        api_id, "prod", "fn", "orders")
    # moto's orders-lmi has no resource policy: API Gateway may not invoke the alias yet, so step 1 grants it
    assert source.grant_invoke_permission
    assert any("API Gateway may not invoke orders-lmi:live" in n for n in setup.notes)
    assert [c.operation for c in forward_calls(setup.draft, 0)] == ["AddPermission", "CreateDeployment"]


def test_weighted_alias_between_an_lmi_and_a_non_lmi_version_is_listed_as_not_supported(moto, session, store,
                                                                                         recorder):
    moto.create_function("orders")
    client = moto.client("lambda")
    client.create_alias(FunctionName="orders", Name="prod",
                        FunctionVersion=client.publish_version(FunctionName="orders")["Version"])
    lmi_function(moto)
    for new_function in ("orders-lmi", "orders"):  # another function, or an LMI version of the old one
        setup = propose_setup(session, store, **names(old_qualifier="prod", new_function=new_function))
        alias = by_mechanism(setup)[ShiftMechanism.WEIGHTED_ALIAS]
        assert not alias.supported
        assert "weighted alias routing between an LMI version and a non-LMI version is not supported" in alias.why
        with pytest.raises(CutoverError, match=r"mechanism: weighted alias is not offered here: .*not supported"):
            setup.plan(ShiftMechanism.WEIGHTED_ALIAS)
        assert setup.draft.mechanism is ShiftMechanism.ROUTER  # the only one left here
    reads_only(recorder)
    assert client.get_alias(FunctionName="orders", Name="prod").get("RoutingConfig") in (
        None, {}, {"AdditionalVersionWeights": {}})


def test_an_lmi_alias_that_does_not_exist_yet_is_noted_and_the_plan_can_still_be_recorded(moto, session, store,
                                                                                           recorder):
    moto.create_function("orders")
    queue_with_mapping(moto, "orders-q")
    setup = propose_setup(session, store, **names(new_function="orders-next"))
    assert any("orders-next:live does not exist yet: deploy the LMI version" in n for n in setup.notes)
    assert setup.draft.mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING
    reads_only(recorder)


def test_replanning_prefers_the_recorded_mechanism_while_it_is_offered(moto, session, store, recorder):
    moto.create_function("orders")
    lmi_function(moto)
    queue_with_mapping(moto, "orders-q")
    first = propose_setup(session, store, **names())
    CutoverController(store, author="alice").start(first.plan(ShiftMechanism.ROUTER))
    again = propose_setup(session, store, **names())
    assert again.draft.mechanism is ShiftMechanism.ROUTER  # the recorded choice, not the first offered
    assert again.options[0].mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING and again.options[0].supported
    assert again.replaces.startswith("the plan alice recorded (orders → orders-lmi:live via router")
    reads_only(recorder)


def test_without_credentials_discovery_says_so_and_the_router_is_planned_and_recorded(moto, store, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    session = open_session(moto.settings(REGION), max_attempts=1)
    setup = propose_setup(session, store, **names())
    assert setup.discovery == "failed" and setup.problem.kind is ProblemKind.NO_CREDENTIALS
    assert "No AWS credentials found" in setup.reason and "reading what invokes orders failed" in setup.reason
    assert [o.mechanism for o in setup.supported] == [ShiftMechanism.ROUTER]
    options = by_mechanism(setup)
    assert set(options) == ALL
    assert "Not offered without discovery: reading what invokes orders failed: No AWS credentials" in \
        options[ShiftMechanism.EVENT_SOURCE_MAPPING].why
    assert "not supported" in options[ShiftMechanism.WEIGHTED_ALIAS].why
    with pytest.raises(CutoverError, match="event source mapping is not offered here"):
        setup.plan(ShiftMechanism.EVENT_SOURCE_MAPPING)
    CutoverController(store, author="alice").start(setup.plan(ShiftMechanism.ROUTER))
    assert store.get(CutoverState).doc.mechanism is ShiftMechanism.ROUTER


def test_access_denied_names_the_permission_and_the_router_is_still_offered(moto, store):
    moto.create_function("orders")
    queue_with_mapping(moto, "orders-q")

    def deny(seen, before):
        return access_denied("lambda:ListEventSourceMappings") if "event-source-mappings" in seen.path else None

    with FaultProxy(moto.endpoint, deny) as proxy:
        session = open_session(moto.settings(REGION, endpoint_url=proxy.endpoint), max_attempts=1)
        recorder = Recorder(session)
        setup = propose_setup(session, store, **names())
        assert len(proxy.faults) == 1
    assert setup.problem.kind is ProblemKind.DENIED
    assert "lambda:ListEventSourceMappings" in setup.reason
    assert [o.mechanism for o in setup.supported] == [ShiftMechanism.ROUTER]
    assert setup.draft.mechanism is ShiftMechanism.ROUTER
    reads_only(recorder)
    CutoverController(store, author="alice").start(setup.draft)
    assert store.get(CutoverState).doc.mechanism is ShiftMechanism.ROUTER


def test_offline_skips_discovery_with_the_reason(store):
    setup = propose_setup(None, store, **names(), skip_reason="this run is offline (--offline)")
    assert setup.discovery == "skipped" and setup.reason == "this run is offline (--offline)"
    assert [o.mechanism for o in setup.supported] == [ShiftMechanism.ROUTER]
    assert "Discovery did not run (this run is offline (--offline))" in setup.supported[0].why
    assert setup.draft.mechanism is ShiftMechanism.ROUTER and forward_calls(setup.draft, 0) == []


def test_the_demo_offers_its_own_canary_and_the_router(store):
    from workbench.demo import DEMO_REST_API_ID, demo_cutover_session, load_demo

    load_demo(store)
    setup = propose_setup(None, store, old_function="orders-api", old_qualifier="prod",
                          new_function="orders-api-lmi", new_alias="live", new_version="1", demo=True)
    options = by_mechanism(setup)
    assert [o.mechanism for o in setup.supported] == [ShiftMechanism.API_GATEWAY_CANARY, ShiftMechanism.ROUTER]
    assert "stand-in answers the calls" in options[ShiftMechanism.API_GATEWAY_CANARY].why
    assert not options[ShiftMechanism.WEIGHTED_ALIAS].supported
    assert setup.draft.source.rest_api_id == DEMO_REST_API_ID
    assert setup.replaces and "orders-api → orders-api-lmi:live via API Gateway canary" in setup.replaces
    CutoverController(store, author="alice").start(setup.plan(ShiftMechanism.API_GATEWAY_CANARY))
    assert demo_cutover_session(store) is not None  # the demo's stand-in still drives the plan as recorded
    other = propose_setup(None, store, old_function="billing", new_function="billing-lmi", new_alias="live",
                          demo=True)
    assert [o.mechanism for o in other.supported] == [ShiftMechanism.ROUTER]
    assert "the demo has no AWS account to read" in other.reason


# ----------------------------------------------------------------------------------------------- defaults and checks

def test_defaults_come_from_the_workload_and_the_finished_deployment_plan(store):
    assert setup_defaults(store).names == SetupNames(old_function="", new_function="")
    store.put(Workload(function_name="orders", region=REGION, runtime="python3.13", memory_mb=2048),
              expected_version=None)
    store.put(finished_plan(), expected_version=None)
    defaults = setup_defaults(store, region="eu-west-1")
    assert defaults.names == SetupNames(old_function="orders", new_function="orders-lmi", new_alias="live",
                                        new_version="3", region=REGION)
    assert [s.traffic_pct for s in defaults.steps] == [10, 50, 100]
    assert defaults.replaces is None and defaults.under_way is None


def test_a_recorded_plan_gives_its_steps_and_is_replaced_but_one_under_way_is_not(store):
    steps = [CutoverStep(traffic_pct=25, bake_minutes=5), CutoverStep(traffic_pct=100, bake_minutes=5)]
    state = CutoverState(old_function_name="orders", old_qualifier="prod", new_function_name="orders-lmi",
                         new_alias="live", new_version="3", mechanism=ShiftMechanism.ROUTER, steps=steps)
    CutoverController(store, author="alice").start(state)
    defaults = setup_defaults(store)
    assert list(defaults.steps) == steps and defaults.names.old_qualifier == "prod"
    assert defaults.mechanism is ShiftMechanism.ROUTER
    assert defaults.replaces == "the plan alice recorded (orders → orders-lmi:live via router (manual))"
    assert list(propose_setup(None, store, **names()).draft.steps) == steps
    stored = store.get(CutoverState)
    store.put(stored.doc.model_copy(update={"status": CutoverStatus.BAKING, "current_step": 0}),
              expected_version=stored.version)
    assert "under way (baking, 25% on LMI)" in setup_defaults(store).under_way


@pytest.mark.parametrize("fields, message", [
    ({"old_function": ""}, "old_function: required"),
    ({"old_function": "orders api"}, "old_function: must be 1–64 letters.*'orders api'"),
    ({"new_alias": "123"}, "new_alias: must be .*not only digits.*'123'"),
    ({"new_version": "v3"}, r"new_version: must be a published version number .*'v3'"),
    ({"region": "Mars"}, "region: must be a Region code"),
])
def test_bad_names_are_refused_naming_the_field_and_the_value(store, fields, message):
    with pytest.raises(CutoverError, match=message):
        propose_setup(None, store, **names(**fields))


def test_names_changed_since_discovery_need_discovery_again_except_for_the_router(moto, session, store):
    moto.create_function("orders")
    queue_with_mapping(moto, "orders-q")
    setup = propose_setup(session, store, **names())
    moved = SetupNames.of(**names(old_function="billing"))
    with pytest.raises(CutoverError, match="old_function: the invocation sources were discovered for orders"):
        setup.plan(ShiftMechanism.EVENT_SOURCE_MAPPING, names=moved)
    assert setup.plan(ShiftMechanism.ROUTER, names=moved).old_function_name == "billing"
    unnamed = propose_setup(session, store, **names(new_alias="", new_version=""))
    with pytest.raises(CutoverError, match="new_alias: .*set new_alias .*or new_version"):
        unnamed.plan(ShiftMechanism.EVENT_SOURCE_MAPPING)
    assert unnamed.draft.mechanism is ShiftMechanism.ROUTER  # the mapping cannot be drafted without a target
    assert any("event source mapping: new_alias" in n for n in unnamed.notes)
    with pytest.raises(CutoverError, match="the last step must send 100%"):
        setup.plan(ShiftMechanism.ROUTER, steps=[CutoverStep(traffic_pct=10, bake_minutes=5)])
