"""`lmi-workbench scan`: the code-readiness review headless, for CI.

Exit codes:
  0  the review is complete and no open finding is at or above --fail-on;
  1  an open finding is at or above --fail-on;
  2  the scan could not do its job: a usage error, a path that cannot be scanned, a file or folder that could
     not be read, a file no parser could read (unless --allow-incomplete), a --fix that could not be applied,
     or an internal error. 2 wins over 1: a review with holes is not a pass.
Every report format counts the files skipped, unreadable and not parsed, lists each with why, and says which
parser read each file. With --session/--store the findings go to the session's store (the findings pane shows
them), the content-hash cache makes a re-scan of an unchanged tree near-instant, and decided findings
(accepted-risk, won't-fix, false-positive) no longer fail the run. --fix is refused with --readonly.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

NAME = "scan"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME, parents=[parents.session, parents.author],
        help="review code for concurrency safety on Lambda Managed Instances (text, JSON, SARIF, Markdown)",
        description="Scan a directory, a git checkout or one file for what breaks when one execution environment "
                    "runs many invocations at once: shared /tmp paths, per-invocation connections and SDK clients, "
                    "logs without the request id, shared mutable state (Node.js, Java, .NET), old library versions "
                    "and unsupported runtimes. Exit code 0: complete and nothing at or above --fail-on; 1: findings at or "
                    "above --fail-on; 2: the scan could not do its job (usage error, unreadable path, a file that "
                    "could not be read or parsed, a fix that could not be applied, internal error).",
    )
    parser.add_argument("path", metavar="PATH", nargs="?", default=None,
                        help="directory, git checkout or file to scan (with --demo: the demo's sample project)")
    parser.add_argument("--format", choices=("text", "json", "sarif", "markdown"), default="text",
                        help="report format (default: text)")
    parser.add_argument("--fix", choices=("safe", "all"), default=None,
                        help="apply the proposed patches: only those marked safe, or all of them (then review "
                             "the changes); the report lists what changed and what is left")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                        help="exit with 1 when an open finding has this severity or worse (default: error)")
    parser.add_argument("--output", "-o", metavar="FILE", default=None, help="write the report to FILE")
    parser.add_argument("--diff", action="store_true", help="show the proposed patches in the text report")
    parser.add_argument("--all-functions", action="store_true",
                        help="treat every function as handler code (for libraries without a handler)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes for a cold scan of many files (default 2; 0: in this process)")
    parser.add_argument("--no-cache", action="store_true", help="analyse every file again")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="files that could not be read or parsed are listed but do not make the exit code 2")
    parser.set_defaults(handler=run)


def _progress():
    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, total: int, rel: str) -> None:
        now = time.monotonic()
        if done == total or now - last[0] > 0.1:
            last[0] = now
            sys.stderr.write(f"\rscanning {done}/{total} files" + (" " * 20 if done == total else ""))
            if done == total:
                sys.stderr.write("\r")
            sys.stderr.flush()

    return show


def _open_store(args: argparse.Namespace):
    if getattr(args, "session", None) is None and getattr(args, "store", None) is None:
        return None
    from workbench.cli.common import build_config, open_store, prepare_store_location

    config = build_config(args)
    path = config.resolved_store_path()
    prepare_store_location(path, user_given=args.store is not None)
    return open_store(path, author=config.author, readonly=config.readonly, session=config.session)


def run(args: argparse.Namespace) -> int:
    from workbench.cli.common import EXIT_USAGE, CliError
    from workbench.store.errors import StoreError

    if args.jobs is not None and args.jobs < 0:
        raise CliError("--jobs must be 0 or more", EXIT_USAGE)
    if args.fix and getattr(args, "readonly", False):
        raise CliError("--fix changes files, and --readonly forbids changes (a patch applied here could not be "
                       "recorded for undo): drop one of them", EXIT_USAGE)
    if args.path is None and not args.demo:
        raise CliError("give the PATH to scan (or --demo for the demo's sample project)", EXIT_USAGE)
    if args.path is None:
        return _run_demo(args)
    store = _open_store(args)
    try:
        return _run(args, store)
    except (KeyboardInterrupt, BrokenPipeError, CliError):
        raise
    except StoreError as error:  # the store's own message (a document a newer release wrote, a locked file)
        raise CliError(str(error), exit_code=1) from None
    except Exception as error:  # noqa: BLE001 - a bug must not look like "findings found" (exit 1)
        import os
        import traceback

        if os.environ.get("LMI_WORKBENCH_DEBUG"):
            traceback.print_exc()
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        place = f" (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
        print(f"lmi-workbench scan: internal error, the scan could not finish: {type(error).__name__}: {error}"
              f"{place}; set LMI_WORKBENCH_DEBUG=1 for the details and please report it", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if store is not None:
            store.close()


def _run_demo(args: argparse.Namespace) -> int:
    """Scan a copy of the demo's sample project (a copy, so --fix never changes the installed package)."""
    import shutil
    import tempfile
    from pathlib import Path

    from workbench.demo import sample_project_path

    with tempfile.TemporaryDirectory(prefix="lmi-workbench-demo-scan-") as tmp:
        copy = Path(tmp) / "sample_project"
        shutil.copytree(sample_project_path(), copy)
        args.path = str(copy)
        print(f"Scanning a copy of the demo's sample project ({copy}).", file=sys.stderr)
        return _run(args, None)


def _scan(args: argparse.Namespace, store, *, record: bool):
    """The scan flow (``workbench.flows.readiness.scan``, the one the findings pane runs)."""
    from workbench.flows.readiness import scan

    return scan(store, args.path, on_progress=_progress(), workers=args.jobs,
                entry="all" if args.all_functions else "handlers", use_cache=not args.no_cache, record=record)


def _checked(done):
    """The flow's ScanResult; a store problem is the store's own message (exit 1)."""
    from workbench.cli.common import CliError
    from workbench.flows.result import Outcome

    if done.outcome is Outcome.FAILED:
        raise CliError(done.message, exit_code=1)
    return done


def _run(args: argparse.Namespace, store) -> int:
    from workbench.cli.common import EXIT_USAGE
    from workbench.flows.readiness import record_scan
    from workbench.flows.result import Outcome
    from workbench.readiness.reports import render

    done = _checked(_scan(args, store, record=False))
    if done.outcome is Outcome.INVALID:
        print(f"lmi-workbench scan: {done.message}", file=sys.stderr)
        return EXIT_USAGE
    result = done.result
    if not args.fix:
        if args.format != "text" or args.diff:
            from workbench.readiness.scanner import build_fixes

            build_fixes(result)   # the report prints the patches: the session's store gets them built too
        done = _checked(record_scan(store, result))
    applied: list[str] = []
    fix_errors: list[str] = []
    if args.fix:
        result, applied, fix_errors = _apply_fixes(args, store, result)
        done = _checked(record_scan(store, result))
    decisions = done.decisions
    text = render(result, args.format, decisions)
    if args.format == "text" and args.diff:
        from workbench.readiness.reports import render_text

        text = render_text(result, decisions, show_diffs=True)
    if applied:
        lines = [f"fixed {len(applied)} finding{'s' if len(applied) != 1 else ''}:"] + [f"  {a}" for a in applied]
        if args.format == "text":
            text = "\n".join(lines) + "\n\n" + text
        else:
            print("\n".join(lines), file=sys.stderr)
    elif args.fix:
        print(f"no {'safe ' if args.fix == 'safe' else ''}fixes to apply", file=sys.stderr)
    if args.output:
        from pathlib import Path

        from workbench.files import write_atomically

        try:
            write_atomically(Path(args.output), text)
        except OSError as error:
            print(f"lmi-workbench scan: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    if fix_errors:
        return EXIT_USAGE
    if result.report.incomplete and not args.allow_incomplete:
        n = result.report.counts()
        print(f"lmi-workbench scan: the review is incomplete: {n['unreadable']} unreadable, {n['unparsed']} could "
              "not be parsed (listed in the report; --allow-incomplete accepts that)", file=sys.stderr)
        return EXIT_USAGE
    return _exit_code(result.findings, decisions, args.fail_on)


def _exit_code(findings, decisions, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for finding in findings:
        decision = decisions.get(finding.fingerprint)
        if decision is not None and decision.decision.value != "patched":
            continue
        if SEVERITY_RANK[finding.severity.value] >= threshold:
            return 1
    return 0


def _apply_fixes(args: argparse.Namespace, store, result):
    """Apply fixes one per file per round, rescanning between rounds (each patch changes the file's content),
    each through the patch flow (``workbench.flows.readiness.apply_patch``, the one the findings pane runs)."""
    from workbench.flows.readiness import apply_patch

    wanted = ("safe",) if args.fix == "safe" else ("safe", "needs-review")
    applied: list[str] = []
    errors: list[str] = []
    tried: set[str] = set()
    from workbench.readiness.scanner import build_fixes

    for _round in range(25):
        build_fixes(result)   # the patches the scan left to be built on demand, from the scanned texts
        by_file: dict[str, Any] = {}
        for finding in result.findings:
            if finding.fix is None or finding.fix.applicability.value not in wanted or finding.fingerprint in tried:
                continue
            by_file.setdefault(finding.path, finding)
        if not by_file:
            break
        for path, finding in sorted(by_file.items()):
            tried.add(finding.fingerprint)
            patched = apply_patch(store if store is not None and not store.readonly else None, result.root, finding)
            if not patched.ok:
                print(f"lmi-workbench scan: {patched.message}", file=sys.stderr)
                errors.append(patched.message)
                continue
            applied.append(f"{finding.location} {finding.rule}: {finding.fix.description}")
        result = _checked(_scan(args, store, record=False)).result
    return result, applied, errors
