"""Cost benchmark: one full recompute, as the cost pane does on every accepted intake edit. Prints figures.

    .venv/bin/python bench/bench_cost.py [--runs 500]

One recompute = every scenario, the instance search over the region's catalog (us-east-1: all 189 priced types,
filtered to the function's architecture and the LMI families), the solved break-even and the 5×5 sensitivity
grid. Measured for a few workload shapes; median and p99 over ``--runs`` runs each, after a warm-up. Target:
median under 5 ms, so typing in the intake form never lags.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.cost.compare import compare  # noqa: E402

from workbench.cost import CostInputs, ScheduledScaling, default_catalog  # noqa: E402
from workbench.cost.aws_sample import calculate  # noqa: E402
from workbench.cost.report import render  # noqa: E402

TARGET_MS = 5.0

CASES = {
    "steady arm64 Node.js 100M/month": CostInputs(
        requests_per_month=100e6, duration_avg_ms=200, memory_mb=1024, architecture="arm64", runtime="nodejs",
        peak_rps=100),
    "bursty x86 Python 2B/month": CostInputs(
        requests_per_month=2e9, duration_avg_ms=350, memory_mb=2048, architecture="x86_64", runtime="python",
        peak_rps=5000, free_tier=True),
    "scheduled scaling, Java, PC": CostInputs(
        requests_per_month=300e6, duration_avg_ms=120, memory_mb=1536, architecture="x86_64", runtime="java",
        peak_rps=400, provisioned_concurrency=20, ephemeral_storage_mb=2048,
        scheduled_scaling=ScheduledScaling(220, off_peak_rps=40)),
    "low volume (Lambda wins)": CostInputs(
        requests_per_month=2e6, duration_avg_ms=50, memory_mb=512, architecture="arm64", runtime="python"),
    "CPU-bound Node.js 10k/s (by CPU)": CostInputs(
        requests_per_month=10_000 * 730 * 3600, duration_avg_ms=100, memory_mb=2048, architecture="x86_64",
        runtime="nodejs", lmi_memory_mb=8192, gib_per_vcpu=4.0, per_ee_concurrency=128, max_vcpu=15_000,
        cpu_share=0.85),
}
SAMPLE = dict(runtime="python", targetConcurrency=100, memoryPerExec=512)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def measure(fn, runs: int) -> list[float]:
    for _ in range(20):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    catalog = default_catalog()
    print(f"cost recompute, {args.runs} runs each, prices: {catalog.label}")
    worst = 0.0
    for name, inputs in CASES.items():
        times = measure(lambda inputs=inputs: compare(inputs, catalog), args.runs)
        med = statistics.median(times) * 1000
        worst = max(worst, med)
        result = compare(inputs, catalog)
        print(f"  {name:34} median {med:6.2f} ms  p99 {pct(times, 99) * 1000:6.2f} ms  "
              f"(break-even {result.breakeven.status}, {result.instance.instance_type})")
    from workbench.cost.workload import inputs_from_workload
    from workbench.models import Workload

    workload = Workload(function_name="orders", region="us-east-1", runtime="nodejs22.x", memory_mb=1024,
                        requests_per_month=100_000_000, duration_avg_ms=200.0, cpu_profile="balanced")
    times = measure(lambda: inputs_from_workload(workload), args.runs)  # the starting configuration, derived
    print(f"  {'workload → inputs (configuration)':34} median {statistics.median(times) * 1000:6.2f} ms  "
          f"p99 {pct(times, 99) * 1000:6.2f} ms")
    times = measure(lambda: calculate(SAMPLE, catalog), args.runs)
    print(f"  {'aws-sample model':34} median {statistics.median(times) * 1000:6.2f} ms  "
          f"p99 {pct(times, 99) * 1000:6.2f} ms")
    result = compare(next(iter(CASES.values())), catalog)
    for fmt in ("table", "markdown"):
        times = measure(lambda fmt=fmt: render(result, fmt), max(50, args.runs // 5))
        print(f"  {'render ' + fmt:34} median {statistics.median(times) * 1000:6.2f} ms")
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"slowest median {worst:.2f} ms: {verdict} the {TARGET_MS:g} ms target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
