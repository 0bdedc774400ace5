"""The Monitor pane's CPU use between refreshes: the workbench headless at 100×30 on the Monitor pane, watching
20 functions (each: its LMI series by alias and version, its capacity provider's fleet, the old function's
series) from the deterministic simulator through one FleetMonitor fetch per refresh.

Prints the process CPU time (user + system, every thread: the UI loop, the store poll, the refresh worker) over
an idle interval between two refreshes as % of one core — the target is under 5% — and the CPU one refresh
costs (fetch, thresholds, gates, charts).

    .venv/bin/python bench/bench_monitor_ui.py [--functions 20] [--idle 20] [--refresh 60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LMI_WORKBENCH_HEADLESS", "1")

TARGET_PCT = 5.0


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def targets(n: int) -> list:
    from workbench.monitor import MonitorTarget

    return [MonitorTarget(function_name=f"orders-{i:02d}-lmi", alias="live", version="1",
                          capacity_provider=f"fleet-{i % 4}", old_function_name=f"orders-{i:02d}",
                          old_qualifier="prod") for i in range(n)]


async def run(functions: int, idle: float, refresh: float) -> None:
    from workbench.app import WorkbenchApp
    from workbench.config import AppConfig, AwsSettings
    from workbench.metrics import SimulatedSource
    from workbench.store import Store

    path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    store = Store.open(path, author="bench")
    app = WorkbenchApp(AppConfig(store_path=path, author="bench", aws=AwsSettings(offline=True)), store)
    watched = targets(functions)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        pane = app.query_one("#pane-monitor")
        pane.use_source(SimulatedSource(scenario="healthy", lmi_share=0.5), label="simulated",
                        every_seconds=refresh)
        pane.monitor_functions(watched)
        series = len(pane._monitor.queries)
        while pane.refreshes < 1:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # the first frame with charts is drawn

        # One refresh on demand: its CPU (the worker's fetch and thresholds, then the render on the UI loop).
        before, wall = cpu_seconds(), time.perf_counter()
        done = pane.refreshes
        pane.refresh_now()
        while pane.refreshes == done:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)  # the repaint after it
        refresh_cpu = cpu_seconds() - before
        refresh_wall = time.perf_counter() - wall

        # Idle: the pane is on screen, nothing to fetch until the next refresh.
        before, wall = cpu_seconds(), time.perf_counter()
        await asyncio.sleep(idle)
        idle_cpu = cpu_seconds() - before
        idle_wall = time.perf_counter() - wall
        assert pane.refreshes == done + 1, "a timed refresh fell into the idle interval: use a longer --refresh"
    store.close()
    idle_pct = idle_cpu / idle_wall * 100
    cycle_pct = (refresh_cpu + idle_cpu / idle_wall * (refresh - refresh_wall)) / refresh * 100
    print(f"monitoring {functions} functions, {series} series fetched per refresh (one FleetMonitor fetch), "
          f"range 3 h, refresh every {refresh:g} s")
    print(f"one refresh: {refresh_cpu * 1000:.0f} ms CPU ({refresh_wall * 1000:.0f} ms wall, fetch in a worker)")
    print(f"idle between refreshes: {idle_pct:.2f}% of a core over {idle_wall:.1f} s "
          f"(target < {TARGET_PCT:g}%: {'met' if idle_pct < TARGET_PCT else 'NOT met'})")
    print(f"averaged over a whole refresh cycle: {cycle_pct:.2f}% of a core")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", type=int, default=20)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle to measure (default 20)")
    parser.add_argument("--refresh", type=float, default=60.0, help="refresh interval, seconds (default 60)")
    args = parser.parse_args()
    if args.idle + 2 >= args.refresh:
        parser.error("--idle must be shorter than --refresh (the idle interval lies between two refreshes)")
    asyncio.run(run(args.functions, args.idle, args.refresh))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
