"""A run that dies part-way leaves an honest record; the next run skips what is done, re-checks what was in
flight, and creates nothing twice."""

from __future__ import annotations

import pytest

from tests.deploy.conftest import REGION, no_sleep
from workbench.deploy import DeploymentRunner, build_plan, save_plan
from workbench.iac import IacOptions
from workbench.models import DeploymentPlan
from workbench.models.deploy import StepStatus


class Crash(Exception):
    """Stands for the process dying (power cut, kill -9) at a chosen moment."""


def setup(store, workload, config, code_dir, options=None) -> DeploymentPlan:
    plan = build_plan(workload, config, options or IacOptions(scheduled_scaling=True), region=REGION,
                      function_code=code_dir)
    save_plan(store, plan)
    return plan


def run(store, lmi, **kw):
    return DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep,
                            **kw).apply("default", confirmed_by="ana")


def statuses(store) -> dict[str, StepStatus]:
    return {s.id: s.status for s in store.get(DeploymentPlan, "default").doc.steps}


def test_a_crash_between_steps_resumes_after_the_last_finished_step(moto, lmi, recorder, store, workload, config,
                                                                    code_dir) -> None:
    plan = setup(store, workload, config, code_dir)

    def die_after_version(event) -> None:
        if event.phase == "done" and event.step.id == "publish-version":
            raise Crash()

    with pytest.raises(Crash):
        run(store, lmi, on_progress=die_after_version)
    record = statuses(store)
    order = [s.id for s in plan.steps]
    cut = order.index("publish-version")
    assert all(record[i] is StepStatus.DONE for i in order[:cut + 1])
    assert all(record[i] is StepStatus.PENDING for i in order[cut + 1:])
    first_run = list(recorder.mutating)

    result = run(store, lmi)
    assert result.outcome == "completed", result.message
    lmi.assert_every_call_validated()
    # Across both runs every call was made exactly once: nothing done was repeated.
    calls = [s.operation for s in plan.steps if s.kind.value == "call"]
    assert first_run[-1] == "PublishVersion"
    assert recorder.mutating == calls
    assert [v["Version"] for v in moto.client("lambda").list_versions_by_function(
        FunctionName="orders-api")["Versions"]] == ["$LATEST", "1"]


@pytest.mark.parametrize("operation", ["CreateRole", "CreateFunction", "PublishVersion", "CreateAlias",
                                       "PutMetricAlarm", "CreateSchedule"])
def test_a_crash_after_the_call_but_before_its_record_adopts_what_it_created(moto, lmi, recorder, store, workload,
                                                                          config, code_dir, operation) -> None:
    """The call reached AWS, then the process died before writing 'done': the step stays 'running'. The next
    run re-checks it with a read-only call and adopts the resource instead of creating it again."""
    plan = setup(store, workload, config, code_dir)
    target = next(s.id for s in plan.steps if s.operation == operation)
    crashed: list[str] = []

    def die_once(http_response=None, parsed=None, model=None, **_) -> None:
        if model.name == operation and not crashed:
            crashed.append(model.name)
            raise Crash()

    clients = [lmi.session.client(service, REGION) for service in ("iam", "cloudwatch", "scheduler")] + [lmi.client]
    for client in clients:
        client.meta.events.register("after-call.*.*", die_once, unique_id="crash-after-call")
    with pytest.raises(Crash):
        run(store, lmi)
    for client in clients:
        client.meta.events.unregister("after-call.*.*", unique_id="crash-after-call")
    assert statuses(store)[target] is StepStatus.RUNNING

    result = run(store, lmi)
    assert result.outcome == "completed", result.message
    step = result.plan.step(target)
    assert step.adopted and step.status is StepStatus.DONE
    assert recorder.count(operation) == sum(1 for s in plan.steps if s.operation == operation)
    assert [v["Version"] for v in moto.client("lambda").list_versions_by_function(
        FunctionName="orders-api")["Versions"]] == ["$LATEST", "1"]


def test_a_crash_right_after_the_running_record_sends_the_call_once(lmi, recorder, store, workload, config,
                                                                   code_dir) -> None:
    """Died after writing 'running' but before the call: the re-check finds nothing, so the call is made once."""
    plan = setup(store, workload, config, code_dir, IacOptions())

    def die_on_start(event) -> None:
        if event.phase == "started" and event.step.id == "create-function":
            raise Crash()

    with pytest.raises(Crash):
        run(store, lmi, on_progress=die_on_start)
    assert statuses(store)["create-function"] is StepStatus.RUNNING
    assert recorder.count("CreateFunction") == 0
    result = run(store, lmi)
    assert result.outcome == "completed", result.message
    assert recorder.count("CreateFunction") == 1 and recorder.count("GetFunction") == 1
    assert not result.plan.step("create-function").adopted
    assert len(plan.steps) == len(result.plan.steps)


def test_two_runners_on_one_plan_cannot_both_claim_a_step(lmi, recorder, store, tmp_path, workload, config,
                                                         code_dir) -> None:
    """The store's compare-and-set on every step write: a runner holding a stale copy stops with a conflict."""
    from workbench.store import Store, StoreConflict

    setup(store, workload, config, code_dir, IacOptions())
    other = Store.open(store.path, author="bob")
    try:
        slow = DeploymentRunner(other, lmi.session, author="bob", clients=lmi.clients, sleep=no_sleep)
        slow._load("default")  # bob's runner has read the plan...

        def bob_writes_now(event) -> None:
            if event.phase == "done" and event.step.id == "create-execution-role":
                slow._plan = slow._plan.model_copy(update={"notes": ["bob was here"]})
                with pytest.raises(StoreConflict):
                    slow._save("stale write")

        assert run(store, lmi, on_progress=bob_writes_now).outcome == "completed"
    finally:
        other.close()
    assert recorder.count("CreateRole") == 2


def test_a_latest_published_version_is_not_taken_for_the_numbered_one_it_published() -> None:
    """ListVersionsByFunction of an LMI function can list $LATEST.PUBLISHED: the re-check of PublishVersion adopts
    only a numbered version that names this deployment."""
    from workbench.deploy import adoption
    from workbench.models import DeploymentStep

    step = DeploymentStep(id="publish-version", title="Publish", service="lambda", operation="PublishVersion",
                          parameters={"FunctionName": "fn"})
    versions = [{"Version": "$LATEST"}, {"Version": "$LATEST.PUBLISHED", "Description": "deployment dep-1"},
                {"Version": "2", "Description": "LMI version published by lmi-workbench deployment dep-1"}]

    def no_call(*_):
        raise AssertionError("no other call")

    found = adoption.probe(step, {"FunctionName": "fn"}, deployment_id="dep-1", call=no_call,
                           list_all=lambda *_: versions)
    assert found.kind == "ours" and found.outputs["Version"] == "2"
    assert adoption.probe(step, {"FunctionName": "fn"}, deployment_id="dep-1", call=no_call,
                          list_all=lambda *_: versions[:2]).kind == "absent"
