"""The guided deployment: the plan of AWS calls that deploys an LMI configuration, its runner, and its cleanup.

Everything a caller (the Deploy pane, ``lmi-workbench deploy``) needs:

    from workbench.deploy import build_plan, save_plan, DeploymentRunner, build_cleanup_plan

    plan = build_plan(workload, config, options, region="us-east-1", function_code="src/", session=session)
    print(render_text(plan))                       # the exact calls and parameters; nothing has been called
    save_plan(store, plan)                         # refuses to replace a plan that has already run steps
    runner = DeploymentRunner(store, session, author="ana", on_progress=show, cancel=stop)
    result = runner.apply(plan.id, confirmed_by="ana")       # resumable: run it again after a crash or failure

    cleanup = build_cleanup_plan(store, plan.id)   # removes only what that deployment created
    save_plan(store, cleanup)
    runner.apply(cleanup.id, confirmed_by="ana")

* :mod:`workbench.deploy.plan_build` — :func:`build_plan`: every call and its parameters, :class:`PlanError`.
* :mod:`workbench.deploy.plan_refs` — references (``${step:ID.Path}``, ``${aws:account-id}``), the code zip and
  its ``${zip:…}`` reference; resolving them when a step runs.
* :mod:`workbench.deploy.plan` — the plan as a record: :func:`render_text`, :func:`save_plan`, the predicates.
* :mod:`workbench.deploy.runner` — :class:`DeploymentRunner`, :class:`StepEvent`, :class:`RunResult`.
* :mod:`workbench.deploy.clients` — the :class:`Clients` seam (:class:`SessionClients`, :class:`RoutedClients`)
  and one call made through it; :mod:`workbench.deploy.adoption` — whether what a step creates already exists
  and is this deployment's; :mod:`workbench.deploy.answers` — AWS answers as recorded data.
* :mod:`workbench.deploy.cleanup` — :func:`build_cleanup_plan`.
* :mod:`workbench.deploy.reasons` — plain-words explanations of failures (state reason codes, AWS errors,
  waits that time out).

The runner is synchronous and blocking (waits poll for minutes): call it from a worker thread, pass a
``threading.Event`` as ``cancel`` and an ``on_progress`` callback; the store receives every step change, so a
pane can simply re-render from the store. Nothing here imports Textual; boto3 is imported when a call is made.
"""

from __future__ import annotations

from workbench.deploy.cleanup import build_cleanup_plan, cleanup_id_for
from workbench.deploy.clients import Clients, RoutedClients, SessionClients
from workbench.deploy.plan import (
    PlanExists,
    has_started,
    is_finished,
    is_mutating,
    needs_code,
    render_text,
    save_plan,
)
from workbench.deploy.plan_build import PlanError, build_plan
from workbench.deploy.reasons import Explanation
from workbench.deploy.runner import (
    DeploymentRunner,
    DeployRefused,
    RunResult,
    StepEvent,
)

__all__ = ["Clients", "DeployRefused", "DeploymentRunner", "Explanation", "PlanError", "PlanExists",
           "RoutedClients", "RunResult", "SessionClients", "StepEvent", "build_cleanup_plan", "build_plan",
           "cleanup_id_for", "has_started", "is_finished", "is_mutating", "needs_code", "render_text", "save_plan"]
