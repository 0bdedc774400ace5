"""Parse coverage: how each source file of whole repositories was read by the readiness scanner. Prints figures.

    .venv/bin/python bench/bench_parse_coverage.py [DIR ...]      (default: tests/readiness/corpus)

Each DIR is scanned in-process (no cache, no workers) and every source file is counted by language and by how it
was read, from the scan report's per-file parser: ``full``, ``newer`` (Python read through libcst's parser for
3.12+ syntax), ``recovered`` (C# read without its directive lines / with the first branch of each ``#if``;
JavaScript read with the TSX grammar), ``partial`` (error regions left; the rules ran on the rest) and
``rejected`` (no parser could read it: no findings). Every file that was not read fully is listed with the reason.
Figures, not a gate: exits 0 whatever they are (issue 12: "files no parser could read listed with why").
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.readiness.scanner import scan

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "readiness" / "corpus"
SOURCES = {"python", "javascript", "typescript", "java", "csharp"}
KINDS = ("full", "newer", "recovered", "partial", "rejected")


def kind_of(parser: str) -> str:
    if parser.endswith("(rejected)"):
        return "rejected"
    if "(partial:" in parser or "; partial:" in parser:
        return "partial"
    if "(recovered:" in parser:
        return "recovered"
    if parser.startswith("libcst"):
        return "newer"
    return "full"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[CORPUS])
    args = ap.parse_args()
    total: Counter[tuple[str, str]] = Counter()
    notes: list[str] = []
    for root in args.dirs:
        result = scan(root.resolve(), workers=0)
        for rel, parser in sorted(result.report.parsers.items()):
            language = result.sources[rel].language.value if rel in result.sources else ""
            if language not in SOURCES:
                continue
            kind = kind_of(parser)
            total[(language, kind)] += 1
            if kind not in ("full", "newer", "rejected"):   # rejected: listed with the parser's message below
                notes.append(f"  {root.name}/{rel}: {parser}")
        for problem in result.report.failed:
            notes.append(f"  {root.name}/{problem.rel}: {problem.message}")
    print(f"\n{'language':12}" + "".join(f"{k:>11}" for k in KINDS))
    for language in sorted({lang for lang, _ in total}):
        print(f"{language:12}" + "".join(f"{total[(language, k)]:>11}" for k in KINDS))
    print(f"\nnot read fully ({len(notes)}):")
    print("\n".join(notes) if notes else "  none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
