"""Whole-repository scan benchmark: lines/s of the readiness scan on real checkouts, in-process and with one and
two worker processes, cold and warm, next to ruff on the same trees. Prints figures; never fails.

    .venv/bin/python bench/bench_scan_repos.py PATH [PATH ...] [--workers 0 1 2] [--no-ruff]

Each PATH is a checkout of a whole repository (for example ``git clone --depth 1
https://github.com/aws-powertools/powertools-lambda-python``); the trees are scanned one by one and the totals
summed. For every worker count: a cold scan (a fresh session store, so nothing is cached) and a warm re-scan
(the same store: the content-hash cache). Besides wall time it prints the CPU time of this process and of the
worker processes (on a shared machine the wall time depends on the neighbours; the CPU time much less). Workers are
forked from this process (as in the CLI: its children, their whole CPU time counted); where they come from the
scanner's fork server (a scan from a thread) they are not this process's children: their CPU time is the one they
report for the files they analysed (``report.worker_cpu_s``; their start-up is not in it). This process's CPU time includes the files it
analyses itself while it would otherwise wait for the workers (bench/bench_scan_timeline.py shows who did what when).
``ruff check --select ALL --no-cache --isolated`` reads only the Python files; its time is a reference, not a
like-for-like figure for a tree that is mostly TypeScript or Java.
Target (issue 12): ≥ 50k lines/s with 2 workers on 2 cores; warm re-scan < 1 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_LINES_S = 50_000
WARM_TARGET_S = 1.0


def cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def timed_scan(path: Path, store, workers: int):
    from workbench.readiness.scanner import scan

    own0, kids0 = cpu()
    started = time.perf_counter()
    result = scan(path, store=store, workers=workers)
    wall = time.perf_counter() - started
    own1, kids1 = cpu()
    return wall, own1 - own0, kids1 - kids0, result


def ruff_time(path: Path) -> tuple[float, float] | None:
    """(wall, CPU) seconds of ``ruff check --select ALL`` over the tree."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        return None
    _, kids0 = cpu()
    started = time.perf_counter()
    subprocess.run([ruff, "check", "--select", "ALL", "--no-cache", "--isolated", "--exit-zero", "-q", str(path)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    _, kids1 = cpu()
    return wall, kids1 - kids0


def rate(lines: int, seconds: float) -> str:
    return f"{lines / seconds / 1000:6.1f}k lines/s" if seconds else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="checkouts of whole repositories")
    parser.add_argument("--workers", nargs="+", type=int, default=[0, 1, 2],
                        help="worker counts to measure (0: in-process; default 0 1 2)")
    parser.add_argument("--no-ruff", action="store_true", help="do not time ruff")
    args = parser.parse_args()
    from workbench.store import Store

    missing = [p for p in args.paths if not p.is_dir()]
    if missing:
        print(f"not a folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    from workbench.readiness.scanner import _fork_is_safe, _mp_context

    method = "fork" if _fork_is_safe() else _mp_context().get_start_method()   # forked from this process (CLI)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start; workers by {method}"
          + (" (their CPU time below is what they report for their batches)" if method == "forkserver" else ""))
    totals: dict[tuple[int, str], list[float]] = {}
    lines_total = 0
    ruff_total = ruff_cpu = 0.0
    for path in args.paths:
        print(f"{path}:")
        for workers in args.workers:
            with tempfile.TemporaryDirectory(prefix="lmi-bench-repos-") as work, \
                    Store.open(Path(work) / "bench.sqlite", author="bench") as store:
                for phase in ("cold", "warm"):
                    wall, own, kids, result = timed_scan(path, store, workers)
                    r = result.report
                    if phase == "cold" and workers == args.workers[0]:
                        lines_total += r.lines
                        print(f"  {r.files_scanned:,} files, {r.lines:,} lines, {len(result.findings)} findings, "
                              f"{r.fixes_built} fixes built, {getattr(result, 'pending_fixes', 0)} left to build on demand, "
                              f"languages {r.languages}")
                    kids = max(kids, r.worker_cpu_s)   # forked from the fork server: reported by the workers
                    t = totals.setdefault((workers, phase), [0.0, 0.0, 0.0])
                    t[0] += wall
                    t[1] += own
                    t[2] += kids
                    print(f"  {phase}, workers={workers} (used {r.workers})  {wall:7.2f} s  {rate(r.lines, wall)}"
                          f"   CPU: this process {own:6.2f} s, workers {kids:6.2f} s")
        if not args.no_ruff:
            ruff_s = ruff_time(path)
            if ruff_s is not None:
                ruff_total += ruff_s[0]
                ruff_cpu += ruff_s[1]
                print(f"  ruff --select ALL (Python files only)  {ruff_s[0]:7.2f} s   CPU {ruff_s[1]:6.2f} s")
    print(f"all trees: {lines_total:,} lines")
    for (workers, phase), (wall, own, kids) in sorted(totals.items(), key=lambda i: (i[0][1], i[0][0])):
        print(f"  {phase}, workers={workers}  {wall:7.2f} s  {rate(lines_total, wall)}   "
              f"CPU {own + kids:6.2f} s ({rate(lines_total, own + kids)} per core-second)")
    if ruff_total:
        print(f"  ruff --select ALL  {ruff_total:7.2f} s   CPU {ruff_cpu:6.2f} s")
    best = min((v[0] for k, v in totals.items() if k[1] == "cold"), default=0.0)
    if best:
        met = lines_total / best >= TARGET_LINES_S
        print(f"  best cold rate {rate(lines_total, best).strip()} (target ≥ {TARGET_LINES_S // 1000}k lines/s on 2 cores): "
              f"{'met' if met else 'MISSED'}")
    warm = [v[0] / len(args.paths) for k, v in totals.items() if k[1] == "warm"]
    if warm:
        print(f"  warm re-scan, mean per tree {min(warm):.2f} s (target < {WARM_TARGET_S:.0f} s): "
              f"{'met' if min(warm) < WARM_TARGET_S else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
