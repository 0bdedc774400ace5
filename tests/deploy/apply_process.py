"""Apply a stored deployment plan in a process of its own, against the moto server and the LMI fake (its state in a
file), so a test can kill it with SIGKILL at a chosen moment and resume the deployment from another process.

    python -m tests.deploy.apply_process STORE MOTO_URL FAKE_STATE JOURNAL [--plan ID] [--as NAME]
                                         [--stop-after-call OPERATION] [--stop-polling STEP]

``--stop-after-call``: once OPERATION has been answered (the call reached the account) and before the runner writes
its record, print ``STOPPED <operation>`` and block; ``--stop-polling``: the same at the first poll of the wait
step STEP. The test then kills the process. Without a stop the run ends and its outcome is printed as JSON.
Every client's calls are written to the journal (tests.deploy.lmi_fake.CallJournal); the fake logs its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from tests.deploy.lmi_fake import REGION, CallJournal, LmiFake
from workbench.aws.session import open_session
from workbench.config import AwsSettings
from workbench.deploy import DeploymentRunner
from workbench.store import Store

SERVICES = ("iam", "lambda", "cloudwatch", "scheduler", "sts")


def _block(what: str) -> None:
    print(f"STOPPED {what}", flush=True)
    while True:  # until the test's SIGKILL
        time.sleep(60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    for name in ("store", "moto", "fake_state", "journal"):
        parser.add_argument(name)
    parser.add_argument("--plan", default="default")
    parser.add_argument("--as", dest="author", default="ana")
    parser.add_argument("--stop-after-call")
    parser.add_argument("--stop-polling")
    args = parser.parse_args(argv)

    session = open_session(AwsSettings(region=REGION, endpoint_url=args.moto))
    fake = LmiFake(args.moto, state_path=args.fake_state)
    journal = CallJournal(args.journal)
    clients = [session.client(service, REGION) for service in SERVICES]
    for client in clients:
        journal.attach(client)
    if args.stop_after_call:
        for client in [*clients, fake.client]:
            client.meta.events.register(f"after-call.*.{args.stop_after_call}",
                                        lambda **_: _block(args.stop_after_call), unique_id="stop-after-call")

    def progress(event) -> None:
        if event.phase == "polling" and event.step.id == args.stop_polling:
            _block(event.step.id)

    with Store.open(args.store, author=args.author) as store:
        result = DeploymentRunner(store, session, author=args.author, clients=fake.clients(session),
                                  on_progress=progress, sleep=lambda _s: None).apply(args.plan,
                                                                                     confirmed_by=args.author)
    print(json.dumps({"outcome": result.outcome, "step": result.step_id, "message": result.message}), flush=True)
    return 0 if result.outcome == "completed" else 1


if __name__ == "__main__":
    sys.exit(main())
