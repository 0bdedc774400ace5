"""The UI stays responsive during a fleet triage: 1,000 functions × 14 days against a moto server on 127.0.0.1,
run from the Intake pane's triage screen (a worker thread), while a 20 ms timer on the event loop records how
late it fires. Prints the longest event-loop stall and the p99, during the triage and while the 1,000-row
table renders, and the GetMetricData calls made.

    .venv/bin/python bench/bench_triage_ui.py [--functions 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

from tests.aws._moto import MotoAccount  # noqa: E402
from workbench.app import WorkbenchApp  # noqa: E402
from workbench.config import AppConfig  # noqa: E402
from workbench.models import TriageReport  # noqa: E402
from workbench.store import Store  # noqa: E402

TICK = 0.02


async def run(n: int) -> None:
    # The emulator runs in its own process, as AWS would: in this process it would compete for the GIL.
    import socket
    import subprocess

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    moto = MotoAccount(f"http://127.0.0.1:{port}")
    for _ in range(100):
        try:
            moto.reset()
            break
        except Exception:
            time.sleep(0.1)
    moto.reset()
    started = time.perf_counter()
    moto.create_functions([f"fn-{i:04d}" for i in range(n)], "us-east-1", insights_every=10)
    print(f"created {n} functions in {time.perf_counter() - started:.1f} s")

    path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    store = Store.open(path, author="bench")
    app = WorkbenchApp(AppConfig(store_path=path, author="bench", aws=moto.settings("us-east-1")), store)
    lags: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            lags.append(now - last - TICK)
            last = now

        app.set_interval(TICK, tick)
        await pilot.press("t")
        begin = time.perf_counter()
        await pilot.press("ctrl+r")
        while app.store.get(TriageReport) is None and time.perf_counter() - begin < 600:
            await asyncio.sleep(0.05)
        triage_s = time.perf_counter() - begin
        during = list(lags)
        lags.clear()
        table = app.screen.query_one("#triage-table")
        while table.row_count < n and time.perf_counter() - begin < 600:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        after = list(lags)
        report = app.store.get(TriageReport).doc
    store.close()
    server.terminate()
    server.wait()

    def describe(name: str, values: list[float]) -> str:
        ms = sorted(max(0.0, v) * 1000 for v in values) or [0.0]
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        return f"{name:<34} longest stall {ms[-1]:7.1f} ms   p99 {p99:6.1f} ms   ({len(ms)} ticks of {TICK*1000:.0f} ms)"

    print(f"triage of {len(report.rows)} functions: {triage_s:.1f} s, GetMetricData calls: "
          f"{report.get_metric_data_calls}")
    print(describe("event loop during the triage", during))
    print(describe("event loop while the table renders", after))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(run(args.functions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
