"""Monitor benchmark: 20 LMI functions watched at once against a moto server on 127.0.0.1. Prints figures.

    .venv/bin/python bench/bench_monitor.py [--functions 20] [--providers 4] [--refreshes 6]

Each function is a full MonitorTarget (alias, version, capacity provider, old function): 25 catalogue queries,
19 of its own and 6 of its capacity provider's, which several functions share (FleetMonitor fetches a shared
query once). Datapoints are put for 15 series per function — 8 LMI series every 5 minutes, 3 standard
series every minute, 4 of the provider's fleet series every 5 minutes — for the 30 minutes before the first
refresh and for every 5 minutes before each later one (no Duration: moto cannot compute p99 from it).

Two ways to refresh, each measured over the same moments:

* shared — one FleetMonitor over one CloudWatchSource: every query in one GetMetricData call (the API takes
  500 queries per call, so 20 × 19 + 4 × 6 = 404 queries fit one);
* per function — one MonitorSession with its own CloudWatchSource per function: one call per function.

Printed per refresh: GetMetricData calls, response body bytes (botocore's ``after-call`` event, the HTTP body as
received), datapoints returned, and wall time (moto's time dominates the first refresh: it scans every stored
datapoint for every period of every query).

The Monitor pane's idle-CPU benchmark can reuse ``moto_server()``, ``fleet_targets()``, ``seed()`` and
``fleet_monitor()`` from here to drive the pane with the same 20-function fleet.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

from moto.server import ThreadedMotoServer  # noqa: E402

from tests.aws._moto import MotoAccount  # noqa: E402
from workbench.aws.metrics_source import CloudWatchSource  # noqa: E402
from workbench.aws.session import AwsSession, open_session  # noqa: E402
from workbench.monitor import FleetMonitor, MonitorSession, MonitorTarget  # noqa: E402

REGION = "us-east-1"
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
FIVE = timedelta(minutes=5)
MINUTE = timedelta(minutes=1)
SEEDED_LMI = ("lmi_invocations", "lmi_errors", "lmi_throttles", "throttle_concurrency", "ee_cpu", "ee_memory",
              "ee_concurrency", "ee_concurrency_limit")
SEEDED_STANDARD = ("old_invocations", "old_errors", "old_concurrency")
SEEDED_PROVIDER = ("cp_cpu", "cp_memory", "cp_vcpu_available", "cp_vcpu_allocated")


@contextmanager
def moto_server() -> Iterator[MotoAccount]:
    """A moto server on 127.0.0.1 for the duration of the block, reset, as a MotoAccount."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        moto = MotoAccount(f"http://{host}:{port}")
        moto.reset()
        yield moto
    finally:
        server.stop()


def fleet_targets(functions: int = 20, providers: int = 4) -> list[MonitorTarget]:
    return [MonitorTarget(function_name=f"svc-{i:02d}", alias="live", version="1",
                          capacity_provider=f"fleet-{i % providers}", old_function_name=f"svc-{i:02d}-std")
            for i in range(functions)]


def seed(moto: MotoAccount, targets: Sequence[MonitorTarget], start: datetime, minutes: int) -> int:
    """Datapoints for ``minutes`` from ``start`` (5-minute and 1-minute series); returns how many were put."""
    data: list[dict] = []
    providers_done: set[str] = set()
    for n, target in enumerate(targets):
        by_id = {q.id: q for q in target.queries()}
        wanted = list(SEEDED_LMI) + list(SEEDED_STANDARD)
        if target.capacity_provider not in providers_done:
            providers_done.add(target.capacity_provider or "")
            wanted += SEEDED_PROVIDER
        for qid in wanted:
            q = by_id[qid]
            step = timedelta(seconds=q.period_seconds)
            dims = [{"Name": k, "Value": v} for k, v in sorted(q.dimensions.items())]
            for i in range(int(timedelta(minutes=minutes) / step)):
                data.append({"MetricName": q.metric_name, "Dimensions": dims, "Timestamp": start + i * step,
                             "Value": float(10 + (n + i) % 7), "Unit": q.unit or "None"})
    client = moto.client("cloudwatch", REGION)
    for i in range(0, len(data), 1000):
        client.put_metric_data(Namespace="AWS/Lambda", MetricData=data[i:i + 1000])
    return len(data)


class Meter:
    """GetMetricData answers through botocore's after-call event: body bytes and datapoints."""

    def __init__(self, session: AwsSession) -> None:
        self.session = session
        self.bytes = 0
        self.datapoints = 0
        session.client("cloudwatch", REGION).meta.events.register("after-call.cloudwatch.GetMetricData", self._seen)

    def _seen(self, http_response=None, parsed=None, **_) -> None:
        self.bytes += len(getattr(http_response, "content", b"") or b"")
        self.datapoints += sum(len(r.get("Timestamps") or ()) for r in (parsed or {}).get("MetricDataResults") or ())

    def reading(self) -> tuple[int, int, int]:
        return self.session.stats.calls["cloudwatch:GetMetricData"], self.bytes, self.datapoints


def fleet_monitor(moto: MotoAccount, targets: Sequence[MonitorTarget], *,
                  range_: timedelta = timedelta(hours=1)) -> tuple[FleetMonitor, AwsSession]:
    """One FleetMonitor over one CloudWatchSource on the moto server (what the pane uses for a fleet)."""
    session = open_session(moto.settings(REGION))
    return FleetMonitor(CloudWatchSource(session), targets, range_=range_), session


def measure(label: str, refresh, meter: Meter, moments: Sequence[datetime], moto: MotoAccount,
            targets: Sequence[MonitorTarget], seed_between: bool) -> list[tuple[int, int, int, float]]:
    rows = []
    for n, moment in enumerate(moments):
        if seed_between and n > 0:
            seed(moto, targets, moment - FIVE, 5)
        before = meter.reading()
        started = time.perf_counter()
        refresh(moment)
        wall = time.perf_counter() - started
        after = meter.reading()
        rows.append((after[0] - before[0], after[1] - before[1], after[2] - before[2], wall))
    print(f"{label}")
    print(f"  {'refresh':<10} {'calls':>6} {'bytes':>10} {'datapoints':>11} {'wall s':>8}")
    for n, (calls, size, points, wall) in enumerate(rows):
        print(f"  {'first' if n == 0 else f'+{n * 5} min':<10} {calls:>6} {size:>10,} {points:>11,} {wall:>8.2f}")
    later = rows[1:]
    if later:
        print(f"  after the first: {sum(r[0] for r in later) / len(later):.1f} calls and "
              f"{sum(r[1] for r in later) / len(later):,.0f} bytes per refresh on average")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", type=int, default=20)
    parser.add_argument("--providers", type=int, default=4, help="capacity providers the functions share")
    parser.add_argument("--refreshes", type=int, default=6, help="refreshes after the first, 5 minutes apart")
    args = parser.parse_args()
    targets = fleet_targets(args.functions, args.providers)
    moments = [T0 + n * FIVE for n in range(args.refreshes + 1)]
    with moto_server() as moto:
        put = seed(moto, targets, T0 - timedelta(minutes=30), 30)
        fleet, session = fleet_monitor(moto, targets)
        own = len(SEEDED_LMI) + len(SEEDED_STANDARD)
        print(f"{args.functions} functions × {len(targets[0].queries())} queries "
              f"({args.functions} × 19 + {args.providers} providers × 6 shared = {len(fleet.queries)} in one fetch); "
              f"datapoints for {own} own + {len(SEEDED_PROVIDER)} provider series each; {put:,} put before the "
              "first refresh")
        shared = measure("shared: one FleetMonitor, one CloudWatchSource", fleet.refresh, Meter(session), moments,
                         moto, targets, seed_between=True)

        session2 = open_session(moto.settings(REGION))
        sessions = [MonitorSession(CloudWatchSource(session2), t, range_=timedelta(hours=1)) for t in targets]
        separate = measure("per function: one MonitorSession and CloudWatchSource each",
                           lambda moment: [s.refresh(moment) for s in sessions], Meter(session2), moments, moto,
                           targets, seed_between=False)
    snapshots = fleet.last
    states: dict[str, int] = {}
    for snap in snapshots.values():
        states[snap.state.value] = states.get(snap.state.value, 0) + 1
    print(f"last fleet refresh: {len(snapshots)} snapshots, overall states {dict(sorted(states.items()))}")
    print(f"GetMetricData calls per refresh: shared {shared[-1][0]}, per function {separate[-1][0]} "
          f"(target: 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
