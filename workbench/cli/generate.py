"""`lmi-workbench generate`: write the infrastructure code (CDK, SAM, CloudFormation, Terraform, CLI script)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import EXIT_FAILURE, EXIT_OK, CliError, user_path

NAME = "generate"
# The formats `--format` offers. A copy of workbench.iac.FORMATS' keys, because importing the generators costs ~1 s
# and `--help` must stay fast; tests/iac/test_generate_command.py fails when the two lists disagree.
FORMAT_CHOICES = ("cdk-ts", "cdk-py", "cdk-js", "sam", "cloudformation", "terraform", "cli")


def _ids(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME,
        parents=[parents.session],
        help="write infrastructure code for the session's workload (CDK, SAM, CloudFormation, Terraform, CLI)",
        description="Write the infrastructure for the session's workload and LMI configuration: IAM roles, the "
                    "capacity provider, the function with its capacity-provider configuration, a published "
                    "version and alias, scaling, alarms. Reads the session's store (read-only), or --workload "
                    "FILE. Existing files are never replaced unless --force.",
    )
    parser.add_argument("--format", "-f", choices=FORMAT_CHOICES, default="cdk-ts",
                        help="what to write (default: cdk-ts, a CDK app in TypeScript)")
    parser.add_argument("--output", "-o", metavar="DIR", type=user_path, required=True,
                        help="directory to write into (created if missing)")
    parser.add_argument("--force", action="store_true", help="replace files that already exist in DIR")
    parser.add_argument("--workload", dest="generate_workload_file", metavar="FILE", type=user_path,
                        help="use this workload file (YAML, JSON or TOML) and its starting configuration instead "
                             "of the session's")
    infra = parser.add_argument_group("infrastructure")
    infra.add_argument("--function-name", help="function name (default: the workload's)")
    infra.add_argument("--handler", dest="function_handler", help="handler (default: the runtime's usual, e.g. app.handler)")
    infra.add_argument("--code", dest="code_location", default="build/function.zip",
                       help="s3://bucket/key.zip or a local path (default: build/function.zip)")
    infra.add_argument("--capacity-provider-name", help="capacity provider name (default: <function>-capacity)")
    infra.add_argument("--alias", dest="alias_name", default="live", help="alias name (default: live)")
    infra.add_argument("--create-vpc", action="store_true",
                       help="create a VPC with 3 subnets in 3 AZs and an HTTPS-egress-only security group")
    infra.add_argument("--subnet-ids", type=_ids, metavar="IDS", help="comma-separated existing subnet ids")
    infra.add_argument("--security-group-ids", type=_ids, metavar="IDS",
                       help="comma-separated existing security group ids")
    infra.add_argument("--allowed-instance-types", type=_ids, metavar="TYPES",
                       help="comma-separated AllowedInstanceTypes (e.g. c7g.*,m7g.*)")
    infra.add_argument("--excluded-instance-types", type=_ids, metavar="TYPES",
                       help="comma-separated ExcludedInstanceTypes")
    infra.add_argument("--scheduled-scaling", action="store_true",
                       help="add EventBridge Scheduler schedules that raise the minimum for business hours")
    infra.add_argument("--business-hours-start", default="cron(0 7 ? * MON-FRI *)", metavar="CRON")
    infra.add_argument("--business-hours-end", default="cron(0 19 ? * MON-FRI *)", metavar="CRON")
    infra.add_argument("--timezone", default="UTC", help="time zone of the schedules (default: UTC)")
    infra.add_argument("--alarm-topic-arn", metavar="ARN", help="SNS topic the alarms notify")
    infra.add_argument("--operator-policy", choices=("managed", "inline"), default="managed",
                       help="operator role: attach the AWS managed policy AWSLambdaManagedEC2ResourceOperator "
                            "(default) or write an inline copy narrowed to this account and network")
    infra.add_argument("--keep-latest-published", action="store_true",
                       help="keep $LATEST.PUBLISHED beside the numbered version (it runs its own minimum "
                            "execution environments: the minimum cost doubles)")
    infra.add_argument("--upgrade-runtime", metavar="RUNTIME", type=_runtime,
                       help="generate the function on this runtime instead of the workload's, which LMI does not "
                            "support (e.g. python3.12 -> python3.13): your explicit choice of a runtime upgrade")
    parser.set_defaults(handler=run)


def _runtime(text: str) -> str:
    from workbench.iac.options import runtime_choice

    try:
        return runtime_choice(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _demo_workload():
    from workbench.demo import demo_documents
    from workbench.models import Workload

    return next(doc for doc, _ in demo_documents() if isinstance(doc, Workload)), None


def _from_store(args: argparse.Namespace):
    from workbench.cli.common import (
        open_store,
        prepare_store_location,
        resolved_session,
        store_path_for,
    )
    from workbench.config import login_name
    from workbench.models import LmiConfiguration, Workload

    session = resolved_session(args)
    path = store_path_for(args, session)
    prepare_store_location(path, user_given=args.store is not None, create=False)
    if not path.exists() and args.demo:
        return _demo_workload()   # the demo needs no store: its workload is built in
    if not path.exists():
        raise CliError(f"session {session!r} has no workload yet ({path} does not exist); describe the function "
                       "in the workbench first, or give --workload FILE", exit_code=EXIT_FAILURE)
    store = open_store(path, author=login_name(), readonly=True, session=session)
    try:
        workload = store.get(Workload, "default")
        config = store.get(LmiConfiguration, "default")
    finally:
        store.close()
    if workload is None and args.demo:
        return _demo_workload()
    if workload is None:
        raise CliError(f"session {session!r} has no workload; describe the function in the workbench first, or "
                       "give --workload FILE", exit_code=EXIT_FAILURE)
    return workload.doc, (config.doc if config is not None else None)


def run(args: argparse.Namespace) -> int:
    from workbench.iac import (
        FilesExist,
        IacInputError,
        IacOptions,
        generate,
        write_files,
    )
    from workbench.iac.options import as_deployed
    from workbench.lmi_facts import runtime_upgrade_problem
    from workbench.starting_config import UnsupportedRuntime, configuration_for

    output: Path = args.output
    if output.exists() and not output.is_dir():
        raise CliError(f"--output {output} is a file; give a directory")
    if args.generate_workload_file is not None:
        from workbench.cli.common import read_workload_file_and_configuration

        workload, given = read_workload_file_and_configuration(args.generate_workload_file)
        missing = "No lmi_configuration in the file"
    else:
        workload, given = _from_store(args)
        missing = "No saved LMI configuration"
    options = IacOptions(
        function_name=args.function_name, handler=args.function_handler, code_location=args.code_location,
        capacity_provider_name=args.capacity_provider_name, alias_name=args.alias_name,
        create_vpc=args.create_vpc, subnet_ids=args.subnet_ids or (), security_group_ids=args.security_group_ids or (),
        allowed_instance_types=args.allowed_instance_types, excluded_instance_types=args.excluded_instance_types,
        scheduled_scaling=args.scheduled_scaling, business_hours_start_cron=args.business_hours_start,
        business_hours_end_cron=args.business_hours_end, schedule_timezone=args.timezone,
        alarm_topic_arn=args.alarm_topic_arn, operator_policy=args.operator_policy,
        keep_latest_published=args.keep_latest_published, upgrade_runtime=args.upgrade_runtime)
    if workload.runtime and (problem := runtime_upgrade_problem(workload.runtime, options.upgrade_runtime)):
        raise CliError(f"cannot generate the infrastructure: {problem}", exit_code=EXIT_FAILURE)
    if options.upgrade_runtime:
        print(f"Runtime upgrade chosen: the function is generated on {options.upgrade_runtime} (it runs "
              f"{workload.runtime} today); upgrade and test the code before deploying.", file=sys.stderr)
    try:   # derived on the runtime it will run on (the chosen upgrade), unless a configuration is given
        config = configuration_for(as_deployed(workload, options), given)
    except UnsupportedRuntime as error:
        raise CliError(str(error), exit_code=EXIT_FAILURE) from None
    if given is None:
        print(f"{missing}: using the starting configuration derived from the workload.", file=sys.stderr)
    try:
        files = generate(args.format, workload, config, options)
        written = write_files(files, output, overwrite=args.force)
    except IacInputError as error:
        raise CliError(str(error), exit_code=EXIT_FAILURE) from None
    except FilesExist as error:
        raise CliError(f"{error} — add --force to overwrite, or choose another --output", exit_code=EXIT_FAILURE) from None
    except OSError as error:
        raise CliError(f"cannot write to {output}: {error.strerror or error}", exit_code=EXIT_FAILURE) from None
    for path in written:
        print(path)
    print(f"Wrote {len(written)} file(s) ({args.format}) to {output}", file=sys.stderr)
    return EXIT_OK
