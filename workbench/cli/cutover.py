"""`lmi-workbench cutover`: the guided cutover's decisions, headless — the same flows as the Monitor pane's keys.

    lmi-workbench cutover --forward [--yes] [--force-reason TEXT]   # shows the calls, asks "Type yes", runs them
    lmi-workbench cutover --hold | --rollback [--yes]
    lmi-workbench cutover --steps "10/30, 50/60, 100/60"            # traffic % / bake minutes per step
    lmi-workbench cutover --report FILE                             # the whole cutover as Markdown (- for stdout)

The plan itself is made in the workbench (Monitor pane, P). Every decision goes through
``workbench.flows.cutover``: the proposal's exact calls are printed, then who would make them (STS), and nothing
runs before the person typed yes (or gave --yes); a blocker (a failed gate, an unfinished bake) is passed only with
--force-reason. --readonly refuses every change; --offline records only decisions without calls. Exit codes: 0
done, 1 refused, failed or not confirmed, 2 bad options.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from workbench.cli.common import EXIT_FAILURE, EXIT_OK, CliError, confirm_apply

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.flows.acting import Actor
    from workbench.store import Store

NAME = "cutover"


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME, parents=[parents.session, parents.author],
        help="decide the cutover's next step (forward, hold, roll back) after confirming its calls; edit the steps; "
             "export the report",
        description="The guided cutover of the session (planned in the workbench's Monitor pane): propose a "
                    "decision with its exact AWS calls, confirm it, and record it with your name; edit the steps; "
                    "write the report.")
    what = parser.add_mutually_exclusive_group(required=True)
    for decision, words in (("forward", "move to the next traffic step"), ("hold", "hold at the current step"),
                            ("rollback", "send all traffic back to the old function")):
        what.add_argument(f"--{decision}", dest="decision", action="store_const", const=decision,
                          help=f"{words} (the calls are shown; they run after you type yes)")
    what.add_argument("--steps", metavar="STEPS", help='replace the steps, e.g. "10/30, 50/60, 100/60" '
                                                       "(traffic %% / bake minutes)")
    what.add_argument("--report", metavar="FILE", help="write the cutover report as Markdown (- for stdout)")
    parser.add_argument("--yes", action="store_true",
                        help="do not ask for confirmation (for scripts and CI); with --report, overwrite the file")
    parser.add_argument("--force-reason", default="", metavar="TEXT",
                        help="go past a blocker (a failed gate, an unfinished bake): why, for the audit log")
    aws = parser.add_argument_group("AWS")
    aws.add_argument("--region", metavar="REGION", default=argparse.SUPPRESS, help="AWS Region of the cutover")
    aws.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help="AWS profile")
    aws.add_argument("--endpoint-url", metavar="URL", default=argparse.SUPPRESS,
                     help="send AWS calls to this endpoint instead (e.g. a local emulator)")
    aws.add_argument("--offline", action="store_true", default=argparse.SUPPRESS,
                     help="never call AWS (only decisions without calls can be recorded)")
    parser.set_defaults(handler=run)


def _open(args: argparse.Namespace, *, write: bool) -> Store:
    from workbench.cli.common import open_store, prepare_store_location, resolved_session, store_path_for
    from workbench.config import login_name

    session = resolved_session(args)
    path = store_path_for(args, session)
    prepare_store_location(path, user_given=args.store is not None, create=False)
    if not path.is_file():
        raise CliError(f"there is no session {session!r} yet ({path}): plan the cutover in the workbench first",
                       exit_code=EXIT_FAILURE)
    return open_store(path, author=getattr(args, "author", None) or login_name(), readonly=not write,
                      session=session)


def _actor(args: argparse.Namespace, store: Store) -> Actor:
    from workbench.flows.acting import Actor

    return Actor(author=getattr(args, "author", None) or store.author,
                 readonly=bool(getattr(args, "readonly", False) or store.readonly),
                 offline=bool(getattr(args, "offline", False)), demo=bool(getattr(args, "demo", False)),
                 region=getattr(args, "region", None), region_first=True)


def run(args: argparse.Namespace, *, session: AwsSession | None = None, stdin: TextIO | None = None,
        stdout: TextIO | None = None) -> int:
    """The `cutover` command. ``session`` and ``stdin`` can be given (tests, embedding)."""
    out = stdout or sys.stdout
    if args.report is not None:
        return _report(args, out)
    if getattr(args, "readonly", False):
        raise CliError("--readonly: the cutover cannot be changed from here; --report shows where it stands")
    store = _open(args, write=True)
    try:
        actor = _actor(args, store)
        if args.steps is not None:
            return _steps(store, actor, args.steps)
        return _decide(args, store, actor, session, stdin or sys.stdin, out)
    finally:
        store.close()


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from workbench.flows.cutover import cutover_report

    store = _open(args, write=False)
    try:
        result = cutover_report(store)
    finally:
        store.close()
    if not result.ok:
        raise CliError(result.message, exit_code=EXIT_FAILURE)
    if args.report == "-":
        out.write(result.markdown)
        out.flush()
        return EXIT_OK
    from workbench.flows.exports import write_text_file
    from workbench.flows.result import Outcome

    path = Path(args.report).expanduser()
    written = write_text_file(path, result.markdown, confirmed=args.yes, what="Wrote the cutover report")
    if written.outcome is Outcome.DECLINED:
        raise CliError(f"{path} already exists; add --yes to overwrite it, or choose another file",
                       exit_code=EXIT_FAILURE)
    if not written.ok:
        raise CliError(written.message, exit_code=EXIT_FAILURE)
    print(written.message, file=sys.stderr)
    return EXIT_OK


def _steps(store: Store, actor: Actor, text: str) -> int:
    from workbench.flows.cutover import edit_steps

    result = edit_steps(store, actor, text)
    print(result.message, file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAILURE


def _decide(args: argparse.Namespace, store: Store, actor: Actor, session: AwsSession | None, stdin: TextIO,
            out: TextIO) -> int:
    from workbench.flows.cutover import apply_decision, decision_session, needs_identity, propose_decision
    from workbench.flows.deploy import acting_identity

    proposed = propose_decision(store, actor, args.decision)
    proposal = proposed.proposal
    if proposal is None:
        raise CliError(proposed.message, exit_code=EXIT_FAILURE)
    name, reason = proposal.decision.value, proposal.reason
    # a reason that already names its decision ("start: 10% of traffic …") is not prefixed again
    out.write(f"{reason}\n" if reason.startswith(f"{name}:") else f"{name}: {reason}\n" if reason else f"{name}\n")
    for call in proposal.boto3_calls:
        out.write(f"  {call}\n")
    if not proposal.calls:
        out.write("  (no AWS call: the decision is recorded in the audit log only)\n")
    for blocker in proposal.blockers:
        out.write(f"  held back: {blocker}\n")
    out.flush()
    if proposal.blockers and not args.force_reason.strip():
        raise CliError("held back (see above): wait, roll back, or force it with --force-reason TEXT",
                       exit_code=EXIT_FAILURE)
    acting_as = None
    aws = session if session is not None else decision_session(store, actor, lambda: _session(args, store))
    if needs_identity(actor, proposal) and aws is not None:
        who = acting_identity(aws, _region(args, store))
        if who.identity is None:
            raise CliError(who.message, exit_code=EXIT_FAILURE)
        acting_as = who.acting_as
        print(f"Acting as {acting_as}", file=sys.stderr)
    if not confirm_apply(args, stdin, f"{proposal.decision.value} decision", without="apply it without the question",
                         declined="Nothing was called or recorded."):
        return EXIT_FAILURE
    result = apply_decision(store, actor, proposal, confirmed_by=actor.author, session=aws,
                            force_reason=args.force_reason, acting_as=acting_as)
    print(result.message, file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAILURE


def _region(args: argparse.Namespace, store: Store) -> str | None:
    from workbench.models import CutoverState

    stored = store.get(CutoverState)
    return getattr(args, "region", None) or (stored.doc.region if stored is not None else None)


def _session(args: argparse.Namespace, store: Store) -> AwsSession:
    from workbench.aws.errors import AwsProblem
    from workbench.aws.session import open_session
    from workbench.config import AwsSettings

    settings = AwsSettings.from_env(profile=getattr(args, "profile", None), region=_region(args, store),
                                    endpoint_url=getattr(args, "endpoint_url", None))
    try:
        return open_session(settings)
    except AwsProblem as problem:
        raise CliError(problem.message, exit_code=EXIT_FAILURE) from None
