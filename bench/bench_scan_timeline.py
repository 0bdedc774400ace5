"""Scan timeline: where a cold whole-repository scan spends its time, per tree: when the workers got their first
batch and when they went idle, what this process did meanwhile (walk and read, discovery, collecting and
resolving, the cache and the findings) and the CPU seconds of each side. Prints figures; never fails.

    .venv/bin/python bench/bench_scan_timeline.py PATH [PATH ...] [--workers 2] [--repeat 1]

The trees are scanned one after the other in this process, as ``bench_scan_repos.py`` does (the first scan also
loads and warms up the analyzers, then forks the workers from this process). On a shared machine the wall figures depend on the neighbours; the CPU figures much less.
"Critical path" is the part of the scan when fewer than all workers were busy: this process's serial work
before the first batch and after the last, and the workers' idle time in between.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def children_cpu() -> float:
    """CPU seconds of this process's waited-for children: the workers when they are forked from this process (the
    CLI's way); a fork server's workers are its children, not ours (then only their batches are counted)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def busy_union(spans: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="cold scans of each tree (each with a fresh store)")
    args = parser.parse_args()
    from workbench.readiness.scanner import scan
    from workbench.store import Store

    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    sums = {"wall": 0.0, "main": 0.0, "workers": 0.0, "children": 0.0, "lines": 0}
    for path in args.paths:
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="lmi-bench-timeline-") as work, \
                    Store.open(Path(work) / "bench.sqlite", author="bench") as store:
                cpu0 = time.process_time()
                kids0 = children_cpu()
                wall0 = time.perf_counter()
                result = scan(path, store=store, workers=args.workers)
                wall = time.perf_counter() - wall0
                main_cpu = time.process_time() - cpu0
                kids = children_cpu() - kids0
            r = result.report
            sums["wall"] += wall
            sums["main"] += main_cpu
            sums["workers"] += r.worker_cpu_s
            sums["children"] += kids
            sums["lines"] += r.lines
            workers: dict[str, list[tuple[float, float]]] = {}
            phases = []
            for label, a, b in r.spans:
                if label.startswith("worker "):
                    workers.setdefault(label, []).append((a, b))
                else:
                    phases.append((label, a, b))
            print(f"{path.name}: {r.lines:,} lines, wall {wall:.2f} s ({r.lines / wall / 1000:.1f}k lines/s), "
                  f"CPU this process {main_cpu:.2f} s, workers {r.worker_cpu_s:.2f} s in their batches "
                  f"({kids:.2f} s in all, when forked from this process), used {r.workers} workers")
            for label, a, b in phases:
                print(f"   {label:22s} {a:6.2f} → {b:6.2f} s  ({b - a:5.2f} s)")
            for label, spans in sorted(workers.items()):
                first = min(a for a, _ in spans)
                last = max(b for _, b in spans)
                busy = busy_union(spans)
                print(f"   {label:22s} {first:6.2f} → {last:6.2f} s  busy {busy:5.2f} s, idle between "
                      f"{last - first - busy:5.2f} s, {len(spans)} batches")
            if workers:
                first = min(a for spans in workers.values() for a, _ in spans)
                last = max(b for spans in workers.values() for _, b in spans)
                ends = sorted(max(b for _, b in spans) for spans in workers.values())
                print(f"   critical path: {first:.2f} s before the first batch, {ends[-1] - ends[0]:.2f} s of tail "
                      f"(one worker done, another busy), {wall - last:.2f} s after the last batch")
    lines = sums["lines"]
    print(f"all: {lines:,} lines, wall {sums['wall']:.2f} s ({lines / sums['wall'] / 1000:.1f}k lines/s), CPU this "
          f"process {sums['main']:.2f} s, workers {sums['workers']:.2f} s, total "
          f"{sums['main'] + sums['workers']:.2f} s ({lines / (sums['main'] + sums['workers']) / 1000:.1f}k lines "
          f"per CPU-second); worker processes in all (start-up and exit included, when forked from this process) "
          f"{sums['children']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
