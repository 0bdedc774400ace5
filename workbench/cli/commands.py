"""`lmi-workbench`: the TUI by default, headless subcommands for CI and pairing.

Adding a subcommand: write ``workbench/cli_<name>.py`` with a ``register(subparsers, parents)`` function that
adds its parser and sets ``handler=<function(args) -> exit code>``, then list the module in ``SUBCOMMANDS``.
Import heavy things (Textual, boto3, the store) inside the handler, never at module level: ``--help`` and
``--version`` must stay fast and must not load Textual (tests/unit/test_import_hygiene.py checks this).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.cli.common import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    PROG,
    CliError,
    add_app_options,
    add_author_options,
    add_session_options,
    add_workload_option,
    build_config,
    check_workload_option,
    ensure_demo,
    load_demo_into,
    load_workload_into,
    open_store,
    prepare_store_location,
    read_workload_file_and_configuration,
    report,
)

# Modules that each contribute one subcommand, in the order `--help` lists them.
SUBCOMMANDS: tuple[str, ...] = (
    "workbench.cli.serve",
    "workbench.cli.history",
    "workbench.cli.cost",
    "workbench.cli.scan",
    "workbench.cli.triage",
    "workbench.cli.generate",
    "workbench.cli.deploy",
    "workbench.cli.monitor",
    "workbench.cli.cutover",
)


class Parents:
    """Parent parsers a subcommand can reuse: the same options as the top level, defaults suppressed."""

    def __init__(self) -> None:
        self.session = argparse.ArgumentParser(add_help=False)
        add_session_options(self.session, suppress=True)
        self.author = argparse.ArgumentParser(add_help=False)
        add_author_options(self.author, suppress=True)
        self.app = argparse.ArgumentParser(add_help=False)
        add_app_options(self.app, suppress=True)


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; without ``commands`` only the top level's (opening the workbench)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage="%(prog)s [options] [COMMAND [options]]",
        description="A keyboard-driven workbench for migrating AWS Lambda functions to Lambda Managed "
                    "Instances. With no command, opens the workbench in this terminal.",
        epilog=f"Try `{PROG} --demo` for the built-in demo (no AWS account needed). "
               f"`{PROG} COMMAND --help` describes a command.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_session_options(parser)
    add_author_options(parser)
    add_app_options(parser)
    add_workload_option(parser)
    parser.set_defaults(handler=run_tui, command=None)
    if not commands:
        return parser

    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command", prog=PROG)
    parents = Parents()
    for module_name in SUBCOMMANDS:
        importlib.import_module(module_name).register(subparsers, parents)
    return parser


_COMMAND_NAMES = frozenset(name.rsplit(".", 1)[1] for name in SUBCOMMANDS)  # workbench.cli.<command>


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line. Opening the workbench (no command) does not build the commands' parsers, which
    imports every command's module: the short parser is used only when no word of the line is a command or asks
    for help, and only when it takes the whole line; anything else goes to the full parser, as before."""
    words = list(sys.argv[1:] if argv is None else argv)

    def may_need_commands(word: str) -> bool:
        if word in _COMMAND_NAMES or word.startswith("--h"):  # --help, or an abbreviation of it
            return True
        return word.startswith("-") and not word.startswith("--") and "h" in word  # -h, or -h among short flags

    if not any(may_need_commands(word) for word in words):
        short = build_parser(commands=False)
        short.exit_on_error = False
        try:
            args, rest = short.parse_known_args(words)
        except argparse.ArgumentError:
            pass  # the full parser reports it, in its own words
        else:
            if not rest:
                return args
    return build_parser().parse_args(words)


def terminal_problem() -> str | None:
    """Why the workbench cannot draw here, or None: Textual reads keys from standard input and draws on standard
    error, so both must be a terminal. Without one (``</dev/null``, a closed stdin, cron, a pipe) the app would
    spin at full CPU or crash; a headless run and a browser session (textual-serve's web driver) need none."""
    if os.environ.get("LMI_WORKBENCH_HEADLESS") == "1" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    for what, stream in (("standard input", sys.stdin), ("standard error", sys.__stderr__)):
        try:
            ok = stream is not None and os.isatty(stream.fileno())
        except (AttributeError, ValueError, OSError):  # closed, or replaced by something without a descriptor
            ok = False
        if not ok:
            return (f"the workbench needs a terminal, and {what} is not one (a file, a pipe, /dev/null or "
                    f"closed): run it in a terminal, use `{PROG} serve` for a browser, or a headless command "
                    f"such as `{PROG} cost` (see --help)")
    return None


def run_tui(args: argparse.Namespace) -> int:
    """Open the session's store and run the Textual app on it."""
    problem = terminal_problem()
    if problem:  # before anything is opened or written
        raise CliError(problem)
    # Start-up allocates some hundred thousand objects that all live on (modules, classes, the stylesheet): the
    # cyclic collector would walk them again and again before the first frame for nothing. It is paused until
    # the first screen is drawn (WorkbenchApp.on_ready freezes what start-up made and resumes it), or until the
    # app stops without drawing one.
    gc.disable()
    try:
        return _run_tui(args)
    finally:
        gc.enable()


def _run_tui(args: argparse.Namespace) -> int:
    config = build_config(args)
    # A workload file is read before anything is opened: a bad file leaves the store exactly as it was.
    workload_file = getattr(args, "workload_file", None)
    workload, file_config = read_workload_file_and_configuration(workload_file) if workload_file is not None \
        else (None, None)
    path = config.resolved_store_path()
    prepare_store_location(path, user_given=args.store is not None)
    if config.demo and config.readonly:
        # A read-only viewer of the demo still needs the demo to be there: write it first, then reopen.
        ensure_demo(config)
    store = open_store(path, author=config.author, readonly=config.readonly, session=config.session, announce=True)
    try:
        if config.demo and not config.readonly:
            load_demo_into(store)
        if workload is not None and workload_file is not None:  # the one comes from the other
            load_workload_into(store, workload, workload_file, file_config)
        from workbench.app import run_app

        return run_app(config, store)
    finally:
        store.close()


def check_clock_setting() -> None:
    """A run fixed at a moment (LMI_WORKBENCH_NOW) must name one; say so before anything shows a date."""
    from workbench.clock import ClockSettingError, system_clock

    try:
        system_clock()
    except ClockSettingError as error:
        raise CliError(str(error)) from None


def main(argv: Sequence[str] | None = None) -> int:
    # The workbench uses no pydantic plugins; skipping their entry-point scan saves start-up time.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        args = parse_arguments(argv)
        check_clock_setting()
        check_workload_option(args)
        return int(args.handler(args) or 0)
    except CliError as error:
        report(str(error))
        return error.exit_code
    except Exception as error:
        from workbench.store.errors import StoreError

        if not isinstance(error, StoreError):
            raise
        # A store problem a command did not handle itself (a document from a newer release that cannot be
        # written back, a locked file): the store's own message, never a traceback.
        report(str(error))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into something that stopped reading (`| head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
