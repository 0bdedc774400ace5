"""`lmi-workbench monitor`: the cutover thresholds for one LMI function, headless — a table for people, JSON for
scripts. Read-only: CloudWatch GetMetricData only (or the simulator with --demo, or a recording with --replay).

Exit codes (the last refresh decides):
  0  every threshold is OK
  1  a threshold is breached
  2  bad options, or the metrics could not be read (the refresh failed or the values are stale)
  3  no breach, but some threshold had no data (nothing in the window, or no baseline to compare with)
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from datetime import timedelta
from typing import TYPE_CHECKING

from workbench.cli.common import EXIT_USAGE, CliError, report, user_path

if TYPE_CHECKING:
    from workbench.metrics.source import MetricsSource
    from workbench.monitor import MonitorSnapshot, MonitorTarget

NAME = "monitor"
WIDTH = 80
FORMATS = ("text", "json")
EXIT_OK, EXIT_BREACH, EXIT_ERROR, EXIT_NO_DATA = 0, 1, EXIT_USAGE, 3
RANGE_CHOICES = {"1h": timedelta(hours=1), "3h": timedelta(hours=3), "12h": timedelta(hours=12),
                 "24h": timedelta(hours=24), "3d": timedelta(days=3), "7d": timedelta(days=7)}

EPILOG = """exit codes (of the last refresh):
  0  every threshold is OK
  1  a threshold is breached
  2  bad options, or the metrics could not be read (refresh failed or values are stale)
  3  no breach, but some threshold had no data (empty window, or no old function to compare with)

The target: --function and --alias, else the recording's target (--replay), else the demo's (--demo), else
what the session's store describes (cutover state, deployment plan or workload)."""


def _positive(kind: str, low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{kind} takes a whole number (got {text!r})") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{kind} must be from {low} to {high} (got {value})")
        return value
    return parse


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME, parents=[parents.session],
        help="check an LMI function against the cutover thresholds (reads CloudWatch, changes nothing)",
        description="Read the LMI function's CloudWatch metrics (and the standard function's, for the "
                    "baselines) and print each cutover threshold: throttle rate, CPU high and low, memory, "
                    "execution-environment concurrency, error rate and p99 latency against the old function. "
                    "Refreshes every minute until Ctrl+C, or once with --once. Read-only.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = parser.add_argument_group("what to watch")
    what.add_argument("--function", dest="function_name", metavar="NAME", help="the LMI function")
    what.add_argument("--alias", metavar="ALIAS", help="the alias carrying the LMI traffic (needed with --function)")
    what.add_argument("--version", dest="function_version", metavar="N",
                      help="the published LMI version (execution-environment metrics are per version)")
    what.add_argument("--capacity-provider", metavar="NAME", help="the capacity provider the version runs on")
    what.add_argument("--old-function", metavar="NAME",
                      help="the standard Lambda function being replaced (the error-rate and latency baselines)")
    what.add_argument("--old-qualifier", metavar="ALIAS", help="the old function's alias or version, if any")
    source = parser.add_argument_group("where the numbers come from (default: CloudWatch)")
    source.add_argument("--scenario", metavar="NAME", default="healthy",
                        help="with --demo: the simulated behaviour, e.g. cpu-hot or throttling (default healthy; "
                             "a wrong name lists them all)")
    source.add_argument("--replay", metavar="FILE", type=user_path,
                        help="answer from a recording made with --record instead of CloudWatch")
    source.add_argument("--record", metavar="FILE", type=user_path,
                        help="append every fetch to FILE (JSON lines) for a later --replay")
    aws = parser.add_argument_group("AWS")
    aws.add_argument("--region", metavar="REGION", default=argparse.SUPPRESS, help="AWS Region of the function")
    aws.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help="AWS profile")
    aws.add_argument("--endpoint-url", metavar="URL", default=argparse.SUPPRESS,
                     help="send AWS calls to this endpoint instead (e.g. a local emulator)")
    run_group = parser.add_argument_group("running")
    run_group.add_argument("--once", action="store_true", help="refresh once, print, and exit")
    run_group.add_argument("--interval", type=_positive("--interval", 5, 3600), default=60, metavar="SECONDS",
                           help="seconds between refreshes without --once (default 60)")
    run_group.add_argument("--window", type=_positive("--window", 5, 1440), default=15, metavar="MINUTES",
                           help="the thresholds read the last MINUTES (default 15)")
    run_group.add_argument("--range", dest="range_name", choices=list(RANGE_CHOICES), default="3h",
                           help="how much history to fetch (default 3h)")
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text", help="text table or JSON (default text)")
    parser.set_defaults(handler=run)


# --- choosing the target and the source --------------------------------------------------------------------------
def _target(args: argparse.Namespace, recording_meta: dict | None) -> "MonitorTarget":
    from workbench.monitor import MonitorTarget, demo_target

    named = [o for o, v in (("--version", args.function_version), ("--capacity-provider", args.capacity_provider),
                            ("--old-function", args.old_function), ("--old-qualifier", args.old_qualifier),
                            ("--alias", args.alias)) if v]
    try:
        if args.function_name:
            if not args.alias:
                raise CliError("--function needs --alias (the alias that carries the LMI traffic, e.g. live)")
            return MonitorTarget(function_name=args.function_name, alias=args.alias, version=args.function_version,
                                 capacity_provider=args.capacity_provider, old_function_name=args.old_function,
                                 old_qualifier=args.old_qualifier)
        if named:
            raise CliError(f"{', '.join(named)} describe the function: name it with --function as well")
        if recording_meta is not None and "target" in recording_meta:
            return MonitorTarget.from_dict(recording_meta["target"])
        if args.demo:
            return demo_target()
    except ValueError as error:
        where = f"the recording {args.replay}: " if recording_meta is not None and not args.function_name else ""
        raise CliError(f"{where}{error}") from None
    found = _target_from_session(args)
    if found is None:
        raise CliError("nothing to monitor: name the function with --function NAME --alias ALIAS (or use --demo)")
    return found


def _target_from_session(args: argparse.Namespace) -> "MonitorTarget | None":
    from workbench.cli.common import open_store, resolved_session, store_path_for
    from workbench.config import login_name
    from workbench.monitor import MonitorTarget
    from workbench.store import StoreError

    session = resolved_session(args)
    path = store_path_for(args, session)
    if not path.is_file():
        return None
    store = open_store(path, author=getattr(args, "author", None) or login_name(), readonly=True, session=session)
    try:
        return MonitorTarget.from_store(store)
    except StoreError as error:
        raise CliError(str(error)) from None
    except ValueError as error:
        raise CliError(f"the session {session!r} does not name a function the monitor can watch: {error}") from None
    finally:
        store.close()


def _live_source(args: argparse.Namespace) -> "MetricsSource":
    from workbench.aws.errors import AwsProblem
    from workbench.aws.metrics_source import CloudWatchSource
    from workbench.aws.session import open_session
    from workbench.config import AwsSettings

    if getattr(args, "offline", False):
        raise CliError("monitor reads CloudWatch; it cannot run with --offline (use --demo or --replay FILE)")
    settings = AwsSettings.from_env(profile=getattr(args, "profile", None), region=getattr(args, "region", None),
                                    endpoint_url=getattr(args, "endpoint_url", None))
    try:
        return CloudWatchSource(open_session(settings))
    except AwsProblem as problem:
        raise CliError(problem.message) from None


# --- output --------------------------------------------------------------------------------------------------------
def _value(value: float | None, unit: str) -> str:
    """Up to 6 significant digits, so a value just over a boundary (1.0001%) never prints as the boundary."""
    if value is None:
        return "—"
    return f"{value:,.6g}{' ms' if unit == 'ms' else unit}"


def _limit(status) -> str:
    if status.threshold is None:
        return "(no baseline)"
    return f"{status.comparison} {_value(status.threshold, status.unit)}"


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False) or [indent]


def render_text(snapshot: "MonitorSnapshot") -> str:
    """The snapshot as a table that fits 80 columns: one row per threshold, its detail under it, and the action
    for every breach."""
    from workbench.monitor import ThresholdState
    from workbench.monitor.thresholds import span

    end = snapshot.window_end
    newest = snapshot.last_datapoint
    window = f"last {span(snapshot.window)} to {end:%Y-%m-%d %H:%M} UTC" if end else ""
    newest_text = f"newest LMI datapoint {newest:%H:%M} UTC" if newest else "no LMI datapoints in the range"
    lines = _wrapped(snapshot.target.describe(), "") + _wrapped(
        " · ".join(p for p in (snapshot.source, window, newest_text) if p), "")
    if snapshot.error or snapshot.stale_since:
        since = f" since {snapshot.stale_since:%Y-%m-%d %H:%M} UTC" if snapshot.stale_since else ""
        lines += _wrapped(f"STALE{since}: {snapshot.error or 'the source could not refresh'}", "")
    lines.append(f"{'STATE':<8} {'CHECK':<27} {'OBSERVED':>12}  FAILS WHEN")
    for s in snapshot.statuses:
        state = "BREACH" if s.state is ThresholdState.BREACH else s.state.value
        lines.append(f"{state:<8} {s.title:<27} {_value(s.observed, s.unit):>12}  {_limit(s)}")
        lines += _wrapped(s.detail, " " * 9)
        if s.state is ThresholdState.BREACH:
            lines += _wrapped(f"→ {s.advice}", " " * 9)
    breached = sum(1 for s in snapshot.statuses if s.state is ThresholdState.BREACH)
    empty = sum(1 for s in snapshot.statuses if s.state is ThresholdState.NO_DATA)
    lines.append(f"Result: {snapshot.state.value.upper()} ({breached} breached, {empty} without data, "
                 f"{len(snapshot.statuses) - breached - empty} OK)")
    return "\n".join(lines) + "\n"


def exit_code(snapshot: "MonitorSnapshot") -> int:
    from workbench.monitor import ThresholdState

    if snapshot.error is not None or snapshot.stale_since is not None:
        return EXIT_ERROR
    return {ThresholdState.OK: EXIT_OK, ThresholdState.BREACH: EXIT_BREACH,
            ThresholdState.NO_DATA: EXIT_NO_DATA}[snapshot.state]


def _emit(snapshot: "MonitorSnapshot", fmt: str, once: bool) -> int:
    if fmt == "json":
        data = snapshot.to_dict()
        data["exit_code"] = exit_code(snapshot)
        sys.stdout.write(json.dumps(data, indent=2 if once else None) + "\n")
    else:
        sys.stdout.write(render_text(snapshot))
    sys.stdout.flush()
    if snapshot.error:
        report(snapshot.error)
    return exit_code(snapshot)


# --- the command -----------------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> int:
    from workbench.metrics.simulated import SCENARIOS, SimulatedSource
    from workbench.monitor import MonitorSession, RecordingError, RecordingSource, ReplaySource

    if args.scenario not in SCENARIOS:
        raise CliError(f"--scenario must be one of {', '.join(SCENARIOS)} (got {args.scenario!r})")
    if args.scenario != "healthy" and not args.demo:
        raise CliError("--scenario chooses the simulator's behaviour: use it with --demo")
    if args.demo and args.replay:
        raise CliError("--demo and --replay are two different sources: choose one")
    if args.replay and args.record:
        raise CliError("--record copies a live source; it cannot be used with --replay")
    replay = None
    if args.replay:
        try:
            replay = ReplaySource(args.replay)
        except RecordingError as error:
            raise CliError(str(error)) from None
        if not replay.recording.fetches:
            raise CliError(f"the recording {args.replay} holds no fetches to replay")
    target = _target(args, replay.recording.meta if replay else None)
    source: MetricsSource = replay or (SimulatedSource(scenario=args.scenario) if args.demo else _live_source(args))
    if args.record:
        try:
            source = RecordingSource(source, args.record, meta={"target": target.to_dict()})
        except RecordingError as error:
            raise CliError(str(error)) from None
    session = MonitorSession(source, target, range_=RANGE_CHOICES[args.range_name],
                             window=timedelta(minutes=args.window))
    if replay is not None:
        moments = replay.recording.ends[-1:] if args.once else replay.recording.ends
        code = EXIT_ERROR
        for moment in moments:
            replay.as_of = moment
            code = _emit(session.refresh(moment), args.format, args.once)
        return code
    while True:
        code = _emit(session.refresh(), args.format, args.once)
        if args.once:
            return code
        if args.format == "text":
            sys.stdout.write(f"(next refresh in {args.interval} s; Ctrl+C to stop)\n\n")
            sys.stdout.flush()
        time.sleep(args.interval)
