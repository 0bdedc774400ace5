"""Request-path benchmark: what the Node.js, Java and .NET rules report on whole repositories. Prints figures.

    .venv/bin/python bench/bench_request_path.py [REPO_DIR ...] [--sample N] [--seed S]

Without a directory it scans the small projects of tests/readiness/fixtures_request_path.

For each checkout: the LMI1xx/LMI2xx findings of the tree-sitter languages per rule, how many sit in test code
(by path), how many functions the project model classified as request code / run-once / test / program /
unreached, and the CPU seconds of an in-process cold scan. ``--sample N`` prints N findings per rule (seeded)
with the code around them and the call chain that makes the function request code, for judging by reading:
precision is what a reader finds real among them, not something this script can decide.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.readiness import semantic
from workbench.readiness.scanner import scan

FAMILIES = ("nodejs", "java", "dotnet")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repos", nargs="*", help="checkouts to scan (default: the request-path fixtures)")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if not args.repos:   # `make bench` runs every script without arguments: the small fixture projects
        fixtures = Path(__file__).resolve().parents[1] / "tests" / "readiness" / "fixtures_request_path"
        args.repos = [str(p) for p in sorted(fixtures.iterdir()) if p.is_dir()]
    resolved: dict[str, semantic.Resolved] = {}
    original = semantic.resolve

    def spy(family, facts, sources, ctx, entry="handlers", fallback=False):
        result = original(family, facts, sources, ctx, entry, fallback)
        resolved[family] = result
        return result

    semantic.resolve = spy
    totals: collections.Counter[str] = collections.Counter()
    in_tests: collections.Counter[str] = collections.Counter()
    rng = random.Random(args.seed)
    for repo in args.repos:
        resolved.clear()
        started = time.process_time()
        result = scan(repo, workers=0, use_cache=False)
        cpu = time.process_time() - started
        found = [f for f in result.findings if f.rule[3] in "12" and f.runtime in FAMILIES]
        rules = collections.Counter(f.rule for f in found)
        tests = collections.Counter(f.rule for f in found if semantic.path_role(f.path) == semantic.TEST)
        totals.update(rules)
        in_tests.update(tests)
        roles = collections.Counter(role for r in resolved.values() for role in r.roles.values())
        print(f"{Path(repo).name}: {result.report.lines} lines, {cpu:.2f} s CPU, {len(found)} findings "
              f"({', '.join(f'{k} {v}' for k, v in sorted(rules.items())) or 'none'}); functions: "
              f"{', '.join(f'{k} {v}' for k, v in sorted(roles.items()))}")
        if args.sample:
            by_rule: dict[str, list] = collections.defaultdict(list)
            for f in found:
                by_rule[f.rule].append(f)
            for rule, items in sorted(by_rule.items()):
                for f in rng.sample(items, min(args.sample, len(items))):
                    lines = (Path(repo) / f.path).read_text(errors="replace").split("\n")
                    print(f"  ## {rule} {f.path}:{f.line}  {f.message[:140]}")
                    for i in range(max(0, f.line - 3), min(len(lines), f.line + 2)):
                        print(f"     {i + 1:5} {lines[i][:140]}")
    print("total:", ", ".join(f"{k} {v} ({in_tests[k]} in tests)" for k, v in sorted(totals.items())))


if __name__ == "__main__":
    main()
