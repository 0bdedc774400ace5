"""Python LMI103 through a project helper that wraps ``boto3.client``/``boto3.resource`` (a client factory, as in
aws-solutions' ``lib/boto3_util.create_client``): the client is built where the factory is called per request,
so the finding is at that call site, not inside the factory (which also serves module-level callers)."""

from __future__ import annotations

from tests.readiness._pyhelp import found, project

SAM = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.13
"""

FACTORY = """
    import boto3
    from botocore.config import Config

    def create_client(service_name, max_attempt=5):
        config = Config(retries={"max_attempts": max_attempt})
        return boto3.client(service_name, config=config)

    def create_resource(service_name):
        resource = boto3.resource(service_name)
        return resource
    """


def _where(result):
    return sorted((f.path, f.line) for f in found(result, "LMI103"))


def test_factory_calls_per_request_are_reported_at_the_call_site(tmp_path):
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/lib/boto3_util.py": FACTORY,
        "src/lib/s3_util.py": """
            from lib.boto3_util import create_client, create_resource

            class S3:
                def __init__(self, log):
                    self.log = log
                    self.client = create_client("s3")
                    self.resource = create_resource("s3")
            """,
        "src/lib/waf.py": """
            from lib.boto3_util import create_client

            client = create_client("wafv2")   # once per process: right
            """,
        "src/app.py": """
            from lib.boto3_util import create_client
            from lib.s3_util import S3
            from lib import waf

            def query(name):
                athena = create_client("athena")
                return athena.start_query_execution(QueryString=name)

            def handler(event, context):
                s3 = S3(None)
                query(event["q"])
                return waf.client.list_web_acls(Scope="REGIONAL")
            """,
    })
    assert _where(result) == [("src/app.py", 6), ("src/lib/s3_util.py", 6), ("src/lib/s3_util.py", 7)]
    by_line = {(f.path, f.line): f for f in found(result, "LMI103")}
    message = by_line[("src/app.py", 6)].message
    assert "create_client" in message and "boto3 client" in message and "query" in message
    assert "boto3 resource" in by_line[("src/lib/s3_util.py", 7)].message


def test_a_factory_called_directly_in_the_handler(tmp_path):
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/util.py": FACTORY,
        "src/app.py": """
            import util

            def handler(event, context):
                athena = util.create_client("athena")
                return athena.list_work_groups()
            """,
    })
    assert _where(result) == [("src/app.py", 4)]


def test_a_factory_in_the_same_module_and_a_wrapper_of_a_factory(tmp_path):
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/app.py": """
            import boto3

            def make(service):
                return boto3.client(service)

            def s3_client():
                return make("s3")

            def handler(event, context):
                s3 = s3_client()
                return s3.list_buckets()
            """,
    })
    assert _where(result) == [("src/app.py", 10)]


def test_a_factory_called_once_at_module_scope_is_quiet(tmp_path):
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/util.py": FACTORY,
        "src/app.py": """
            from util import create_client

            athena = create_client("athena")

            def handler(event, context):
                return athena.list_work_groups()
            """,
    })
    assert _where(result) == []


def test_memoised_factories_are_quiet(tmp_path):
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/app.py": """
            import functools
            import boto3
            from cachetools import cached, LRUCache

            @functools.lru_cache(maxsize=None)
            def get_client(service):
                return boto3.client(service)

            @cached(cache=LRUCache(maxsize=8))
            def get_resource(service):
                return boto3.resource(service)

            def handler(event, context):
                s3 = get_client("s3")
                table = get_resource("dynamodb").Table("t")
                return s3, table
            """,
    })
    assert _where(result) == []


def test_a_helper_that_uses_its_client_is_not_a_factory(tmp_path):
    """A helper that builds a client and uses it (returning its answer) is reported inside, as before."""
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/app.py": """
            import boto3

            def buckets():
                s3 = boto3.client("s3")
                return s3.list_buckets()

            def handler(event, context):
                result = buckets()
                return result
            """,
    })
    assert _where(result) == [("src/app.py", 4)]


def test_the_fix_hoists_the_factory_call_and_needs_review(tmp_path):
    """The call moves to module scope; the helper then runs at import, so the fix is not marked safe."""
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/util.py": FACTORY,
        "src/app.py": """
            import util

            def handler(event, context):
                athena = util.create_client("athena")
                return athena.list_work_groups()
            """,
    })
    [finding] = found(result, "LMI103")
    assert finding.fix is not None and finding.fix.applicability.value == "needs-review"
    assert '+athena = util.create_client("athena")' in finding.fix.diff
    assert '-    athena = util.create_client("athena")' in finding.fix.diff


def test_a_call_of_an_ordinary_helper_is_not_a_finding(tmp_path):
    """Calls whose result is kept are looked at as possible factory calls; a helper that returns anything else
    (a dict, a parsed value) is not one."""
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/util.py": """
            import json

            def settings(name):
                return json.loads(name)
            """,
        "src/app.py": """
            import util

            def handler(event, context):
                conf = util.settings(event["body"])
                return conf
            """,
    })
    assert _where(result) == []


def test_a_factory_called_with_the_events_region_is_per_request_by_design(tmp_path):
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/app.py": """
            import boto3

            def regional(service, region):
                return boto3.client(service, region_name=region)

            def handler(event, context):
                ec2 = regional("ec2", event["region"])
                fixed = regional("ec2", "eu-west-1")
                return ec2, fixed
            """,
    })
    assert _where(result) == [("src/app.py", 8)]


def test_a_factory_call_used_in_a_chain_is_reported(tmp_path):
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/util.py": FACTORY,
        "src/app.py": """
            from util import create_client

            def handler(event, context):
                return create_client("glue").get_databases()["DatabaseList"]
            """,
    })
    assert _where(result) == [("src/app.py", 4)]


def test_clients_built_under_an_unset_global_guard_are_built_once(tmp_path):
    """aws-samples multi-tenant-full-stack-rag-application's handlers: ``global generation_handler; if not
    generation_handler: ssm = BotoClientProvider.get_client('ssm'); generation_handler = ...``: once per process."""
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/util.py": """
            import boto3

            class BotoClientProvider:
                @staticmethod
                def get_client(service_name, region=None):
                    return boto3.client(service_name, region_name=region)
            """,
        "src/app.py": """
            import boto3
            from util import BotoClientProvider

            generation_handler = None
            table = None

            def handler(event, context):
                global generation_handler, table
                if not generation_handler:
                    ssm = BotoClientProvider.get_client("ssm")
                    generation_handler = (ssm, boto3.client("s3"))
                if table is None:
                    table = boto3.resource("dynamodb").Table("t")
                per_call = BotoClientProvider.get_client("sqs")
                return generation_handler, table, per_call
            """,
    })
    assert _where(result) == [("src/app.py", 14)]   # only per_call


def test_an_object_built_once_under_a_global_guard_is_not_request_code_in_its_constructor(tmp_path):
    """``if not provider: provider = Provider(...)`` in the handler: the constructor (and the clients and prints in
    it) runs once per process; the methods called on the kept object run per request."""
    result = project(tmp_path, {
        "template.yaml": SAM,
        "src/util.py": FACTORY,
        "src/app.py": """
            import util

            provider = None

            class Provider:
                def __init__(self):
                    self.s3 = util.create_client("s3")
                    print("provider ready")

                def handle(self, event):
                    print(f"got {event}")
                    return self.s3.list_buckets()

            def handler(event, context):
                global provider
                if provider is None:
                    provider = Provider()
                return provider.handle(event)
            """,
    })
    assert _where(result) == []
    assert [f.line for f in found(result, "LMI104")] == [11]   # the print in handle


def test_a_helper_returning_the_answer_of_a_client_it_builds_is_not_a_factory(tmp_path):
    """cost optimizer (corpus_heldout5): ``return boto3.client("lambda").invoke(...)`` builds a client per call and
    returns the invoke response, not the client: LMI103 belongs at the client, not at the helper's callers."""
    result = project(tmp_path, {"template.yaml": SAM, "src/app.py": """
        import boto3

        def invoke_register(payload):
            return boto3.client("lambda").invoke(FunctionName="f", Payload=payload)

        def handler(event, context):
            response = invoke_register(b"{}")
            return response["StatusCode"]
        """})
    assert _where(result) == [("src/app.py", 4)]


def test_a_factory_called_only_while_a_global_is_none_builds_one_client_per_process(tmp_path):
    """heldout14 pca: ``get_bedrock_client()`` (a same-file helper returning a new boto3 client) is called only
    under ``if bedrock_client is None`` on the global it fills: lazy initialisation, no finding in the factory.
    The same factory called without the guard in another function is still reported at that call."""
    app = """
        import boto3

        bedrock_client = None

        def get_bedrock_client():
            client = boto3.client(service_name="bedrock-runtime")
            return client

        def call_bedrock(prompt):
            global bedrock_client
            if (bedrock_client is None):
                bedrock_client = get_bedrock_client()
            return bedrock_client.converse(prompt)

        def handler(event, context):
            return call_bedrock(event)
        """
    result = project(tmp_path / "a", {"template.yaml": SAM, "src/app.py": app})
    assert _where(result) == []
    unguarded = app + """
        def other(event, context):
            fresh = get_bedrock_client()
            return fresh.converse(event)
        """
    result = project(tmp_path / "b", {"template.yaml": SAM.replace("app.handler", "app.other"),
                                      "src/app.py": unguarded})
    assert _where(result) == [("src/app.py", 19)]   # at the unguarded call, not in the factory
