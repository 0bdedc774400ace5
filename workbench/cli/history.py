"""`lmi-workbench history`: the session's audit log (the store's change feed), as a table or as Markdown."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
    CliError,
    open_store,
    prepare_store_location,
    resolved_session,
    store_path_for,
    user_path,
)

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
    try:
        # "x" refuses a file that appeared since the check above; "w" only when the user said --force.
        with open(path, "w" if force else "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise CliError(f"{path} already exists; add --force to overwrite it, or choose another --output") from None
    except OSError as error:
        raise CliError(f"cannot write {path}: {error.strerror or error}") from None


COLUMNS = ("seq", "time (UTC)", "author", "change", "document", "version", "summary")


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(at))


def _one_line(text: str) -> str:
    return " ".join(str(text or "").split())


def history_table(changes: list) -> str:
    """The feed as aligned plain-text columns (no colour, no box drawing: it is read in CI logs and pipes)."""
    rows = [
        (
            str(change.seq),
            _when(change.at),
            _one_line(change.author),
            change.op,
            _one_line(f"{change.kind}/{change.doc_id}"),
            "" if change.version is None else f"v{change.version}",
            _one_line(change.summary),
        )
        for change in changes
    ]
    widths = [max([len(heading)] + [len(row[i]) for row in rows]) for i, heading in enumerate(COLUMNS)]

    def line(cells: tuple[str, ...]) -> str:
        # The summary is last and free-form: no padding after it.
        padded = [cell.ljust(width) for cell, width in zip(cells[:-1], widths)]
        return "  ".join(padded + [cells[-1]]).rstrip()

    out = [line(COLUMNS), line(tuple("-" * w for w in widths))]
    out += [line(row) for row in rows]
    return "\n".join(out)


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

    store = open_store(path, author=login_name(), readonly=True, session=session)
    try:
        if args.markdown:
            text = store.export_markdown()
        else:
            changes = list(store.changes())
            if not changes:
                print(f"Session {session!r} has no changes recorded yet ({path}).", file=sys.stderr)
                return EXIT_OK
            text = history_table(changes)
    finally:
        store.close()
    write_output(text, output, args.force)
    if output is not None:
        print(f"Wrote {output}", file=sys.stderr)
    return EXIT_OK
