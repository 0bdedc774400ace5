"""Triage benchmark: 1,000 functions × 14 days against a moto server on 127.0.0.1. Prints figures.

    .venv/bin/python bench/bench_triage.py [--functions 1000] [--days 14] [--insights-every 10]

Part 1 — the whole triage through the real HTTP path (ListFunctions pages, batched GetMetricData, pricing with
the cost engine, the fit verdict): the number of each call and the wall time per phase. The functions have no
datapoints: moto answers GetMetricData by scanning every stored datapoint for every period of every query
(O(queries × periods × datapoints)), so 14 days of hourly history for 1,000 functions would measure moto, not
the workbench. The queries, their periods and the number of calls are exactly those of a real account.

Part 2 — the same 1,000 functions with 14 days of hourly history (steady, diurnal, bursty and idle shapes)
through the pure part of the triage (series → figures → Workload → cost comparison → fit), as happens after
the metric calls return: what a full account adds on this machine.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

from moto.server import ThreadedMotoServer  # noqa: E402

from tests.aws._moto import MotoAccount  # noqa: E402
from workbench.aws.cloudwatch import MAX_QUERIES_PER_CALL, Window, assemble, plan_queries  # noqa: E402
from workbench.aws.functions import list_functions  # noqa: E402
from workbench.aws.session import open_session  # noqa: E402
from workbench.aws.triage import fit_assessor, make_row, sort_rows, triage  # noqa: E402

REGION = "us-east-1"


def shaped_series(kind: int, hours: int, rng: random.Random) -> list[float]:
    scale = rng.choice((50, 500, 5_000, 50_000, 150_000))
    if kind == 0:  # steady with noise
        return [scale * rng.uniform(0.9, 1.1) for _ in range(hours)]
    if kind == 1:  # day/night
        return [scale * (1.8 if 8 <= h % 24 < 20 else 0.2) for h in range(hours)]
    if kind == 2:  # bursty
        return [scale * (20 if rng.random() < 0.03 else 0.3) for _ in range(hours)]
    return [scale * 0.01 if h % 24 == 3 else 0.0 for h in range(hours)]  # a nightly job


def part1(moto: MotoAccount, n: int, days: int, insights_every: int) -> None:
    names = [f"svc-{i:04d}" for i in range(n)]
    t0 = time.perf_counter()
    moto.create_functions(names, REGION, insights_every=insights_every)
    setup = time.perf_counter() - t0

    session = open_session(moto.settings(REGION))
    marks: dict[str, float] = {}

    def progress(done: int, total: int, message: str) -> None:
        phase = "metrics" if "CloudWatch" in message else "pricing" if "pric" in message else "listing"
        marks.setdefault(phase, time.perf_counter())

    start = time.perf_counter()
    result = triage(session, [REGION], days=days, on_progress=progress)
    wall = time.perf_counter() - start
    with_insights = sum(1 for i in range(n) if insights_every and i % insights_every == 0)
    queries = n * 6 + with_insights * 2
    calls = result.calls
    gmd = calls.get("cloudwatch:GetMetricData", {}).get("calls", 0)
    lf = calls.get("lambda:ListFunctions", {}).get("calls", 0)
    print(f"Part 1: triage of {n:,} functions × {days} days through moto ({with_insights:,} with Lambda Insights)")
    print(f"  setup (creating the functions, not measured below): {setup:.1f} s")
    print(f"  metric queries                  {result.metric_queries:,} (expected {queries:,})")
    print(f"  GetMetricData calls             {gmd:,} (ceil({queries:,} / {MAX_QUERIES_PER_CALL}) = "
          f"{math.ceil(queries / MAX_QUERIES_PER_CALL)})")
    print(f"  ListFunctions calls             {lf:,} (a real account: ceil({n:,} / 50) = {math.ceil(n / 50)}; "
          "moto returns every function on one page)")
    print(f"  other calls                     {sum(v['calls'] for k, v in calls.items()) - gmd - lf}")
    print(f"  retries / throttled             "
          f"{sum(v['attempts'] - v['calls'] for v in calls.values())} / {sum(v['throttled'] for v in calls.values())}")
    order = ["listing", "metrics", "pricing"]
    stamps = [marks.get(p) for p in order] + [start + wall]
    for i, phase in enumerate(order):
        if stamps[i] is not None and stamps[i + 1] is not None:
            print(f"  {phase:<31} {stamps[i + 1] - stamps[i]:.2f} s")
    print(f"  wall time                       {wall:.2f} s for {len(result.rows):,} rows")
    listing = list_functions(session, REGION)
    window = Window.ending(days=days)
    per_call = [len(plan_queries(listing.functions[i:i + 1], window)) for i in range(min(3, n))]
    print(f"  queries per function            6, 8 with Lambda Insights (first three: {per_call})")


def part2(n: int, days: int) -> None:
    rng = random.Random(42)
    window = Window.ending(datetime(2026, 11, 20, tzinfo=timezone.utc), days)
    from workbench.aws.functions import FunctionInfo

    functions = [FunctionInfo(name=f"svc-{i:04d}", arn=f"arn:aws:lambda:{REGION}:123456789012:function:svc-{i:04d}",
                              region=REGION, runtime=rng.choice(("python3.12", "nodejs22.x", "java21", "dotnet8")),
                              memory_mb=rng.choice((512, 1024, 2048)), architecture=rng.choice(("x86_64", "arm64")),
                              timeout_s=30, ephemeral_storage_mb=512, package_type="Zip") for i in range(n)]
    raw = []
    for i, fn in enumerate(functions):
        series = shaped_series(i % 4, window.hours, rng)
        points = [(window.start + timedelta(hours=h), v) for h, v in enumerate(series) if v > 0]
        duration = rng.choice((40.0, 120.0, 300.0, 800.0))
        raw.append((fn, {"invocations": points, "concurrency": [(t, max(1.0, v / 3600 * duration / 1000))
                                                                for t, v in points],
                         "duration_avg": [(window.start, duration)] if points else [],
                         "duration_p99": [(window.start, duration * 4)] if points else [],
                         "errors": [], "throttles": []}))
    assess = fit_assessor()
    start = time.perf_counter()
    rows = [make_row(fn, assemble(fn, window, data), assess=assess) for fn, data in raw]
    rows = sort_rows(rows)
    wall = time.perf_counter() - start
    priced = sum(1 for r in rows if r.saving_usd is not None)
    shapes: dict[str, int] = {}
    for r in rows:
        shapes[r.traffic_pattern] = shapes.get(r.traffic_pattern, 0) + 1
    print(f"Part 2: {n:,} functions × {days} days of hourly history through figures, Workload, cost and fit")
    print(f"  wall time                       {wall:.2f} s ({wall / n * 1000:.2f} ms a function); {priced:,} priced")
    print(f"  shapes                          {dict(sorted(shapes.items()))}")
    best = rows[0]
    print(f"  top row                         {best.function_name}: {best.traffic_pattern}, saving "
          f"${best.saving_usd:,.0f}/month, fit {best.fit_verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", type=int, default=1000)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--insights-every", type=int, default=10,
                        help="every Nth function has the Lambda Insights layer (0: none)")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        moto = MotoAccount(f"http://{host}:{port}")
        moto.reset()
        part1(moto, args.functions, args.days, args.insights_every)
    finally:
        server.stop()
    part2(args.functions, args.days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
