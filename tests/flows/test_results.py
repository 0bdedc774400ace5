"""One result type for every user action (issue 13 item 4): the deploy and cutover flows had their own
``ActionResult(ok, message, severity)`` beside ``FlowResult(outcome, notes)``; now every flow returns a
``FlowResult`` (or a subclass that adds what it made), which the App shows and the CLI prints one way."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import workbench.flows
from workbench.flows.result import DEFAULT_SEVERITY, OK_OUTCOMES, READONLY_TEXT, FlowResult, Note, Outcome


def _flow_modules():
    for info in pkgutil.iter_modules(workbench.flows.__path__):
        yield importlib.import_module(f"workbench.flows.{info.name}")


def _classes():
    for module in _flow_modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                yield cls


def test_every_result_class_of_the_flows_is_a_flow_result():
    results = [cls for cls in _classes() if hasattr(cls, "message") or hasattr(cls, "ok")]
    assert {cls.__name__ for cls in results} >= {"FlowResult", "SaveResult", "PlanResult", "ApplyResult",
                                                 "DecisionResult", "StepsResult", "ScanDone", "WorkloadRead"}
    others = [cls.__name__ for cls in results if not issubclass(cls, FlowResult)]
    assert others == [], f"a second result type in workbench.flows: {others}"
    for cls in results:  # ok, message and severity are derived from the outcome and the notes, never set apart
        fields = {f.name for f in dataclasses.fields(cls)}
        assert not fields & {"ok", "message", "severity"}, cls.__name__


def test_every_public_flow_function_that_returns_a_result_returns_a_flow_result():
    returning = []
    for module in _flow_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            annotation = inspect.signature(function).return_annotation
            try:
                returned = eval(annotation, vars(module)) if isinstance(annotation, str) else annotation  # noqa: S307
            except NameError:  # a type imported only for the type checker (not a result: those are module-level)
                continue
            for cls in getattr(returned, "__args__", (returned,)):
                if isinstance(cls, type) and (hasattr(cls, "message") or hasattr(cls, "ok")):
                    assert issubclass(cls, FlowResult), f"{module.__name__}.{name} returns {cls.__name__}"
                    returning.append(name)
    assert {"apply_deployment", "apply_decision", "save_document", "scan", "edit_steps", "preflight",
            "write_text_file"} <= set(returning)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_one_sentence_results_take_the_outcomes_severity_unless_told(outcome):
    made = FlowResult.of(outcome, "Said once.")
    assert made.notes == [Note("Said once.", DEFAULT_SEVERITY[outcome])]
    assert made.ok is (outcome in OK_OUTCOMES)
    assert FlowResult.of(outcome, "Told.", "error").severity == "error"
    assert FlowResult.of(outcome).message == "" and FlowResult.of(outcome).severity == "information"


def test_only_done_merged_and_unchanged_are_ok():
    assert OK_OUTCOMES == {Outcome.DONE, Outcome.MERGED, Outcome.UNCHANGED}
    for outcome in (Outcome.DECLINED, Outcome.REFUSED, Outcome.INVALID, Outcome.CONFLICT, Outcome.FAILED,
                    Outcome.CANCELLED):
        assert not FlowResult(outcome).ok


def test_a_subclass_keeps_what_the_flow_made():
    from workbench.flows.deploy import ApplyResult

    applied = ApplyResult.of(Outcome.CANCELLED, "Deployment cancelled: stopped.", ended="cancelled", step_id="s1")
    assert isinstance(applied, ApplyResult) and (applied.ended, applied.step_id) == ("cancelled", "s1")
    assert not applied.ok and applied.severity == "warning"


def test_read_only_is_said_the_same_way_by_every_flow_and_the_app(store):
    """Read-only: the document, readiness and cutover flows and the App's own refusal use one sentence."""
    import dataclasses as dc

    from workbench.flows.acting import Actor
    from workbench.flows.cutover import edit_steps, propose_decision
    from workbench.flows.result import readonly_refusal

    reader = Actor(author="ana", readonly=True)
    for result in (readonly_refusal(), propose_decision(store, reader, "forward"),
                   edit_steps(store, dc.replace(reader), "10/0, 100/0")):
        assert (result.outcome, result.message, result.severity) == (Outcome.REFUSED, READONLY_TEXT, "warning")
