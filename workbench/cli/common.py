"""What every `lmi-workbench` command shares: the session options, the store path rules, opening the store.

Kept free of heavy imports: the store, the demo and the App are imported inside the functions that need them,
so that ``--help`` and ``--version`` start fast and never load Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from workbench.paths import DEFAULT_SESSION, DEMO_SESSION, InvalidSessionName, check_session_name

if TYPE_CHECKING:
    from workbench.config import AppConfig
    from workbench.models import Workload
    from workbench.store import Store

PROG = "lmi-workbench"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2  # bad options or an unusable path: the same code argparse uses for usage errors
EXIT_INCOMPLETE = 3  # a check could not be made (deploy --preflight): not a pass, not a failure found
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


class CliError(Exception):
    """A problem the user can fix; printed as ``lmi-workbench: <message>`` with no traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def report(message: str) -> None:
    stream = sys.stderr if sys.stderr is not None else sys.stdout  # stderr may be closed (2>&-)
    if stream is not None:
        print(f"{PROG}: {message}", file=stream, flush=True)


def confirm_apply(args: argparse.Namespace, stdin: TextIO, what: str, *, without: str, declined: str) -> bool:
    """Ask for ``yes`` on the terminal before applying ``what`` (``--yes`` answers it); a standard input that is
    not a terminal cannot answer: a CliError says to add --yes to ``without``. ``declined``: what the user is
    told happened when they type anything else (False then)."""
    if args.yes:
        return True
    if not stdin.isatty():
        raise CliError(f"standard input is not a terminal, so nobody can confirm the {what}: add --yes to "
                       f"{without}", exit_code=EXIT_FAILURE)
    print(f"Type yes to apply the {what}: ", end="", file=sys.stderr, flush=True)
    answer = stdin.readline().strip()
    if answer != "yes":
        print(f"Not applied (you typed {answer!r}, not yes). {declined}", file=sys.stderr)
        return False
    return True


# --- option types ---------------------------------------------------------------------------------------------


def session_name(text: str) -> str:
    try:
        return check_session_name(text)
    except InvalidSessionName as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def author_name(text: str) -> str:
    name = text.strip()
    if not name:
        raise argparse.ArgumentTypeError("the author name must not be empty")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise argparse.ArgumentTypeError(f"the author name {text!r} contains control characters")
    if len(name) > 100:
        raise argparse.ArgumentTypeError("the author name is longer than 100 characters")
    return name


def user_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the path must not be empty")
    return Path(text).expanduser()


# --- shared option groups -------------------------------------------------------------------------------------
#
# The top-level parser owns the real defaults. Subcommands add the same options with ``default=SUPPRESS`` so
# that `lmi-workbench --session x history` and `lmi-workbench history --session x` both work: a subparser
# only sets what was actually given after the subcommand's name.


def _default(value: object, suppress: bool) -> object:
    return argparse.SUPPRESS if suppress else value


def add_session_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    group = parser.add_argument_group("session")
    group.add_argument(
        "--session", metavar="NAME", type=session_name, default=_default(None, suppress),
        help=f'the migration review to open (default "{DEFAULT_SESSION}", or "{DEMO_SESSION}" with --demo); '
             "its store file lives in the user data directory",
    )
    group.add_argument(
        "--store", metavar="PATH", type=user_path, default=_default(None, suppress),
        help="use this store file instead of the session's file in the user data directory "
             "(its directory must exist)",
    )
    group.add_argument(
        "--demo", action="store_true", default=_default(False, suppress),
        help=f'open the built-in demo (session "{DEMO_SESSION}" unless --session is given); no AWS account needed',
    )


def add_author_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    group = parser.add_argument_group("who")
    group.add_argument(
        "--as", dest="author", metavar="NAME", type=author_name, default=_default(None, suppress),
        help="the name your changes are recorded under (default: your login name)",
    )
    group.add_argument(
        "--readonly", action="store_true", default=_default(False, suppress),
        help="open the session without the ability to change it (the viewer side of a pairing session)",
    )


def add_app_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    group = parser.add_argument_group("appearance and keys")
    group.add_argument("--theme", metavar="NAME", default=_default(None, suppress),
                       help="colour theme: workbench-dark, workbench-light, workbench-high-contrast, workbench-ansi "
                            "(or any theme the palette lists; default: the last one you chose)")
    group.add_argument("--keymap", metavar="FILE", type=user_path, default=_default(None, suppress),
                       help="a TOML file that rebinds keys by binding id")
    aws = parser.add_argument_group("AWS (read-only unless you confirm a change)")
    aws.add_argument("--profile", metavar="NAME", default=_default(None, suppress),
                     help="AWS profile from your shared config (default: AWS_PROFILE or the default chain)")
    aws.add_argument("--region", metavar="REGION", default=_default(None, suppress),
                     help="AWS region (default: AWS_REGION / AWS_DEFAULT_REGION / your profile)")
    aws.add_argument("--endpoint-url", metavar="URL", default=_default(None, suppress),
                     help="send AWS calls to this endpoint instead (e.g. a local emulator)")
    aws.add_argument("--offline", action="store_true", default=_default(False, suppress),
                     help="never call AWS in this run")


def add_workload_option(parser: argparse.ArgumentParser) -> None:
    """``--workload FILE`` for the workbench itself (not its subcommands: ``cost`` has its own)."""
    group = parser.add_argument_group("workload")
    group.add_argument(
        "--workload", dest="workload_file", metavar="FILE", type=user_path, default=None,
        help="load this workload file (YAML, JSON or TOML) as the session's workload before the workbench "
             "opens; it replaces the workload the session holds, and the history records it",
    )


# --- resolving what the options mean --------------------------------------------------------------------------


def resolved_session(args: argparse.Namespace) -> str:
    if args.session:
        return args.session
    return DEMO_SESSION if args.demo else DEFAULT_SESSION


def build_config(args: argparse.Namespace) -> "AppConfig":
    """The AppConfig the options describe; checks the files they name but opens nothing."""
    from workbench.config import AppConfig, AwsSettings, login_name

    keymap = getattr(args, "keymap", None)
    if keymap is not None:
        keymap = keymap.absolute()
        if not keymap.is_file():
            what = "is not a file" if keymap.exists() else "does not exist"
            raise CliError(f"keymap file {keymap} {what}")
        if not os.access(keymap, os.R_OK):
            raise CliError(f"keymap file {keymap} is not readable (check its permissions)")
    session = resolved_session(args)
    return AppConfig(
        session=session,
        store_path=store_path_for(args, session),
        author=getattr(args, "author", None) or login_name(),
        readonly=bool(getattr(args, "readonly", False)),
        demo=bool(args.demo),
        theme=getattr(args, "theme", None),
        keymap_path=keymap,
        aws=AwsSettings.from_env(
            profile=getattr(args, "profile", None),
            region=getattr(args, "region", None),
            endpoint_url=getattr(args, "endpoint_url", None),
            offline=bool(getattr(args, "offline", False)),
        ),
    )


def store_path_for(args: argparse.Namespace, session: str) -> Path:
    """The absolute store file path: ``--store`` if given, else the session's file in the data directory."""
    from workbench.paths import session_store_path

    if args.store is not None:
        return args.store.absolute()
    return session_store_path(session).absolute()


def prepare_store_location(path: Path, *, user_given: bool, create: bool = True) -> None:
    """Check (and for the data directory, create) the directory the store file goes in.

    A user-given ``--store`` must point into a directory that exists: a typo should not silently create a
    tree of directories somewhere. The session's own directory under the data dir is created on first use.
    """
    if path.is_dir():
        raise CliError(
            f"store path {path} is a directory; --store takes a file path, e.g. {path / 'review.sqlite'}"
        )
    parent = path.parent
    if parent.is_dir():
        return
    if parent.exists():
        raise CliError(f"cannot use store file {path}: {parent} is not a directory")
    if user_given:
        raise CliError(
            f"cannot use store file {path}: directory {parent} does not exist "
            "(create it first, or leave out --store to use the session's file in the user data directory)"
        )
    if not create:
        return
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise CliError(
            f"cannot create the data directory {parent}: {reason} "
            f"(set LMI_WORKBENCH_DATA_DIR to a writable directory, or use --store PATH)"
        ) from None


def open_store(path: Path, *, author: str, readonly: bool, session: str, announce: bool | None = None) -> "Store":
    """Open the store, turning its errors into a CliError carrying the store's own message.

    ``announce`` (list this process in presence) defaults to not ``readonly``: a read-only command (history,
    generate, ...) leaves the store, its WAL and the presence beside it unchanged; the TUI announces a viewer."""
    from workbench.store import Store, StoreError

    try:
        store = Store.open(path, author=author, readonly=readonly, session=session,
                           announce=not readonly if announce is None else announce)
    except StoreError as error:
        raise CliError(str(error)) from None
    noted: set[str] = set()

    def newer(note: str) -> None:  # a document from a newer release: said once per kind, on stderr
        kind = note.split(" ", 1)[0]
        if kind not in noted:
            noted.add(kind)
            report(f"note: {note}")

    store.on_newer = newer
    return store


def load_demo_into(store: "Store") -> None:
    """Write the demo documents into an open store if they are not there yet (idempotent)."""
    from workbench.demo import load_demo
    from workbench.store import StoreError

    try:
        load_demo(store)
    except StoreError as error:
        raise CliError(f"could not load the demo: {error}") from None


def ensure_demo(config: "AppConfig") -> None:
    """Open the session's store for writing just long enough to load the demo into it (not at all when the demo
    is there already: a read-only viewer of the demo then leaves the store byte-for-byte unchanged)."""
    from workbench.demo import demo_documents
    from workbench.store import StoreError

    path = config.resolved_store_path()
    if path.exists():
        try:
            with open_store(path, author=config.author, readonly=True, session=config.session) as viewer:
                if all(viewer.get(type(doc), doc.id) is not None for doc, _ in demo_documents()):
                    return
        except (CliError, StoreError):
            pass  # not readable as it is (an older schema, say): the writable open below says what is wrong
    store = open_store(path, author=config.author, readonly=False, session=config.session, announce=False)
    try:
        load_demo_into(store)
    finally:
        store.close()


# --- --workload FILE ------------------------------------------------------------------------------------------


def check_workload_option(args: argparse.Namespace) -> None:
    """``--workload`` is for opening the workbench: refuse it beside a subcommand, or with ``--readonly``."""
    if getattr(args, "workload_file", None) is None:
        return
    command = getattr(args, "command", None)
    if command is not None:
        hint = f" (did you mean `{PROG} cost --workload FILE`?)" if command == "cost" else ""
        raise CliError(f"--workload FILE loads a workload when the workbench opens; it does nothing for the "
                       f"`{command}` command{hint}")
    if getattr(args, "readonly", False):
        raise CliError("--workload changes the session's workload, so it cannot be used with --readonly")


def read_workload_file(path: Path) -> "Workload":
    """The Workload in a YAML, JSON or TOML file; a bad file is a CliError carrying the file's own message."""
    workload, _ = read_workload_file_and_configuration(path, with_configuration=False)
    return workload


def read_workload_file_and_configuration(path: Path, *, with_configuration: bool = True):
    """The Workload in a file and, when the file has an ``lmi_configuration`` table (whole or partial), the one
    LMI configuration it makes (its settings win over the derived ones); else None. A bad file or setting is a
    CliError naming it (``workbench.flows.workload.read_workload_file``, the loader the TUI uses too)."""
    from workbench.flows.workload import read_workload_file as read

    result = read(Path(path))
    if result.unsupported_runtime and not with_configuration and result.workload is not None:
        return result.workload, None  # the workload itself is fine; only its configuration cannot be made
    if not result.ok or result.workload is None:
        raise CliError(result.message, exit_code=EXIT_FAILURE if result.unsupported_runtime else EXIT_USAGE)
    return result.workload, result.configuration if with_configuration else None


def load_workload_into(store: "Store", workload: "Workload", path: Path, configuration=None) -> bool:
    """Make ``workload`` the session's workload with a compare-and-set write; False when it already was.
    ``configuration``: the file's own LMI configuration, recorded with it (its given values then win).

    The history entry names the file. Another writer between our read and our write is merged by field; a
    field both changed is a conflict reported as an error: their change stands and nothing is replaced.
    """
    from workbench.flows.result import Outcome
    from workbench.flows.workload import WorkloadRead, record_workload

    result = record_workload(store, WorkloadRead(Outcome.DONE, path=Path(path), workload=workload,
                                                 configuration=configuration))
    if result.outcome is Outcome.CONFLICT:
        raise CliError(f"{Path(path).name} was not loaded: {result.conflict} Run the command again to load it "
                       "over that change.", exit_code=EXIT_FAILURE)
    if not result.ok:
        raise CliError(f"could not load {Path(path).name} into the session: {result.message}")
    return result.outcome is not Outcome.UNCHANGED
