"""`lmi-workbench deploy`: the guided deployment, headless — show the plan, apply it, or clean it up.

    lmi-workbench deploy --plan [--function-code DIR] [--format text|json]   # never changes anything
    lmi-workbench deploy --apply [--yes] --function-code DIR                  # asks "Type yes to apply" first
    lmi-workbench deploy --cleanup [--yes]                                    # removes what --apply created
    lmi-workbench deploy --preflight [--format text|json]                     # read-only checks of the account

The session's store holds the plan and the record of every step: ``--apply`` after an interruption or a failure
resumes the stored plan (finished steps are skipped, an unfinished one is re-checked first); a finished plan
calls nothing. ``--plan`` reads the store read-only and works offline (``--offline``): it then plans to create
everything and leaves the account to be looked up when applied. ``--readonly`` and ``--offline`` refuse
``--apply`` and ``--cleanup``. Exit codes: 0 done (or nothing to do), 1 refused, failed or not confirmed,
2 bad options.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from workbench.cli.common import EXIT_FAILURE, EXIT_INCOMPLETE, EXIT_OK, CliError, confirm_apply, user_path

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.deploy.clients import Clients
    from workbench.flows.acting import Actor
    from workbench.flows.deploy import DeployInputs
    from workbench.models import DeploymentPlan
    from workbench.store import Store

NAME = "deploy"
FORMATS = ("text", "json")


def _ids(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME, parents=[parents.session, parents.author],
        help="deploy the session's LMI configuration through the AWS APIs (plan, apply after confirmation, cleanup)",
        description="Deploy the session's workload on Lambda Managed Instances: IAM roles, the capacity provider, "
                    "the function with its capacity-provider configuration, a version, its alias and scaling, "
                    "alarms and (optionally) scaling schedules. --plan shows every call and its parameters and "
                    "changes nothing; --apply asks for confirmation, then makes the calls, recording each step in "
                    "the session's store (run it again to resume); --cleanup removes only what --apply created.")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--plan", dest="action", action="store_const", const="plan",
                      help="print the plan: the exact calls and parameters (never changes anything)")
    what.add_argument("--apply", dest="action", action="store_const", const="apply",
                      help="make the calls after you type yes (resumes a plan that was interrupted)")
    what.add_argument("--cleanup", dest="action", action="store_const", const="cleanup",
                      help="remove what the deployment created, after you type yes")
    what.add_argument("--preflight", dest="action", action="store_const", const="preflight",
                      help="check the account first, read-only (subnets, egress, roles, architecture); exit code 1 "
                           "when a check fails, 3 when a check could not be made (no credentials, no answer)")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts and CI)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--plan-id", default="default", metavar="ID", help="the plan's id in the store")
    parser.add_argument("--function-code", type=user_path, metavar="DIR",
                        help="the function's code: a directory (zipped when applied) or a .zip file")
    parser.add_argument("--function-detached", action="store_true",
                        help="cleanup: the existing function has been detached from the capacity provider, so the "
                             "capacity provider and operator role may be removed too")
    aws = parser.add_argument_group("AWS")
    aws.add_argument("--region", metavar="REGION", default=argparse.SUPPRESS,
                     help="Region to deploy in (default: AWS_REGION, your profile's, or the workload's)")
    aws.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                     help="AWS profile from your shared config (default: AWS_PROFILE or the default chain)")
    aws.add_argument("--endpoint-url", metavar="URL", default=argparse.SUPPRESS,
                     help="send AWS calls to this endpoint instead (e.g. a local emulator)")
    aws.add_argument("--offline", action="store_true", default=argparse.SUPPRESS,
                     help="never call AWS (--plan only)")
    infra = parser.add_argument_group("infrastructure (as for `generate`)")
    infra.add_argument("--function-name", help="function name (default: the workload's)")
    infra.add_argument("--handler", dest="function_handler", help="handler (default: the runtime's usual)")
    infra.add_argument("--code", dest="code_location", default=None, metavar="S3URL",
                       help="s3://bucket/key.zip holding the code (instead of --function-code)")
    infra.add_argument("--capacity-provider-name", help="capacity provider name (default: <function>-capacity)")
    infra.add_argument("--alias", dest="alias_name", default="live", help="alias name (default: live)")
    infra.add_argument("--subnet-ids", type=_ids, metavar="IDS", help="comma-separated subnet ids")
    infra.add_argument("--security-group-ids", type=_ids, metavar="IDS", help="comma-separated security group ids")
    infra.add_argument("--scheduled-scaling", action="store_true",
                       help="add EventBridge Scheduler schedules that raise the minimum for business hours")
    infra.add_argument("--business-hours-start", default="cron(0 7 ? * MON-FRI *)", metavar="CRON")
    infra.add_argument("--business-hours-end", default="cron(0 19 ? * MON-FRI *)", metavar="CRON")
    infra.add_argument("--timezone", default="UTC", help="time zone of the schedules (default: UTC)")
    infra.add_argument("--alarm-topic-arn", metavar="ARN", help="SNS topic the alarms notify")
    infra.add_argument("--upgrade-runtime", metavar="RUNTIME", type=_runtime,
                       help="deploy the function on this runtime because LMI does not support its own (e.g. "
                            "python3.12 -> python3.13): your explicit choice, recorded in the plan with your name")
    parser.set_defaults(handler=run)


def _runtime(text: str) -> str:
    from workbench.iac.options import runtime_choice

    try:
        return runtime_choice(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# --- inputs ------------------------------------------------------------------------------------------------------

def _open(args: argparse.Namespace, *, write: bool) -> Store | None:
    from workbench.cli.common import (
        open_store,
        prepare_store_location,
        resolved_session,
        store_path_for,
    )
    from workbench.config import login_name

    session = resolved_session(args)
    path = store_path_for(args, session)
    prepare_store_location(path, user_given=args.store is not None, create=write)
    if not path.exists() and not write:
        return None
    store = open_store(path, author=getattr(args, "author", None) or login_name(), readonly=not write,
                       session=session)
    if write and args.demo:
        from workbench.cli.common import load_demo_into

        load_demo_into(store)
    return store


def _actor(args: argparse.Namespace, store: Store | None, region: str | None = None) -> Actor:
    """Who acts (the CLI's --author, else the store's, else the login name); --region wins over the workload's."""
    from workbench.flows.acting import Actor

    return Actor(author=_author(args, store), readonly=bool(getattr(args, "readonly", False)),
                 offline=bool(getattr(args, "offline", False)), region=region, region_first=True)


def _demo_workload(args: argparse.Namespace):
    if not args.demo:
        return None
    from workbench.demo import demo_documents
    from workbench.models import Workload

    return next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))


def _inputs(args: argparse.Namespace, store: Store | None, *, sizing_fallback: bool = False) -> DeployInputs:
    """The workload, its configuration and options (``flows.deploy.deploy_inputs``, as the Deploy pane's)."""
    from workbench.flows.deploy import DeployInputsMissing, deploy_inputs

    try:
        return deploy_inputs(store, _actor(args, store), _options(args), fallback_workload=_demo_workload(args),
                             sizing_fallback=sizing_fallback)
    except DeployInputsMissing as error:
        raise CliError(str(error), exit_code=EXIT_FAILURE) from None


def _options(args: argparse.Namespace):
    from workbench.iac import IacOptions

    extra = {"code_location": args.code_location} if args.code_location else {}
    return IacOptions(
        function_name=args.function_name, handler=args.function_handler,
        capacity_provider_name=args.capacity_provider_name, alias_name=args.alias_name,
        subnet_ids=args.subnet_ids or (), security_group_ids=args.security_group_ids or (),
        scheduled_scaling=args.scheduled_scaling, business_hours_start_cron=args.business_hours_start,
        business_hours_end_cron=args.business_hours_end, schedule_timezone=args.timezone,
        alarm_topic_arn=args.alarm_topic_arn, upgrade_runtime=getattr(args, "upgrade_runtime", None), **extra)


def _settings(args: argparse.Namespace, workload_region: str | None):
    from workbench.config import AwsSettings

    settings = AwsSettings.from_env(profile=getattr(args, "profile", None), region=getattr(args, "region", None),
                                    endpoint_url=getattr(args, "endpoint_url", None),
                                    offline=bool(getattr(args, "offline", False)))
    if settings.region is None and workload_region:
        settings = AwsSettings(settings.profile, workload_region, settings.endpoint_url, settings.offline)
    if settings.region is None:
        raise CliError("no Region: give --region (or set AWS_REGION, or a region on the workload)")
    return settings


def _session(settings, injected: AwsSession | None, *, required: bool) -> AwsSession | None:
    from workbench.aws.errors import AwsProblem
    from workbench.aws.session import open_session

    if injected is not None:
        return injected
    if settings.offline:
        return None
    try:
        return open_session(settings)
    except AwsProblem as problem:
        if required:
            raise CliError(problem.message, exit_code=EXIT_FAILURE) from None
        print(f"Planning offline: {problem.message}", file=sys.stderr)
        return None


# --- output --------------------------------------------------------------------------------------------------

def _show(plan: DeploymentPlan, fmt: str, out: TextIO) -> None:
    from workbench.deploy import render_text

    if fmt == "json":
        out.write(json.dumps(plan.model_dump(mode="json"), indent=2) + "\n")
    else:
        out.write(render_text(plan))
    out.flush()


def _acting_as(aws: AwsSession | None, region: str | None) -> str | None:
    """Who the calls will be made as (STS GetCallerIdentity), printed before the question and recorded with the
    confirmation; a failure stops here, before anything is confirmed or called."""
    from workbench.aws.errors import AwsProblem
    from workbench.aws.identity import caller_identity

    if aws is None:  # calls routed to injected clients (embedding, tests): no account to name
        return None
    try:
        identity = caller_identity(aws, region)
    except AwsProblem as problem:
        raise CliError(f"could not tell which AWS identity would make the calls, so nothing was confirmed or "
                       f"called: {problem.message}", exit_code=EXIT_FAILURE) from None
    print(f"Acting as {identity.arn}\n  account {identity.account}, Region {identity.region}", file=sys.stderr)
    return identity.describe()


def _progress(event) -> None:
    if event.phase in ("started", "done", "adopted", "failed", "cancelled"):
        mark = {"started": "…", "done": "✓", "adopted": "✓", "failed": "✗", "cancelled": "■"}[event.phase]
        print(f"[{event.index + 1}/{event.total}] {mark} {event.step.id}: {event.message}", file=sys.stderr,
              flush=True)
    elif event.phase == "polling" and sys.stderr.isatty():
        print(f"\r\033[K    {event.message}", end="", file=sys.stderr, flush=True)


# --- the command -------------------------------------------------------------------------------------------------

def run(args: argparse.Namespace, *, session: AwsSession | None = None, clients: Clients | None = None,
        sleep: Any = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """The `deploy` command. ``session``, ``clients``, ``sleep`` and ``stdin`` can be given (tests, embedding)."""
    from workbench.store import StoreConflict, StoreError

    out = stdout or sys.stdout
    action = args.action
    if action == "preflight":
        return _preflight(args, session, out)
    if action != "plan" and getattr(args, "readonly", False):
        raise CliError(f"--readonly: deploy --{action} changes your AWS account, so it is refused; use --plan to "
                       "see the plan")
    if action != "plan" and getattr(args, "offline", False):
        raise CliError(f"--offline: deploy --{action} needs AWS; use --plan to see the plan offline")
    store = _open(args, write=action != "plan")
    try:
        if action == "plan":
            return _plan(args, store, session, out)
        assert store is not None
        return _apply(args, store, session, clients, sleep, stdin or sys.stdin, out)
    except StoreConflict as error:
        raise CliError(f"{error} (is another deploy running on this session?)", exit_code=EXIT_FAILURE) from None
    except StoreError as error:
        raise CliError(str(error), exit_code=EXIT_FAILURE) from None
    finally:
        if store is not None:
            store.close()


def _preflight(args: argparse.Namespace, session: AwsSession | None, out: TextIO) -> int:
    """Read-only: the pre-flight checks (``flows.deploy.preflight``; only the offline ones with --offline or
    without credentials). The store is read, never written."""
    from workbench.deploy.preflight import preflight_dict, preflight_text
    from workbench.flows.deploy import preflight
    from workbench.models import CheckStatus

    store = _open(args, write=False)
    try:
        inputs = _inputs(args, store, sizing_fallback=True)
        settings = _settings(args, inputs.workload.region)
        actor = _actor(args, store, settings.region)
        result = preflight(store, actor, inputs.options, save=False, fallback_workload=_demo_workload(args),
                           session_factory=(lambda: session) if session is not None else
                           None if settings.offline else _opener(settings))
    finally:
        if store is not None:
            store.close()
    report = result.report
    if report is None:
        raise CliError(result.message, exit_code=EXIT_FAILURE)
    if result.severity != "information":
        print(result.message, file=sys.stderr)
    out.write(json.dumps(preflight_dict(report), indent=2) + "\n" if args.format == "json" else
              preflight_text(report))
    out.flush()
    if report.status is CheckStatus.FAIL:
        return EXIT_FAILURE
    # A check that could not be made is not a pass: a CI gate must not go green because it had no credentials.
    return EXIT_INCOMPLETE if report.status is CheckStatus.UNKNOWN else EXIT_OK


def _opener(settings) -> Callable[[], AwsSession]:
    def open_it() -> AwsSession:
        from workbench.aws.session import open_session

        return open_session(settings)
    return open_it


def _author(args: argparse.Namespace, store: Store | None) -> str:
    from workbench.config import login_name

    return getattr(args, "author", None) or (store.author if store is not None else None) or login_name()


def _build(args: argparse.Namespace, store: Store | None, session: AwsSession | None, *, required: bool,
           save: bool = False) -> tuple[DeploymentPlan, AwsSession | None]:
    """The plan (``flows.deploy.plan_deployment``, as the Deploy pane's); ``save`` stores it (--apply)."""
    from workbench.flows.deploy import plan_deployment

    inputs = _inputs(args, store)
    settings = _settings(args, inputs.workload.region)
    opened: list[AwsSession] = [session] if session is not None else []

    def open_it() -> AwsSession:
        if not opened:
            opened.append(_opener(settings)())
        return opened[0]

    result = plan_deployment(store, _actor(args, store, settings.region), inputs.options,
                             session_factory=None if settings.offline and session is None else open_it,
                             function_code=args.function_code, plan_id=args.plan_id, save=save,
                             session_required=required, fallback_workload=_demo_workload(args))
    if result.plan is None:
        raise CliError(result.message, exit_code=EXIT_FAILURE)
    if result.severity != "information":
        print(result.message, file=sys.stderr)
    return result.plan, opened[0] if opened else None


def _plan(args: argparse.Namespace, store: Store | None, session: AwsSession | None, out: TextIO) -> int:
    from workbench.deploy import has_started
    from workbench.deploy.plan import cleaned_up
    from workbench.models import DeploymentPlan

    stored = store.get(DeploymentPlan, args.plan_id) if store is not None else None
    if store is not None and stored is not None and has_started(stored.doc) and not cleaned_up(store, stored.doc):
        done = sum(1 for s in stored.doc.steps if s.status.value == "done")
        print(f"Plan {args.plan_id!r} has already run ({done} of {len(stored.doc.steps)} steps done): this is its "
              "record; deploy --apply resumes it.", file=sys.stderr)
        _show(stored.doc, args.format, out)
        return EXIT_OK
    plan, _ = _build(args, store, session, required=False)
    _show(plan, args.format, out)
    return EXIT_OK


def _apply(args: argparse.Namespace, store: Store, session: AwsSession | None, clients: Clients | None,
           sleep: Any, stdin: TextIO, out: TextIO) -> int:
    """--apply / --cleanup: the plan (resumed, built or the cleanup's), shown; who the calls are made as; the
    question; then ``flows.deploy.apply_deployment`` (as the Deploy pane's)."""
    from workbench.deploy import has_started, is_finished
    from workbench.deploy.plan import cleaned_up
    from workbench.flows.deploy import apply_deployment, prepare_cleanup
    from workbench.models import DeploymentPlan

    applied = store.get(DeploymentPlan, args.plan_id)
    aws = session
    if args.action == "apply":
        what = "deployment"
        if applied is not None and has_started(applied.doc) and not cleaned_up(store, applied.doc):
            plan = applied.doc
            if is_finished(plan):
                print(f"Plan {plan.id!r} is already applied: nothing to do (deploy --cleanup removes it).",
                      file=sys.stderr)
                return EXIT_OK
            print(f"Resuming plan {plan.id!r}: finished steps are skipped.", file=sys.stderr)
        else:
            plan, aws = _build(args, store, session, required=True, save=True)
    else:
        what = "cleanup"
        prepared = prepare_cleanup(store, _actor(args, store), args.plan_id, function_detached=args.function_detached)
        if prepared.plan is None:
            raise CliError(prepared.message, exit_code=EXIT_FAILURE)
        plan = prepared.plan
        if prepared.finished:
            if plan.steps:
                print("The cleanup has already finished: nothing to do.", file=sys.stderr)
            else:
                _show(plan, args.format, out)
            return EXIT_OK
    _show(plan, args.format, out)
    if aws is None and clients is None:
        aws = _session(_settings(args, plan.region), None, required=True)
    acting_as = _acting_as(aws, plan.region)
    upgrade = getattr(plan, "runtime_upgrade", None)
    if upgrade is not None:
        what += (f" (with the runtime upgrade {upgrade.from_runtime} → {upgrade.to_runtime}, chosen by "
                 f"{upgrade.chosen_by})")
    if not confirm_apply(args, stdin, what, without="apply without the question", declined="Nothing was changed."):
        return EXIT_FAILURE
    author = _author(args, store)
    result = apply_deployment(store, _actor(args, store), plan.id, confirmed_by=author, acting_as=acting_as,
                              session=aws, clients=clients, on_progress=_progress, sleep=sleep)
    if result.plan is None:
        raise CliError(result.message, exit_code=EXIT_FAILURE)
    if args.format == "json":
        out.write(json.dumps({"outcome": result.ended, "step": result.step_id,
                              "message": result.detail,
                              "plan": result.plan.model_dump(mode="json")}, indent=2) + "\n")
    else:
        out.write(result.message + "\n")
    out.flush()
    return EXIT_OK if result.ok else EXIT_FAILURE
