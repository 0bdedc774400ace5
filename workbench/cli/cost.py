"""`lmi-workbench cost`: the cost comparison headless, for scripts and CI."""

from __future__ import annotations

import argparse
import sys

NAME = "cost"


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    from workbench.cost.command import add_cost_arguments

    parser = subparsers.add_parser(
        NAME,
        help="compare standard Lambda, LMI and EC2 costs for a workload file",
        description="Compare what a workload costs on standard Lambda, on Lambda Managed Instances (on-demand, "
                    "Savings Plans, Reserved Instances) and on self-managed EC2, with the instance chosen, the "
                    "break-even volume and a recommendation. --model aws-sample reproduces the AWS sample "
                    "LMI pricing calculator's methodology for cross-checking.",
    )
    add_cost_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.cost.command import run_cost

    if getattr(args, "demo", False):
        text, code = _run_demo(args)
    else:
        text, code = run_cost(args)
    if code == 0:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        print(f"lmi-workbench cost: {text}", file=sys.stderr)
    return code


def _run_demo(args: argparse.Namespace) -> tuple[str, int]:
    """The cost comparison of the demo's workload: written to a temporary workload file, then read like any other."""
    import tempfile
    from pathlib import Path

    from workbench.cost.command import run_cost
    from workbench.demo import demo_documents
    from workbench.models import Workload
    from workbench.workload_files import save_workload

    workload = next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))
    with tempfile.TemporaryDirectory(prefix="lmi-workbench-demo-cost-") as tmp:
        path = Path(tmp) / "demo-workload.yaml"
        save_workload(path, workload)
        args.workload = path
        return run_cost(args)
