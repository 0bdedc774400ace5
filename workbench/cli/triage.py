"""`lmi-workbench triage`: every Lambda function of one or more Regions, ranked by the monthly saving LMI would
bring and by fit — the same table as the triage pane, headless (table, JSON or CSV on standard output).

Read-only: ListFunctions and batched GetMetricData (500 queries a call). Problems go to standard error;
exit 0 when every Region was read, 1 when any Region could not be (the others are still printed), 2 for
bad options.
"""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import EXIT_FAILURE, EXIT_OK, CliError, report

NAME = "triage"
FORMATS = ("table", "json", "csv")


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--days takes a whole number of days (got {text!r})") from None
    if not 1 <= value <= 63:
        raise argparse.ArgumentTypeError(f"--days must be from 1 to 63 (got {value})")
    return value


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="rank a Region's Lambda functions by the monthly saving LMI would bring (reads AWS, changes nothing)",
        description="Read every Lambda function of the given Regions and their CloudWatch history, price each "
                    "on standard Lambda and on LMI, and print them ranked by the estimated monthly saving and "
                    "by fit. Read-only; credentials come from the standard AWS chain.",
    )
    aws = parser.add_argument_group("AWS")
    aws.add_argument("--region", dest="regions", metavar="REGION", action="append", default=None,
                     help="a Region to triage; repeat for several (default: --region given before the "
                          "command, AWS_REGION, or your profile's Region)")
    aws.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                     help="AWS profile from your shared config (default: AWS_PROFILE or the default chain)")
    aws.add_argument("--endpoint-url", metavar="URL", default=argparse.SUPPRESS,
                     help="send AWS calls to this endpoint instead (e.g. a local emulator)")
    what = parser.add_argument_group("what to read")
    what.add_argument("--days", type=_days, default=14, help="days of CloudWatch history (default 14)")
    what.add_argument("--filter", dest="name_filter", metavar="TEXT", default="",
                      help="only functions whose name contains TEXT (or matches a glob such as 'orders-*')")
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    out.add_argument("--sort", choices=("saving", "fit"), default="saving",
                     help="rank by saving (ties by fit; default) or by fit (ties by saving)")
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                        help="triage the demo's sample workload instead (no AWS account needed)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.aws.errors import AwsProblem
    from workbench.aws.session import open_session
    from workbench.aws.triage_report import render
    from workbench.flows.aws import triage
    from workbench.config import AwsSettings

    if getattr(args, "demo", False):
        from workbench.aws.triage import demo_triage

        text = render(demo_triage(args.days), args.format)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        print("DEMO: the demo's sample workload, priced and assessed; nothing was read from AWS.", file=sys.stderr)
        return EXIT_OK
    if getattr(args, "offline", False):
        raise CliError("triage reads your AWS account; it cannot run with --offline")
    regions = list(args.regions or [])
    top = getattr(args, "region", None)
    if not regions and top:
        regions = [top]
    settings = AwsSettings.from_env(profile=getattr(args, "profile", None), region=regions[0] if regions else top,
                                    endpoint_url=getattr(args, "endpoint_url", None))
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int, message: str) -> None:
        if interactive:
            print(f"\r\033[K{message}", end="", file=sys.stderr, flush=True)

    try:
        session = open_session(settings)
    except AwsProblem as problem:
        raise CliError(problem.message, exit_code=EXIT_FAILURE) from None
    done = triage(session, regions, days=args.days, name_filter=args.name_filter, sort_by=args.sort,
                  on_progress=progress)
    if interactive:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    if done.result is None:  # nothing could be asked (an unknown Region, expired credentials, cancelled)
        raise CliError(done.message, exit_code=EXIT_FAILURE)
    for note in done.notes[1:]:  # after the summary line: each Region's problem, each empty Region
        report(note.text.removeprefix("• "))
    if done.all_failed:
        return EXIT_FAILURE
    text = render(done.result, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()
    return EXIT_FAILURE if done.result.problems else EXIT_OK
