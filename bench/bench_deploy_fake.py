"""Guided-deployment benchmark against a local moto server and the LMI fake (tests/deploy/lmi_fake.py). Prints figures.

    .venv/bin/python bench/bench_deploy_fake.py [--runs 3]

One run = plan (read-only look-ups) → apply every step (waits polled without sleeping) → cleanup, in this process,
with the demo workload and scheduled scaling. Reports the calls made (to moto, and to the fake, which passes most
Lambda calls on to moto) and the wall time per run and per call, store writes included (median over ``--runs``,
after a warm-up run): what the contract test costs. Nothing here touches AWS.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_EC2_METADATA_DISABLED="true",
                  NO_PROXY="127.0.0.1,localhost")

from moto.server import ThreadedMotoServer

from tests.aws._moto import MotoAccount
from tests.deploy.lmi_fake import REGION, CallJournal, LmiFake
from tests.iac.conftest import demo_workload
from workbench.aws.session import open_session
from workbench.deploy import DeploymentRunner, build_cleanup_plan, build_plan, save_plan
from workbench.iac import IacOptions
from workbench.starting_config import starting_configuration
from workbench.store import Store


def one_run(account: MotoAccount, root: Path) -> tuple[float, int, int]:
    account.reset()
    code = root / "code"
    code.mkdir(exist_ok=True)
    (code / "app.py").write_text("def handler(event, context):\n    return {}\n")
    journal = CallJournal(root / "calls.jsonl")
    journal.path.unlink(missing_ok=True)
    session = open_session(account.settings(REGION))
    for service in ("iam", "lambda", "cloudwatch", "scheduler", "sts"):
        journal.attach(session.client(service, REGION))
    fake = LmiFake(account.endpoint)
    clients = fake.clients(session)
    workload = demo_workload()
    store_path = root / "bench.sqlite"
    store_path.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store.open(store_path, author="bench") as store:
        plan = build_plan(workload, starting_configuration(workload), IacOptions(scheduled_scaling=True),
                          region=REGION, function_code=code, session=session, clients=clients)
        save_plan(store, plan)
        runner = DeploymentRunner(store, session, author="bench", clients=clients, sleep=lambda _s: None)
        assert runner.apply(plan.id, confirmed_by="bench").outcome == "completed"
        cleanup = build_cleanup_plan(store, plan.id)
        save_plan(store, cleanup)
        assert runner.apply(cleanup.id, confirmed_by="bench").outcome == "completed"
    elapsed = time.perf_counter() - started
    return elapsed, len(journal.entries()), len(fake.calls)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        account = MotoAccount(f"http://{host}:{port}")
        with tempfile.TemporaryDirectory() as scratch:
            results = [one_run(account, Path(scratch)) for _ in range(args.runs + 1)][1:]  # first run warms up
    finally:
        server.stop()
    seconds = statistics.median(r[0] for r in results)
    moto_calls, fake_calls = results[-1][1], results[-1][2]
    print(f"guided deployment + cleanup: {seconds * 1000:.0f} ms per run (median of {args.runs}), "
          f"{moto_calls} calls to moto (IAM, CloudWatch, Scheduler, STS) + {fake_calls} Lambda calls on the fake, "
          f"{seconds * 1000 / (moto_calls + fake_calls):.1f} ms per call")


if __name__ == "__main__":
    main()
