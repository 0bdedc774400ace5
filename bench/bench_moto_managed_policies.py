"""Why the deployment tests add one AWS managed policy to moto instead of loading them all. Prints figures.

    .venv/bin/python bench/bench_moto_managed_policies.py [--runs 3]

The operator role attaches AWSLambdaManagedEC2ResourceOperator. moto knows AWS's managed policies only with
MOTO_IAM_LOAD_MANAGED_POLICIES=true, and then builds all of them (~1,300) on the first IAM call after every reset.
Measured: reset + CreateRole + AttachRolePolicy, with all policies loaded vs with the one policy added
(tests/aws/_moto.py MotoAccount.add_aws_managed_policy). Median over ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

POLICY = "AWSLambdaManagedEC2ResourceOperator"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    import logging

    from moto.server import ThreadedMotoServer

    from tests.aws._moto import MotoAccount

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    account = MotoAccount(f"http://{host}:{port}")
    trust = '{"Version":"2012-10-17","Statement":[]}'
    try:
        for label, load_all in (("all managed policies loaded", True), ("the one policy added", False)):
            os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true" if load_all else "false"
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                account.reset()
                iam = account.client("iam")
                iam.list_roles()  # the backend (and, with the flag, every managed policy) is built here
                arn = f"arn:aws:iam::aws:policy/{POLICY}" if load_all else account.add_aws_managed_policy(POLICY)
                iam.create_role(RoleName="operator", AssumeRolePolicyDocument=trust)
                iam.attach_role_policy(RoleName="operator", PolicyArn=arn)
                times.append(time.perf_counter() - start)
            print(f"{label:30} median {statistics.median(times):6.2f} s over {args.runs} resets")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
