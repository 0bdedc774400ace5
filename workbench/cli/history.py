"""`lmi-workbench history`: the session's audit log (the store's change feed), as a table or as Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    CliError,
    open_store,
    prepare_store_location,
    resolved_session,
    store_path_for,
    user_path,
)
from workbench.flows import exports

NAME = "history"


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME,
        parents=[parents.session],
        help="print the session's audit log (every change, who made it and when)",
        description="Print the session's audit log: every change to the review, with its sequence number, "
                    "time, author, document and summary. Opens the store read-only.",
    )
    out = parser.add_argument_group("output")
    out.add_argument("--markdown", action="store_true",
                     help="write the review's Markdown export instead of a table")
    out.add_argument("--output", "-o", metavar="FILE", type=user_path,
                     help="write to FILE instead of standard output (an existing file is kept unless --force)")
    out.add_argument("--force", action="store_true", help="overwrite --output FILE if it exists")
    parser.set_defaults(handler=run)


def check_output(path: Path, force: bool) -> Path:
    path = path.absolute()
    if path.is_dir():
        raise CliError(f"--output {path} is a directory; give a file name")
    if path.exists() and not force:
        raise CliError(f"{path} already exists; add --force to overwrite it, or choose another --output")
    if not path.parent.is_dir():
        raise CliError(f"cannot write {path}: directory {path.parent} does not exist")
    return path


def write_output(text: str, path: Path | None, force: bool) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from workbench.flows.exports import write_text_file
    from workbench.flows.result import Outcome

    # Without --force a file that appeared since the check above is left as it was.
    result = write_text_file(path, text, confirmed=force)
    if result.outcome is Outcome.DECLINED:
        raise CliError(f"{path} already exists; add --force to overwrite it, or choose another --output")
    if not result.ok:
        raise CliError(result.message[:1].lower() + result.message[1:].rstrip("."))


def run(args: argparse.Namespace) -> int:
    output = check_output(args.output, args.force) if args.output is not None else None
    session = resolved_session(args)
    path = store_path_for(args, session)
    prepare_store_location(path, user_given=args.store is not None, create=bool(args.demo))
    if not path.exists() and args.demo:
        # The demo is built in: a fresh machine gets the demo session written first, as `--demo` does.
        from workbench.cli.common import build_config, ensure_demo

        ensure_demo(build_config(args))
    if not path.exists():
        if args.store is not None:
            raise CliError(f"store file {path} does not exist")
        print(f"Session {session!r} has no history yet (nothing has been saved to {path}).", file=sys.stderr)
        return EXIT_OK

    from workbench.config import login_name

    from workbench.flows.result import Outcome

    store = open_store(path, author=login_name(), readonly=True, session=session)
    try:
        result = exports.history(store, session=session, markdown=args.markdown)
    finally:
        store.close()
    if result.outcome is Outcome.UNCHANGED:
        print(result.message, file=sys.stderr)
        return EXIT_OK
    if not result.ok:
        raise CliError(result.message, exit_code=EXIT_FAILURE)
    write_output(result.text, output, args.force)
    if output is not None:
        print(f"Wrote {output}", file=sys.stderr)
    return EXIT_OK
