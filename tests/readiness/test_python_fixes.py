"""Python fix round-trips: apply the patch → the file still parses → the rule no longer fires there → ``git
apply --check`` accepts the diff. And the cases where no fix is offered rather than a wrong one."""

from __future__ import annotations

import ast

import pytest

from tests.readiness._pyhelp import found, git_apply_check, handler_project
from workbench.readiness.patches import apply_finding
from workbench.readiness.scanner import scan

CASES = {
    "client-assigned": ("LMI103", "safe", """
        import boto3

        def handler(event, context):
            s3 = boto3.client("s3")
            return s3.list_buckets()
        """, ['import boto3\n\ns3 = boto3.client("s3")\n\ndef handler']),
    "client-inline-with-env-region": ("LMI103", "safe", """
        import os
        import boto3

        def handler(event, context):
            return boto3.client("s3", region_name=os.environ["REGION"]).list_buckets()
        """, ['_S3_CLIENT = boto3.client("s3", region_name=os.environ["REGION"])', "return _S3_CLIENT.list_buckets()"]),
    "resource-in-helper-needs-review": ("LMI103", "needs-review", """
        import boto3
        from botocore.config import Config

        def handler(event, context):
            return table().get_item(Key={"pk": event["id"]})

        def table():
            db = boto3.resource("dynamodb", config=make_config())
            return db.Table("orders")

        def make_config():
            return Config(retries={"max_attempts": 3})
        """, ['db = boto3.resource("dynamodb", config=make_config())\n']),
    "pymysql-closed-in-finally": ("LMI102", "needs-review", """
        import os
        import pymysql

        def handler(event, context):
            connection = pymysql.connect(
                host=os.environ["DB_HOST"],
                user="app",
            )
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            finally:
                connection.close()
        """, ["connection = pymysql.connect(\n    host=", "\n    with connection.cursor() as cursor:"]),
    "redis-client": ("LMI102", "needs-review", """
        import redis

        def handler(event, context):
            cache = redis.Redis(host="cache", port=6379)
            value = cache.get(event["key"])
            cache.close()
            return value
        """, ['import redis\n\ncache = redis.Redis(host="cache", port=6379)\n\ndef handler']),
    "tmp-assigned": ("LMI101", "needs-review", """
        import json

        def handler(event, context):
            path = "/tmp/receipt.json"
            with open(path, "w") as f:
                json.dump(event, f)
            return path
        """, ['path = f"/tmp/{context.aws_request_id}-receipt.json"', "finally:", "os.remove(path)", "import os\n"]),
    "tmp-inline-open": ("LMI101", "needs-review", """
        import os

        def handler(event, context):
            with open("/tmp/out-{x}.txt", "w") as f:
                f.write("x")
            return "ok"
        """, ['tmp_path = f"/tmp/{context.aws_request_id}-out-{{x}}.txt"', "with open(tmp_path"]),
    "tmp-helper-without-context-uses-uuid": ("LMI101", "needs-review", """
        def handler(event, context):
            return export(event)

        def export(event):
            target = f"/tmp/{event['name']}.csv"
            with open(target, "w") as f:
                f.write("x")
            return "done"
        """, ["import uuid", 'target = f"/tmp/{uuid.uuid4().hex}-{event[\'name\']}.csv"']),
    "tmp-unique-but-kept": ("LMI101", "needs-review", """
        import shutil

        def handler(event, context):
            work = f"/tmp/{context.aws_request_id}"
            os.makedirs(work)
            shutil.copy("a", work)
            return "done"
        """, ["shutil.rmtree(work, ignore_errors=True)"]),
    "print": ("LMI104", "needs-review", """
        def handler(event, context):
            print("processing", event["id"])
        """, ['print(context.aws_request_id, "processing", event["id"])']),
    "powertools": ("LMI104", "safe", """
        from aws_lambda_powertools import Logger

        logger = Logger()

        def handler(event, context):
            logger.info("processing", extra={"order": event["id"]})
        """, ['extra={"aws_request_id": context.aws_request_id, "order": event["id"]}']),
    "std-logging-after-force": ("LMI104", "needs-review", """
        import logging

        logging.basicConfig(force=True, format="%(message)s")
        log = logging.getLogger(__name__)

        def handler(event, context):
            log.info("processing %s", event["id"])
        """, ['log.info("processing %s", event["id"], extra={"aws_request_id": context.aws_request_id})']),
    "structlog": ("LMI104", "safe", """
        import structlog

        log = structlog.get_logger()

        def handler(event, context):
            log.info("processing", order=event["id"])
        """, ['log.info("processing", order=event["id"], aws_request_id=context.aws_request_id)']),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fix_round_trip(tmp_path, case):
    rule, applicability, app, expected = CASES[case]
    root = tmp_path / "project"
    result = handler_project(root, app)
    [finding] = found(result, rule)
    assert finding.fix is not None, f"no fix for {case}"
    assert finding.fix.applicability.value == applicability
    before = result.sources[finding.path].text
    after = result.new_text(finding)
    ast.parse(after)
    for snippet in expected:
        assert snippet in after, f"{snippet!r} not in:\n{after}"
    check = git_apply_check(tmp_path / "repo", finding.path, before, finding.fix.diff)
    assert check.returncode == 0, check.stderr
    apply_finding(None, root, finding)
    assert (root / finding.path).read_text() == after
    rescanned = scan(root, workers=0)
    assert finding.fingerprint not in {f.fingerprint for f in rescanned.findings}
    assert len(found(rescanned, rule)) == len(found(result, rule)) - 1
    assert not rescanned.report.failed


def test_demo_fixes_apply_one_after_another(tmp_path):
    """Each patch is made against the scanned text: apply one, rescan, apply the next, until none is left."""
    import shutil

    from workbench.demo import sample_project_path

    root = tmp_path / "demo"
    shutil.copytree(sample_project_path(), root)
    for _ in range(6):
        result = scan(root, workers=0, build_all_fixes=True)
        python = [f for f in found(result, path="src/orders/app.py") if f.fix is not None]
        if not python:
            break
        apply_finding(None, root, python[0])
    final = scan(root, workers=0)
    assert found(final, path="src/orders/app.py") == []
    ast.parse((root / "src/orders/app.py").read_text())


@pytest.mark.parametrize("app", [
    # (a client that depends on request data is no finding at all: test_python_rules,
    # test_a_client_made_for_the_request_is_not_flagged)
    # a connection handed back to a caller, or used as a context manager, keeps its lifetime
    """
    import pymysql

    def handler(event, context):
        with pymysql.connect(host="db") as conn:
            return conn
    """,
    # boto3 imported inside the function only
    """
    def handler(event, context):
        import boto3
        return boto3.client("s3")
    """,
])
def test_no_fix_rather_than_a_wrong_one(tmp_path, app):
    result = handler_project(tmp_path, app)
    [finding] = [f for f in result.findings if f.rule in ("LMI102", "LMI103")]
    assert finding.fix is None


def test_log_fix_needs_the_context_in_reach(tmp_path):
    result = handler_project(tmp_path, """
        def handler(event, context):
            report(event)

        def report(event):
            print("report", event)
        """)
    [finding] = found(result, "LMI104")
    assert finding.fix is None
