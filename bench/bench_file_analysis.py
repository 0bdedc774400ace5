"""Per-file analysis CPU of whole trees, in this process: what a scan's worker processes spend on their batches.
Prints figures; never fails.

    .venv/bin/python bench/bench_file_analysis.py PATH [PATH ...] [--repeat 3] [--language java ...] [--profile N]

Each PATH is read and its handlers discovered as the scanner does (``walking``, ``handlers.discover``); then every
file goes through ``scanner.analyze_file`` with the context a worker gets for it (its own handlers and runtime), the
collector off as in the workers. The CPU time (``time.process_time``) of the best of ``--repeat`` passes is printed
per tree and per language, after one warm-up pass (imports, compiled queries). ``--profile N`` adds a cProfile
pass and prints its top N entries by own time (cProfile inflates small Python functions; a sampling profiler such as
py-spy gives truer shares). On a shared machine CPU time still varies by 10-20% between runs: compare two checkouts
by alternating them (``PYTHONPATH=checkout``) and taking the best of several runs.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def load(root: Path):
    """The tree's sources and the scan context discovery gives them (as ``scanner.scan`` builds them)."""
    from workbench.readiness import walking
    from workbench.readiness.handlers import discover
    from workbench.readiness.model import Language, ScanContext, SourceFile

    walked = walking.walk(root)
    sources: dict[str, SourceFile] = {}
    for cand in walked.files:
        read, text, _ = walking.read_candidate(cand)
        if read is None or text is None:
            continue
        if cand.language is Language.TEMPLATE and not walking.is_template_text(Path(cand.rel).name, text):
            continue
        sources[cand.rel] = SourceFile(cand.path, cand.rel, text, read.sha256, cand.language)
    discovery = discover({r: s.language for r, s in sources.items()}, {r: s.text for r, s in sources.items()})
    ctx = ScanContext(root=root)
    for ref in discovery.handlers:
        ctx.handlers.setdefault(ref.rel, set()).add(ref.function)
        if ref.runtime:
            ctx.runtimes[ref.rel] = ref.runtime
    return sources, ctx


def analyse(sources, ctx, found, languages: set[str]) -> dict[str, float]:
    """CPU seconds per language of one pass over the files (each with a worker's context)."""
    from workbench.readiness.model import ScanContext
    from workbench.readiness.scanner import analyze_file

    spent: dict[str, float] = {}
    for rel, source in sources.items():
        language = source.language.value
        if languages and language not in languages:
            continue
        one = ScanContext(root=ctx.root, handlers={rel: ctx.handlers[rel]} if rel in ctx.handlers else {},
                          runtimes={rel: ctx.runtimes[rel]} if rel in ctx.runtimes else {})
        started = time.process_time()
        analyze_file(source, one, found)
        spent[language] = spent.get(language, 0.0) + time.process_time() - started
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="passes to take the best of (default 3)")
    parser.add_argument("--language", action="append", default=[], help="only files of this language (repeatable)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print a cProfile pass's top N entries")
    args = parser.parse_args()
    from workbench.readiness.rules import analyzers

    found = analyzers()
    languages = set(args.language)
    gc.disable()   # as the workers analyse their batches
    for path in args.paths:
        if not path.is_dir():
            print(f"{path}: not a directory")
            continue
        sources, ctx = load(path.resolve())
        lines: dict[str, int] = {}
        for source in sources.values():
            lines[source.language.value] = lines.get(source.language.value, 0) + source.text.count("\n") + 1
        analyse(sources, ctx, found, languages)   # warm-up: imports, compiled queries
        best: dict[str, float] | None = None
        for _ in range(max(1, args.repeat)):
            spent = analyse(sources, ctx, found, languages)
            if best is None or sum(spent.values()) < sum(best.values()):
                best = spent
        assert best is not None
        total_lines = sum(lines[lang] for lang in best)
        print(f"{path}: {len(sources)} files, {total_lines:,} lines analysed, CPU {sum(best.values()):.3f} s "
              f"(best of {args.repeat}), {total_lines / max(sum(best.values()), 1e-9) / 1000:.1f}k lines per CPU-s")
        for lang, seconds in sorted(best.items(), key=lambda item: -item[1]):
            print(f"  {lang:12} {lines[lang]:>9,} lines  {seconds:7.3f} s")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            analyse(sources, ctx, found, languages)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.profile)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
