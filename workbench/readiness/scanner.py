"""The scanner: a directory, a git checkout or one file in; a ``ScanResult`` (findings and a report) out.

    result = scan("path/to/project", store=store, on_progress=lambda done, total, rel: ...)
    result.findings        # workbench.models.Finding documents, each with its fingerprint and proposed patch
    result.report          # files scanned / skipped / failed with reasons, handlers, duration, counters

Steps: walk (``walking``) → read and hash → per-file analysis, from the cache or by the analyzers → handler
discovery (``handlers``) → project analyzers resolve what is reachable from the handlers → findings
(``findings``); fixes that need a parse of their file are built on demand (``build_fixes``), not by the scan.
A cold scan of many files is a pipeline (``_Feed``): each file is read as the walk finds it and goes to the two
worker processes at once (a file's own description does not depend on the handlers), so they analyse while this
process walks, reads and finds the handlers, and this process then analyses the batches no worker has taken yet
instead of waiting; a scan of few files stays in this process. A bad file is a line in the report, never an
exception; only a missing or unreadable target is fatal (``report.fatal``).
"""

from __future__ import annotations

import functools
import gc
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from workbench.readiness import walking
from workbench.readiness.cache import ScanCacheStore, context_key, file_key
from workbench.readiness.handlers import Discovery, HandlerRef, discover
from workbench.readiness.model import (
    Analyzer,
    Applicability,
    Edit,
    Fix,
    Hit,
    Language,
    ParseFailure,
    ScanContext,
    SourceFile,
)

Progress = Callable[[int, int, str], None]

# A cold scan of at least this many files to analyse (or bytes) goes to worker processes.
POOL_MIN_FILES = 48
POOL_MIN_BYTES = 1_500_000
DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class FileProblem:
    rel: str
    message: str          # "could not parse src/app.py:12: invalid syntax"
    line: int | None = None


@dataclass
class ScanReport:
    target: str
    root: str = ""
    fatal: str | None = None             # the scan could not run at all (missing or unreadable path)
    files_scanned: int = 0               # files analysed or read from the cache
    files_analyzed: int = 0              # of those, analysed this time (cache misses)
    cache_hits: int = 0
    fixes_built: int = 0                 # fixes built this time (not from the cache)
    lines: int = 0
    bytes: int = 0
    skipped: list[walking.Skipped] = field(default_factory=list)
    skipped_dirs: list[str] = field(default_factory=list)
    failed: list[FileProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    handlers: list[HandlerRef] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)
    workers: int = 0                     # 0: in-process
    worker_cpu_s: float = 0.0            # CPU seconds the worker processes spent analysing files (benches)
    duration_s: float = 0.0
    # for benches: what ran when, in seconds from the scan's start (walk, discovery, each batch of each worker...)
    spans: list[tuple[str, float, float]] = field(default_factory=list)
    entry: str = "handlers"
    parsers: dict[str, str] = field(default_factory=dict)   # rel -> the parser that read it ("python-ast"...)

    @property
    def unreadable(self) -> list[walking.Skipped]:
        """Files and folders that could not be read (permissions, I/O): the scan could not review them."""
        return [s for s in self.skipped if s.reason.startswith("unreadable")]

    @property
    def incomplete(self) -> bool:
        """Some file could not be read or parsed: the review is not complete (exit code 2)."""
        return bool(self.unreadable or self.failed)

    def counts(self) -> dict[str, int]:
        return {"skipped": len(self.skipped), "unreadable": len(self.unreadable), "unparsed": len(self.failed)}

    def parser_groups(self) -> dict[str, list[str]]:
        """The files each parser read, by parser."""
        groups: dict[str, list[str]] = {}
        for rel, parser in sorted(self.parsers.items()):
            groups.setdefault(parser, []).append(rel)
        return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))

    def lines_out(self) -> list[str]:
        """The report's problems and notices, one clear line each (what the text report prints)."""
        out: list[str] = []
        if self.fatal:
            out.append(f"error: {self.fatal}")
        out.extend(f"could not analyse: {p.message}" for p in self.failed)
        out.extend(f"skipped {s.rel}: {s.reason}" for s in self.skipped)
        out.extend(f"note: {n}" for n in self.notices)
        return out


@dataclass
class ScanResult:
    root: Path
    report: ScanReport
    findings: list[Any] = field(default_factory=list)          # workbench.models.Finding
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    context: ScanContext | None = None
    scanned_rels: set[str] = field(default_factory=set)        # analysed successfully (for store sync)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # analyzer name -> rel -> its facts
    builders: dict[str, Any] = field(default_factory=dict)     # analyzer name -> analyzer that builds fixes
    cache: Any = None                                          # the ScanCacheStore (built fixes are kept in it)
    fix_workers: int = 0                                       # worker processes ``build_fixes`` may use

    @property
    def pending_fixes(self) -> int:
        """Findings whose patch has not been built yet (``build_fixes`` builds them)."""
        return sum(1 for f in self.findings if f.pending_fix is not None)

    def new_text(self, finding: Any) -> str | None:
        """The patched text of the finding's file, from the scan (None without a fix; a pending fix is built)."""
        from workbench.readiness.patches import apply_unified_diff

        if finding.pending_fix is not None:
            finding = build_fixes(self, [finding])[0]
        if finding.fix is None or finding.path not in self.sources:
            return None
        return apply_unified_diff(self.sources[finding.path].text, finding.fix.diff)


# ----- hits to and from the cache ------------------------------------------------------------------------------


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    return asdict(hit)


def fix_from_dict(data: dict[str, Any] | None) -> Fix | None:
    if data is None:
        return None
    return Fix(description=data["description"], applicability=Applicability(data["applicability"]),
               edits=tuple(Edit(**e) for e in data.get("edits", ())), new_text=data.get("new_text"))


def hit_from_dict(data: dict[str, Any]) -> Hit:
    data = dict(data)
    data["fix"] = fix_from_dict(data.get("fix"))
    return Hit(**data)


# ----- analysing one file --------------------------------------------------------------------------------------

_PARSERS = {Language.PYTHON: "python-ast", Language.JAVASCRIPT: "tree-sitter-javascript",
            Language.TYPESCRIPT: "tree-sitter-typescript", Language.JAVA: "tree-sitter-java",
            Language.CSHARP: "tree-sitter-c-sharp"}


_TREE_SITTER = frozenset({Language.JAVASCRIPT, Language.TYPESCRIPT, Language.JAVA, Language.CSHARP})


def parser_for(rel: str, language: Language) -> str:
    """The parser that reads a file of this name and language (the analyzers may say otherwise, e.g. a Python
    file with newer syntax)."""
    if language in _PARSERS:
        if language is Language.TYPESCRIPT and rel.endswith(".tsx"):
            return "tree-sitter-tsx"
        return _PARSERS[language]
    name = rel.rsplit("/", 1)[-1]
    if name.endswith(".json"):
        return "json"
    if name.endswith(".toml") or name in ("Pipfile", "poetry.lock", "uv.lock"):
        return "toml"
    if name.endswith((".yaml", ".yml", ".template")):   # a CloudFormation *.template (JSON or YAML)
        return "yaml"
    if name.endswith((".xml", ".csproj", ".fsproj", ".vbproj", ".props", ".config")):
        return "xml"
    if name == "Pipfile.lock":
        return "json"
    return "text"


def _name(analyzer: Analyzer) -> str:
    return getattr(analyzer, "name", None) or type(analyzer).__name__


def analyze_file(source: SourceFile, ctx: ScanContext, analyzers: Iterable[Analyzer]) -> dict[str, Any]:
    """One file through every analyzer of its language: a JSON-able entry for the cache."""
    entry: dict[str, Any] = {"facts": {}, "hits": [], "failure": None, "errors": []}
    for analyzer in analyzers:
        if source.language not in analyzer.languages:
            continue
        try:
            if hasattr(analyzer, "extract"):
                entry["facts"][_name(analyzer)] = analyzer.extract(source)
            else:
                entry["hits"].extend(hit_to_dict(h) for h in analyzer.analyze(source, ctx))
        except ParseFailure as failure:
            line = failure.line
            entry["failure"] = [f"could not parse {source.rel}:{line or 1}: {failure}", line]
        except RecursionError:
            entry["errors"].append(f"{_name(analyzer)}: {source.rel} is nested too deeply to analyse")
        except Exception as error:  # one analyzer's bug must not stop the scan
            entry["errors"].append(f"{_name(analyzer)} failed on {source.rel}: {type(error).__name__}: {error}")
    for facts in entry["facts"].values():
        if isinstance(facts, dict) and isinstance(facts.get("parser"), str):
            entry["parser"] = facts["parser"]
    if source.language in _TREE_SITTER:
        from workbench.readiness.treesitter import take_parse_status

        status = take_parse_status(source.rel)   # "partial: …" / "recovered: …" when not a full parse
        if status and "parser" not in entry:
            entry["parser"] = f"{parser_for(source.rel, source.language)} ({status})"
    return entry


def _worker_batch(root: str, items: list[tuple[str, str, str, str, str, list[str], str]]
                  ) -> tuple[float, tuple[int, float, float], list[tuple[str, dict]]]:
    """Runs in a worker process: analyse a batch of files (rel, path, text, sha, language, handlers, runtime).
    Returns the CPU seconds the batch took in the worker (for ``report.worker_cpu_s``), when it ran (the process id
    and its start and end on the monotonic clock, which all processes share: ``report.spans``) and the entries."""
    from workbench.readiness.rules import analyzers

    began = time.monotonic()
    cpu_started = time.process_time()
    enabled = gc.isenabled()
    gc.disable()  # parse trees have no cycles; the collector only slows bulk parsing down
    try:
        found = analyzers()
        out = []
        for rel, path, text, sha, language, handlers, runtime in items:
            ctx = ScanContext(root=Path(root), handlers={rel: set(handlers)} if handlers else {},
                              runtimes={rel: runtime} if runtime else {})
            source = SourceFile(Path(path), rel, text, sha, Language(language))
            out.append((rel, analyze_file(source, ctx, found)))
        return time.process_time() - cpu_started, (os.getpid(), began, time.monotonic()), out
    finally:
        if enabled:
            gc.enable()


@functools.cache
def _mp_context() -> Any:
    """Worker processes forked from a fork server that has imported the analyzers once and run each on a tiny
    file of every language (``worker_preload``: a spawned worker imports them again, ~0.5 s of CPU each, and the
    first file of each grammar builds its parser and queries, ~0.2 s, for every scan); spawned where there is no
    fork server (Windows). For a scan from a thread (the TUI's): one from the main thread of a process without
    other threads forks its workers from itself (``_fork_is_safe``)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from workbench.readiness.rules import family_modules

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["workbench.readiness.scanner"] +
                                   [f"workbench.readiness.{name}" for name in family_modules()] +
                                   ["workbench.readiness.worker_preload"])
    return context


# One tiny file per language: what the first file of each grammar costs (its parser, its queries, the rule
# modules) is paid once by the fork server instead of by every worker of every scan.
_WARM_UP = (
    ("warm.py", Language.PYTHON, "import boto3\n\ndef handler(event, context):\n    return 1\n"),
    ("warm.js", Language.JAVASCRIPT, "exports.handler = async (event, context) => 1;\n"),
    ("warm.ts", Language.TYPESCRIPT, "export const handler = async (event: unknown) => 1;\n"),
    ("warm.tsx", Language.TYPESCRIPT, "export const View = () => <div />;\n"),
    ("Warm.java", Language.JAVA, "class Warm { public String handleRequest(Object in) { return null; } }\n"),
    ("Warm.cs", Language.CSHARP, "class Warm { public string FunctionHandler(object input) { return null; } }\n"),
    ("package.json", Language.MANIFEST, '{"dependencies": {"aws-sdk": "^2.0.0"}}\n'),
    ("template.yaml", Language.TEMPLATE, "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"),
)


_warmed = False   # this process has run ``warm_process`` (a forked child inherits what it built)


def warm_process() -> None:
    """Import the analyzers and the rule modules, and analyse one tiny file of every language, so that the
    process (this one before it forks its workers, or the fork server, whose children inherit it all; or a spawned
    worker) has built every parser and query before the first real file. Never raises: a warm-up that fails
    leaves the work to the first batch."""
    global _warmed
    try:
        from workbench.readiness.checks import registry
        from workbench.readiness.rules import analyzers

        found = analyzers()
        registry()
        ctx = ScanContext(root=Path("/"))
        for rel, language, text in _WARM_UP:
            analyze_file(SourceFile(Path("/") / rel, rel, text, "", language), ctx, found)
        _warmed = True
    except Exception:  # noqa: BLE001 - an optimisation only
        pass


def _fork_is_safe() -> bool:
    """Whether the workers may be forked from this process itself: on Linux, from the main thread of a process
    that runs no other thread (a fork copies only the calling thread: a lock another thread holds would stay
    locked in the child). The CLI scans so: its workers then start with the analyzers this process has loaded
    (no fork server to start, ~0.7 s of CPU, and no second import of the analyzers). The TUI scans from a thread:
    its workers come from the fork server."""
    import multiprocessing
    import sys
    import threading

    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.current_thread() is threading.main_thread() and _os_threads() == 1)


def _os_threads() -> int:
    """The threads of this process as the OS counts them (Linux: ``/proc/self/task``): also those started with
    ``_thread`` or by C code, which ``threading.active_count()`` leaves out (pytest-xdist's execnet receiver thread is
    one): a fork beside such a thread copies the locks it holds, and the child would inherit its pipes."""
    import threading

    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _start_fork_server() -> None:
    """Start the fork server now, if it is not running (once per process: it imports and warms up the analyzers,
    ~0.6 s of CPU in a process of its own), so that it is ready by the time the walk has found files for the
    workers, rather than starting then. Nothing where workers are spawned; a server that cannot start is left to
    fail (and be reported) when the pool is used."""
    if _mp_context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    try:
        forkserver.ensure_running()
    except (OSError, RuntimeError, ValueError):
        pass


def _worker_warm() -> None:
    """Runs in a worker process as it starts: the analyzers ready before the first batch arrives (a forked worker
    has them from the fork server already)."""
    if not _warmed:
        warm_process()


class _Pool:
    """Worker processes for one scan's file analysis, started on first use (a spawned worker imports the
    analyzers once: ~1 s of a small scan)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def warm(self) -> None:
        """Start the workers now: each imports the analyzers before the first batch arrives. A pool that
        cannot start is left to fail (and be reported) when it is used."""
        try:
            executor = self.executor()
            for _ in range(self.workers):
                executor.submit(_worker_warm)
        except (OSError, RuntimeError):
            self.close()

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            if _fork_is_safe():
                import multiprocessing

                if not _warmed:
                    warm_process()   # once per process: every worker forked from now on starts warm
                # gc.freeze in the child: its collector never walks (and so never copies) what it inherited
                self._executor = ProcessPoolExecutor(max_workers=self.workers,
                                                     mp_context=multiprocessing.get_context("fork"),
                                                     initializer=gc.freeze)
            else:
                self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=_mp_context())
        return self._executor

    def close(self, wait: bool = True) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None


@functools.cache
def _version() -> str:
    from workbench.readiness.rules import analyzer_version

    return analyzer_version()


# ----- the scan ------------------------------------------------------------------------------------------------


def _resolve_target(target: str | os.PathLike[str], report: ScanReport) -> tuple[Path | None, Path | None]:
    """(root directory, single file or None); sets ``report.fatal`` when the target cannot be scanned."""
    text = os.fspath(target) if target is not None else ""
    if not str(text).strip():
        report.fatal = "no path given: name a directory, a git checkout or a file to scan"
        return None, None
    path = Path(text).expanduser()
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        report.fatal = f"{path}: no such file or directory"
        return None, None
    except (OSError, RuntimeError) as error:
        report.fatal = f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})"
        return None, None
    if resolved.is_dir():
        if not os.access(resolved, os.R_OK | os.X_OK):
            report.fatal = f"{path}: folder is not readable (check its permissions)"
            return None, None
        return resolved, None
    if resolved.is_file():
        return resolved.parent, resolved
    report.fatal = f"{path}: not a regular file or directory"
    return None, None


def scan(target: str | os.PathLike[str], *, store: Any = None, on_progress: Progress | None = None,
         workers: int | None = None, entry: str = "handlers", use_cache: bool = True,
         analyzers: list[Analyzer] | None = None, build_all_fixes: bool = False) -> ScanResult:
    """Scan ``target`` (a directory, a git checkout or one file). Never raises for bad input.

    ``store``: a ``workbench.store.Store`` for the content-hash cache (findings are stored by
    ``findings.sync_findings``). ``workers``: worker processes for a cold scan of many files (default 2; 0 keeps
    everything in this process). ``entry``: "handlers" follows the code reachable from the handlers found;
    "all" treats every function as per-invocation code. Fixes that cost a parse of their file (libcst) are not
    built by the scan: their findings carry ``pending_fix`` and ``build_fixes`` (or ``build_all_fixes``) builds
    them when a report prints them, a pane shows them or a patch is applied.
    """
    started = time.perf_counter()
    report = ScanReport(target=walking.printable(os.fspath(target)) if target is not None else "", entry=entry)
    root, single = _resolve_target(target, report)
    if root is None:
        report.duration_s = time.perf_counter() - started
        return ScanResult(Path(report.target or "."), report)
    report.root = walking.printable(str(root))
    cache = ScanCacheStore(store if use_cache else None, str(root), _version())
    pool = _Pool(_pool_size(workers))
    if analyzers is None and single is None and cache.empty and pool.workers and not _fork_is_safe():
        _start_fork_server()   # a cold scan of a folder from a thread: the workers' fork server warms up meanwhile
    from workbench.readiness.rules import analyzers as all_analyzers
    from workbench.readiness.rules import load_errors

    active = list(analyzers) if analyzers is not None else all_analyzers()
    if analyzers is None:
        for module, error in sorted(load_errors().items()):
            report.notices.append(f"rule family {module} could not be loaded and was left out: {error}")
    # The collector off for the whole scan, not only while files are analysed: its full collections walked every
    # object of the process (the results of earlier scans included) while the workers' results came in, ~0.1 s
    # of a 1,000-file scan; what a scan builds holds no cycle (tests/readiness/test_python_walk.py).
    enabled = gc.isenabled()
    gc.disable()
    try:
        result = _scan_files(started, report, root, single, active, analyzers is not None, cache, pool, workers,
                             on_progress, entry)
        if enabled:
            gc.enable()
        result.fix_workers = 0 if analyzers is not None else pool.workers
        if build_all_fixes:
            build_fixes(result)
            report.duration_s = time.perf_counter() - started
        return result
    finally:
        if enabled:
            gc.enable()
        pool.close()


def _pool_size(workers: int | None) -> int:
    """Worker processes a pool would have (0: none, the scan stays in-process)."""
    if workers == 0 or (workers is None and (os.cpu_count() or 1) < 2):
        return 0
    return workers if workers is not None else DEFAULT_WORKERS


def _scan_files(started: float, report: ScanReport, root: Path, single: Path | None, active: list[Analyzer],
                custom: bool, cache: ScanCacheStore, pool: _Pool, workers: int | None,
                on_progress: Progress | None, entry: str) -> ScanResult:
    clock = time.monotonic() - (time.perf_counter() - started)   # the scan's start on the clock workers share
    walk_began = time.monotonic() - clock
    report.spans.append(("analyzers and cache", 0.0, walk_began))
    # 1. the files, read as the walk finds them; those the cache does not answer go to the worker processes at
    # once (a file's analysis does not depend on the handlers found, unless an analyzer reads the scan context)
    walked: walking.WalkResult | None = None
    candidates: Iterable[walking.Candidate]
    if single is not None:
        rel = single.name
        language = walking.classify(single.name)
        candidates = []
        if walking.printable(rel) != rel:
            report.skipped.append(walking.Skipped(walking.printable(rel), walking.NOT_UTF8_NAME))
        elif language is None:
            report.skipped.append(walking.Skipped(rel, "not a source, manifest or template file the analyzers read"))
        else:
            size = single.stat().st_size
            candidates = [walking.Candidate(single, rel, language, size)]
            if size > walking.MAX_FILE_BYTES:
                report.skipped.append(walking.Skipped(rel, f"larger than 1 MB ({size / 1e6:.1f} MB): not scanned"))
                candidates = []
    else:
        walked = walking.WalkResult()
        candidates = walking.walk_files(root, walked)

    feed = _Feed(None if custom else pool, root, clock)
    # a cold scan of many files: the workers start while this process walks and reads (if the files turn out to
    # need no pool, it is closed unused)
    warm_early = not custom and single is None and cache.empty and pool.workers > 0
    seen = seen_bytes = 0
    by_context = _context_languages(active)   # files whose analysis reads the handlers: after discovery
    sources: dict[str, SourceFile] = {}
    entries: dict[str, dict[str, Any]] = {}
    keys: dict[str, str] = {}
    unread: list[walking.Skipped] = []
    for cand in candidates:
        if warm_early:
            seen += 1
            seen_bytes += cand.size
            if seen >= POOL_MIN_FILES or seen_bytes >= POOL_MIN_BYTES:
                pool.warm()
                warm_early = False
        read, text, reason = walking.read_candidate(cand)
        if read is None or text is None:
            unread.append(walking.Skipped(cand.rel, reason or "unreadable"))
            continue
        language = cand.language
        if language is Language.TEMPLATE and not walking.is_template_text(Path(cand.rel).name, text):
            continue  # an ordinary YAML/JSON file
        source = sources[cand.rel] = SourceFile(cand.path, cand.rel, text, read.sha256, language)
        report.bytes += len(read.data)
        if language in by_context:
            continue
        key = keys[cand.rel] = file_key(source.sha256, source.rel)
        cached = cache.get(key)
        if cached is not None:
            entries[cand.rel] = cached
        else:
            feed.add(source)
    if walked is not None:
        report.skipped.extend(walked.skipped)
        report.skipped_dirs = walked.skipped_dirs
    report.skipped.extend(unread)
    if not sources and not report.skipped:
        report.notices.append("no source, manifest or template files found to scan")
    feed.flush()   # the rest, biggest first
    report.spans.append(("walk and read", walk_began, time.monotonic() - clock))

    # 2. handlers from definitions and shapes (the workers analyse meanwhile)
    began = time.monotonic() - clock
    files = {rel: s.language for rel, s in sources.items()}
    texts = {rel: s.text for rel, s in sources.items()}
    discovery: Discovery = discover(files, texts)
    ctx = ScanContext(root=root)
    for ref in discovery.handlers:
        ctx.handlers.setdefault(ref.rel, set()).add(ref.function)
        if ref.runtime:
            ctx.runtimes[ref.rel] = ref.runtime
            if ref.definition:
                ctx.defined.setdefault(ref.definition, set()).add(ref.code)
    report.notices.extend(discovery.notices)
    for rel, message, line in discovery.problems:
        report.failed.append(FileProblem(rel, message, line))
    for rel, source in sources.items():
        if source.language not in by_context:
            continue
        key = keys[rel] = file_key(source.sha256, rel, context_key(ctx.handlers.get(rel), ctx.runtimes.get(rel)))
        cached = cache.get(key)
        if cached is not None:
            entries[rel] = cached
        else:
            feed.add(source, sorted(ctx.handlers.get(rel, ())), ctx.runtimes.get(rel, ""))
    feed.flush()
    if feed.pooled:
        _load_the_end()   # while the workers have every batch: what the end of the scan needs, not after them
    report.spans.append(("discover", began, time.monotonic() - clock))

    # 3. per-file analysis: the cache's answers, then the analyzers' (the workers', or this process's)
    total = len(sources)
    done = 0
    for rel in sources:
        if rel in entries:
            report.cache_hits += 1
            done += 1
            if on_progress:
                on_progress(done, total, rel)
    if not feed.pooled:
        pool.close()
    report.workers = pool.workers if feed.pooled else 0
    for rel, entry_data in feed.results(ctx, active):
        entries[rel] = entry_data
        cache.put(keys[rel], entry_data)
        report.files_analyzed += 1
        done += 1
        if on_progress:
            on_progress(done, total, rel)
    report.worker_cpu_s = feed.worker_cpu
    report.spans.extend(feed.spans)
    if feed.problems:
        report.notices.extend(feed.problems)
        report.workers = 0
    return _scan_rest(started, clock, report, root, single, active, sources, discovery, ctx, cache, entries, entry)


def _load_the_end() -> None:
    """Import the findings' models (pydantic, ~0.2 s the first time in a process): a cold scan does it while its
    workers analyse, rather than serially once they are done (the cache of a never-scanned root does not)."""
    import workbench.models.findings  # noqa: F401
    import workbench.readiness.findings  # noqa: F401


def _scan_rest(started: float, clock: float, report: ScanReport, root: Path, single: Path | None,
               active: list[Analyzer], sources: dict[str, SourceFile], discovery: Discovery, ctx: ScanContext,
               cache: ScanCacheStore, entries: dict[str, dict[str, Any]], entry: str) -> ScanResult:
    began = time.monotonic() - clock
    # 4. collect: failures, plain hits, facts for the project analyzers
    result = ScanResult(root, report, sources=sources, context=ctx)
    facts: dict[str, dict[str, Any]] = {}
    for rel in sorted(entries):
        data = entries[rel]
        report.files_scanned += 1
        report.lines += sources[rel].text.count("\n") + (0 if sources[rel].text.endswith("\n") else 1)
        lang = sources[rel].language.value
        report.languages[lang] = report.languages.get(lang, 0) + 1
        report.parsers[rel] = data.get("parser") or parser_for(rel, sources[rel].language)
        if data.get("failure"):
            message, line = data["failure"]
            report.failed.append(FileProblem(rel, f"{message} ({report.parsers[rel]})", line))
            report.parsers[rel] += " (rejected)"
        else:
            result.scanned_rels.add(rel)
        for error in data.get("errors", ()):
            report.notices.append(error)
        for name, value in data.get("facts", {}).items():
            facts.setdefault(name, {})[rel] = value
        if data.get("hits"):
            result.hits.setdefault(rel, []).extend(hit_from_dict(h) for h in data["hits"])

    # Fixes are not built here: a hit whose fix the cache holds gets it, the others are marked for building on
    # demand (``build_fixes``).
    result.facts = facts
    result.cache = cache
    for analyzer in active:
        if not hasattr(analyzer, "resolve"):
            continue
        name = _name(analyzer)
        if hasattr(analyzer, "build_fix"):
            result.builders[name] = analyzer
        resolved = analyzer.resolve(facts.get(name, {}), sources, ctx, entry=entry)
        report.notices.extend(resolved.notices)
        report.handlers.extend(resolved.handlers)
        for rel, hits in resolved.hits.items():
            result.hits.setdefault(rel, []).extend(
                _with_fix(analyzer, cache, sources[rel], facts.get(name, {}).get(rel), hit) for hit in hits)
    report.handlers = sorted(set(discovery.handlers) | set(report.handlers),
                             key=lambda h: (h.rel, h.function, h.source))
    report.spans.append(("collect and resolve", began, time.monotonic() - clock))

    began = time.monotonic() - clock
    cache.flush()
    from workbench.readiness.findings import build_findings

    result.findings = build_findings(result)
    report.spans.append(("cache and findings", began, time.monotonic() - clock))
    if single is None and not report.handlers and any(s.language is Language.PYTHON for s in sources.values()):
        pass
    report.duration_s = time.perf_counter() - started
    return result


def _fix_key(source: SourceFile, hit: Hit) -> str:
    return f"fix:{source.sha256}:{hit.code}:{hit.line}:{hit.column}:{hit.context}"


def _with_fix(analyzer: Any, cache: ScanCacheStore, source: SourceFile, facts: Any, hit: Hit) -> Hit:
    """The hit with its fix when the cache holds it (built for this content before), else marked for building
    on demand when the analyzer may build one (``can_fix``: a cheap look at the facts)."""
    if not hasattr(analyzer, "build_fix") or hit.fix is not None:
        return hit
    from dataclasses import replace

    cached = cache.get(_fix_key(source, hit))
    if cached is not None:
        fix = fix_from_dict(cached["fix"])
        return hit if fix is None else replace(hit, fix=fix)
    can_fix = getattr(analyzer, "can_fix", None)
    if can_fix is not None and not can_fix(facts, hit):
        return hit
    return replace(hit, deferred_fix=_name(analyzer))


def _build_one(analyzer: Any, source: SourceFile, facts: Any, hit: Hit, ctx: ScanContext,
               notices: list[str]) -> Fix | None:
    try:
        return analyzer.build_fix(source, facts, hit, ctx)
    except Exception as error:  # a fix that cannot be built leaves the finding without a patch
        notices.append(f"no patch for {hit.code} at {source.rel}:{hit.line}: {type(error).__name__}: {error}")
        return None


def pending_hit(finding: Any) -> Hit:
    """The analyzer's hit of a finding whose fix is pending (what ``build_fix`` looks the candidate up by)."""
    pending = finding.pending_fix
    return Hit(code=finding.rule, line=finding.line, column=pending.column, end_line=finding.end_line,
               end_column=finding.end_column, message=finding.message, runtime=finding.runtime.value,
               context=pending.context, deferred_fix=pending.builder)


# From this many patches to build, ``build_fixes`` builds them in worker processes (each costs a libcst parse).
POOL_MIN_FIXES = 4


def build_fixes(result: ScanResult, findings: list[Any] | None = None) -> list[Any]:
    """Build the pending patches of ``findings`` (default: all of the scan's) from the scanned texts, and put
    them in ``result.findings`` and the scan's cache (a later scan of the same content finds them built).
    Returns the findings, each with its patch built (``fix`` set, or None when none could be made) and
    ``pending_fix`` cleared. The scan's files are not read again: the patch is for the content that was scanned.
    Many patches are built by worker processes (as many as the scan could use), one file's patches together."""
    from dataclasses import replace

    from workbench.readiness.findings import fix_proposal

    wanted = result.findings if findings is None else findings
    todo = sorted((f for f in wanted if f.pending_fix is not None), key=lambda f: (f.path, f.line, f.column, f.rule))
    if not todo:
        return list(wanted)
    ctx = result.context or ScanContext(root=result.root)
    jobs = []   # (finding, analyzer, source, facts, hit) of the patches that can be built
    for finding in todo:
        analyzer = result.builders.get(finding.pending_fix.builder)
        source = result.sources.get(finding.path)
        if analyzer is not None and source is not None:
            jobs.append((finding, analyzer, source,
                         result.facts.get(finding.pending_fix.builder, {}).get(finding.path), pending_hit(finding)))
    pooled = _build_in_pool(jobs, ctx, result.fix_workers) if len(jobs) >= POOL_MIN_FIXES else {}
    built: dict[str, Any] = {f.fingerprint: f.model_copy(update={"fix": None, "pending_fix": None}) for f in todo}
    enabled = gc.isenabled()
    gc.disable()
    try:
        for finding, analyzer, source, facts, hit in jobs:
            if finding.fingerprint in pooled:
                fix_data, error_text = pooled[finding.fingerprint]
                if error_text is not None:
                    result.report.notices.append(f"no patch for {hit.code} at {source.rel}:{hit.line}: {error_text}")
                fix = fix_from_dict(fix_data)
            else:
                fix = _build_one(analyzer, source, facts, hit, ctx, result.report.notices)
            result.report.fixes_built += 1
            if result.cache is not None:
                result.cache.put(_fix_key(source, hit), {"fix": asdict(fix) if fix is not None else None})
            proposal = fix_proposal(source.text, finding.path, replace(hit, fix=fix), result.report.notices)
            built[finding.fingerprint] = finding.model_copy(update={"fix": proposal, "pending_fix": None})
    finally:
        if enabled:
            gc.enable()
    if result.cache is not None:
        result.cache.flush()
    result.findings = [built.get(f.fingerprint, f) for f in result.findings]
    return [built.get(f.fingerprint, f) for f in wanted]


def _build_in_pool(jobs: list[tuple], ctx: ScanContext, workers: int) -> dict[str, tuple[dict | None, str | None]]:
    """The patches built by worker processes, by fingerprint: (the fix as a dict or None, the error or None).
    Empty when there are no workers (then they are built in this process)."""
    if workers <= 0:
        return {}
    per_file: dict[str, list[tuple]] = {}
    for finding, analyzer, source, facts, hit in jobs:
        per_file.setdefault(source.rel, []).append(
            (finding.fingerprint, _name(analyzer), source.rel, str(source.path), source.text, source.sha256,
             source.language.value, facts, hit))
    pool = _Pool(workers)
    out: dict[str, tuple[dict | None, str | None]] = {}
    try:
        executor = pool.executor()
        futures = [executor.submit(_worker_fixes, str(ctx.root), ctx.handlers, ctx.runtimes, file_jobs)
                   for file_jobs in per_file.values()]
        for future in futures:
            out.update(future.result())
    except (BrokenProcessPool, OSError, RuntimeError):
        return {}   # no worker processes here: built in this process
    finally:
        pool.close()
    return out


def _worker_fixes(root: str, handlers: dict[str, set[str]], runtimes: dict[str, str],
                  jobs: list[tuple]) -> dict[str, tuple[dict | None, str | None]]:
    """Runs in a worker process: build one file's patches (the fix builder keeps the last file's parsed tree).
    Each job is (fingerprint, analyzer name, rel, path, text, sha, language, facts, hit)."""
    from workbench.readiness.rules import analyzers

    by_name = {_name(a): a for a in analyzers() if hasattr(a, "build_fix")}
    out: dict[str, tuple[dict | None, str | None]] = {}
    enabled = gc.isenabled()
    gc.disable()
    try:
        ctx = ScanContext(root=Path(root), handlers=handlers, runtimes=runtimes)
        for fingerprint, name, rel, path, text, sha, language, facts, hit in jobs:
            source = SourceFile(Path(path), rel, text, sha, Language(language))
            try:
                fix = by_name[name].build_fix(source, facts, hit, ctx)
            except Exception as error:  # reported by the scanner as for an in-process build
                out[fingerprint] = (None, f"{type(error).__name__}: {error}")
                continue
            out[fingerprint] = (asdict(fix) if fix is not None else None, None)
    finally:
        if enabled:
            gc.enable()
    return out


def _context_languages(active: list[Analyzer]) -> frozenset[Language]:
    """The languages some analyzer reads the scan context for (``analyze`` without ``extract``): their files are
    analysed once the handlers are known. Every analyzer of the rule families describes a file by itself."""
    return frozenset(language for analyzer in active if not hasattr(analyzer, "extract")
                     for language in analyzer.languages)


# While the walk goes on, files go to the workers in batches of about EARLY_BATCH characters, as long as few batches
# wait; the rest is handed out when the walk is over, biggest files first, in batches of about FINAL_BATCH (a file
# bigger than that alone). The workers take batches from the front of the queue, this process takes them from the
# end while it would otherwise wait: where they meet, every batch is small, so they finish together.
EARLY_BATCH = 32_000
FINAL_BATCH = 40_000


class _Feed:
    """The files a scan analyses. Below the pool's threshold (``POOL_MIN_FILES``/``POOL_MIN_BYTES``, counted as
    files come) they are kept for this process; from there on they go to the worker processes as they come, so
    the workers start while the walk, the reading and the handler discovery go on in this process. A pool that
    fails (no processes, a worker killed) leaves its files to this process, with a notice."""

    def __init__(self, pool: _Pool | None, root: Path, clock: float) -> None:
        self.pool = pool if pool is not None and pool.workers > 0 else None
        self.root = str(root)
        self.clock = clock
        self.pending: list[tuple[SourceFile, list[str], str]] = []   # (file, its handlers, its runtime)
        self.pending_chars = 0
        self.count = 0
        self.chars = 0
        self.pooled = False          # the files go to the worker processes
        self.futures: dict[Any, list[tuple[SourceFile, list[str], str]]] = {}
        self.live: list[Any] = []    # the futures not yet seen done (a handful: how many wait is bounded)
        self.here: list[tuple[SourceFile, list[str], str]] = []         # analysed in this process
        self.problems: list[str] = []
        self.worker_cpu = 0.0
        self.spans: list[tuple[str, float, float]] = []

    def add(self, source: SourceFile, handlers: list[str] | None = None, runtime: str = "") -> None:
        self.pending.append((source, handlers or [], runtime))
        self.pending_chars += len(source.text)
        self.count += 1
        self.chars += len(source.text)
        if not self.pooled and self.pool is not None and (self.count >= POOL_MIN_FILES or
                                                          self.chars >= POOL_MIN_BYTES):
            self.pooled = True
        if self.pooled and self.pending_chars >= EARLY_BATCH:
            workers = self.pool.workers if self.pool is not None else 1
            while self.pending_chars >= EARLY_BATCH and self._waiting() < 2 * workers:
                size = 0
                for cut, (item, _, _) in enumerate(self.pending):
                    size += len(item.text)
                    if size >= EARLY_BATCH:
                        break
                self._submit(self.pending[:cut + 1])
                del self.pending[:cut + 1]
                self.pending_chars -= size

    def flush(self) -> None:
        """Hand out every file added so far: the biggest first, in batches of about ``FINAL_BATCH``."""
        if not self.pooled or not self.pending:
            return
        ordered = sorted(self.pending, key=lambda item: len(item[0].text), reverse=True)
        self.pending, self.pending_chars = [], 0
        batch: list[tuple[SourceFile, list[str], str]] = []
        size = 0
        for item in ordered:
            batch.append(item)
            size += len(item[0].text)
            if size >= FINAL_BATCH:
                self._submit(batch)
                batch, size = [], 0
        if batch:
            self._submit(batch)

    def _waiting(self) -> int:
        self.live = [future for future in self.live if not future.done()]
        return len(self.live)

    def _submit(self, batch: list[tuple[SourceFile, list[str], str]]) -> None:
        if self.pool is None:
            self.here.extend(batch)
            return
        items = [(s.rel, str(s.path), s.text, s.sha256, s.language.value, handlers, runtime)
                 for s, handlers, runtime in batch]
        try:
            future = self.pool.executor().submit(_worker_batch, self.root, items)
            self.futures[future] = batch
            self.live.append(future)
        except (BrokenProcessPool, OSError, RuntimeError) as error:
            self._fail(error)
            self.here.extend(batch)

    def _fail(self, error: BaseException) -> None:
        # no worker processes here (a frozen or guard-less main module, no semaphores...): go on in-process
        if not self.problems:
            self.problems.append(f"worker processes unavailable ({type(error).__name__}); analysed in-process")
        self.pool = None

    def results(self, ctx: ScanContext, active: list[Analyzer]) -> Iterable[tuple[str, dict[str, Any]]]:
        """Each file's entry as it is ready. While batches wait for a worker, this process takes the last of them
        (the smallest: the workers take the biggest first) and analyses it itself, with the scan's context, instead
        of waiting: any of them while no worker has started (the first scan starts the fork server), the small ones
        of the end of the queue once they have. Then the workers' entries, then what the pool could not do."""
        self.here.extend(self.pending)
        self.pending = []
        waiting = list(self.futures)
        while waiting:
            batch = self.futures[waiting[-1]]
            started = waiting[0].running() or waiting[0].done()
            if started and sum(len(source.text) for source, _, _ in batch) > 2 * FINAL_BATCH:
                break   # the workers are at work: the bigger batches are theirs
            if not waiting[-1].cancel():   # a worker has it already (or it is done): so have the ones before it
                break
            yield from self._here(self.futures.pop(waiting.pop()), ctx, active)
        pids: dict[int, int] = {}
        for future in as_completed(waiting):
            try:
                cpu_s, (pid, began, ended), out = future.result()
            except (BrokenProcessPool, OSError, RuntimeError) as error:
                self._fail(error)
                self.here.extend(self.futures[future])
                continue
            self.worker_cpu += cpu_s
            number = pids.setdefault(pid, len(pids) + 1)
            self.spans.append((f"worker {number}", began - self.clock, ended - self.clock))
            yield from out
        yield from self._here(self.here, ctx, active)

    def _here(self, batch: list[tuple[SourceFile, list[str], str]], ctx: ScanContext,
              active: list[Analyzer]) -> Iterable[tuple[str, dict[str, Any]]]:
        """A batch analysed in this process (the scan's own analyzers and context)."""
        if not batch:
            return
        began = time.monotonic()
        enabled = gc.isenabled()
        gc.disable()   # parse trees have no cycles; the collector only slows bulk parsing down
        try:
            for source, _, _ in batch:
                yield source.rel, analyze_file(source, ctx, active)
        finally:
            if enabled:
                gc.enable()
        if self.pooled:
            self.spans.append(("this process", began - self.clock, time.monotonic() - self.clock))
