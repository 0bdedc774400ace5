"""The Python rules: positives, negatives and the traps (globals, module-level clients, request-unique /tmp
paths, "/tmp" in a docstring, helpers reached from the handler, module initialisation)."""

from __future__ import annotations

import pytest

from tests.readiness._pyhelp import found, handler_project, lines, project

# ----- LMI103: SDK clients ---------------------------------------------------------------------------------


def test_client_created_in_handler_is_flagged(tmp_path):
    result = handler_project(tmp_path, """
        import boto3

        def handler(event, context):
            s3 = boto3.client("s3")
            return s3.list_buckets()
        """)
    [finding] = found(result, "LMI103")
    assert (finding.path, finding.line, finding.column) == ("src/app.py", 4, 10)
    assert "boto3.client('s3')" in finding.message and finding.runtime.value == "python"


def test_a_client_made_for_the_request_is_not_flagged(tmp_path):
    """A client whose Region, endpoint or credentials come from the event (or from credentials assumed for this
    request) must be made per request: hoisting it would serve one tenant's or Region's client to every request."""
    result = handler_project(tmp_path, """
        import boto3

        def handler(event, context):
            org = boto3.client("organizations", region_name=event.get("region"))
            creds = boto3.client("sts").assume_role(RoleArn=event["role"], RoleSessionName="x")["Credentials"]
            tenant = boto3.client("s3", aws_access_key_id=creds["AccessKeyId"],
                                  aws_secret_access_key=creds["SecretAccessKey"],
                                  aws_session_token=creds["SessionToken"])
            plain = boto3.client("dynamodb", region_name="eu-west-1")
            return org, tenant, plain
        """)
    assert lines(result, "LMI103") == [5, 9]  # sts (nothing from the request) and the fixed-Region client


def test_a_client_whose_region_comes_from_the_event_through_a_local_is_not_flagged(tmp_path):
    """Powertools' unwrapping example (examples/validation/src/unwrapping_popular_event_source_function.py): the
    Region is read from a data class built from the event, so the resource is per event Region by design."""
    result = handler_project(tmp_path, """
        import boto3
        from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent

        def handler(event, context):
            my_event = EventBridgeEvent(event)
            region = my_event.region
            ec2 = boto3.resource("ec2", region_name=my_event.region)
            other = boto3.client("ec2", region_name=region)
            name = context.function_name
            fixed = boto3.client("s3", region_name=name)
            return ec2, other, fixed
        """)
    assert lines(result, "LMI103") == [10]  # only the one whose Region does not come from the event


def test_a_gremlin_connection_opened_per_invocation_is_flagged(tmp_path):
    """aws-bookstore-demo-app functions/APIs/getRecommendations.py opens a Neptune websocket per invocation."""
    result = handler_project(tmp_path, """
        from gremlin_python.structure.graph import Graph
        from gremlin_python.driver.driver_remote_connection import DriverRemoteConnection

        def handler(event, context):
            g = Graph().traversal().withRemote(DriverRemoteConnection("wss://neptune:8182/gremlin", "g"))
            return g.V().limit(1).toList()
        """)
    assert lines(result, "LMI102") == [5]


def test_a_handler_shaped_fixture_under_a_test_folder_is_test_code(tmp_path):
    """Powertools' examples/idempotency/tests/app_test_dynamodb_local.py: a handler the test suite imports; no
    definition names it, so its shape alone must not make it request code. The same code outside tests/ is."""
    code = """
        def lambda_handler(event, context):
            print("expensive operation")
            return {"payment_id": 12345}
        """
    result = project(tmp_path, {"examples/idempotency/tests/app_test_io.py": code, "examples/src/app.py": code})
    assert [(f.path, f.line) for f in found(result, "LMI104")] == [("examples/src/app.py", 2)]


def test_module_level_client_is_not_flagged(tmp_path):
    result = handler_project(tmp_path, """
        import boto3

        s3 = boto3.client("s3")
        table = boto3.resource("dynamodb").Table("orders")

        def handler(event, context):
            return s3.list_buckets()
        """)
    assert found(result) == []


def test_helper_called_from_handler_counts(tmp_path):
    result = handler_project(tmp_path, """
        import boto3

        def handler(event, context):
            return _secret()

        def _secret():
            return _client().get_secret_value(SecretId="x")

        def _client():
            return boto3.client("secretsmanager")

        def never_called():
            return boto3.client("sqs")
        """)
    assert lines(result, "LMI103") == [10]


def test_helper_in_an_imported_local_module_counts(tmp_path):
    result = handler_project(tmp_path, """
        from helpers import make_client
        import clients

        def handler(event, context):
            make_client()
            clients.sqs()
        """, {"src/helpers.py": """
        import boto3

        def make_client():
            return boto3.client("s3")
        """, "src/clients.py": """
        from boto3 import client

        def sqs():
            return client("sqs")

        def unused():
            return client("sns")
        """})
    assert sorted((f.path, f.line) for f in found(result, "LMI103")) == [("src/clients.py", 4), ("src/helpers.py", 4)]


def test_code_of_a_lambda_layer_the_handler_imports_counts(tmp_path):
    """A layer's ``python/`` folder (and ``python/lib/python3.x/site-packages``) is on the function's import path
    (AWS Lambda Developer Guide, "Packaging your layer content": layer paths for each runtime), so the handler's
    ``from datalake_library...`` runs the layer's code per invocation (heldout5: sdlf's layer library and
    textract-pipeline's helper layer were not followed). A module next to the handler still wins over a layer's."""
    result = handler_project(tmp_path, """
        from datalake_library.interfaces.s3_interface import S3Interface
        from helper import AwsHelper
        import util

        def handler(event, context):
            path = S3Interface().download_object(event["bucket"], event["key"])
            util.tidy()
            return AwsHelper().client("sqs"), path
        """, {
        "layers/datalake/python/datalake_library/__init__.py": "",
        "layers/datalake/python/datalake_library/interfaces/__init__.py": "",
        "layers/datalake/python/datalake_library/interfaces/s3_interface.py": """
            import boto3

            class S3Interface:
                def __init__(self, s3_client=None):
                    self._s3 = s3_client or boto3.client("s3")

                def download_object(self, bucket, key):
                    path = f"/tmp/{bucket}/data.json"
                    self._s3.download_file(bucket, key, path)
                    return path
            """,
        "layers/helper/python/lib/python3.13/site-packages/helper.py": """
            import boto3

            class AwsHelper:
                def client(self, name):
                    return boto3.client(name)
            """,
        "src/util.py": """
            def tidy():
                return None
            """,
        "layers/other/python/util.py": """
            import boto3

            def tidy():
                return boto3.client("sns")
            """})
    assert sorted((f.path, f.line, f.rule) for f in found(result) if f.rule in ("LMI101", "LMI103")) == [
        ("layers/datalake/python/datalake_library/interfaces/s3_interface.py", 5, "LMI103"),
        ("layers/datalake/python/datalake_library/interfaces/s3_interface.py", 8, "LMI101"),
        ("layers/helper/python/lib/python3.13/site-packages/helper.py", 5, "LMI103"),
    ]

def test_session_clients_and_classes_built_per_invocation(tmp_path):
    result = handler_project(tmp_path, """
        import boto3

        session = boto3.Session()

        class Repo:
            def __init__(self):
                self.table = boto3.resource("dynamodb").Table("t")

        def handler(event, context):
            a = boto3.session.Session(region_name="eu-west-1").client("s3")
            b = session.client("sqs")
            repo = Repo()
        """)
    assert lines(result, "LMI103") == [7, 10, 11]


def test_lazily_cached_clients_are_not_flagged(tmp_path):
    result = handler_project(tmp_path, """
        import functools
        import boto3

        _client = None
        _clients = {}

        def client():
            global _client
            if _client is None:
                _client = boto3.client("s3")
            return _client

        def regional(region):
            if region not in _clients:
                _clients[region] = boto3.client("s3", region_name=region)
            return _clients[region]

        @functools.lru_cache(maxsize=8)
        def cached(name):
            return boto3.client(name)

        def handler(event, context):
            return client(), regional("eu-west-1"), cached("sqs")
        """)
    assert found(result, "LMI103") == []


def test_clients_memoised_by_cachetools_are_not_flagged(tmp_path):
    """cachetools' decorators memoise like functools.lru_cache (heldout5: a DynamoDB resource built in a method under
    ``@cached(cache=TTLCache(maxsize=1, ttl=300))`` is built once per five minutes, not per invocation); a plain
    decorator of another library still leaves the client per call."""
    result = handler_project(tmp_path, """
        import boto3
        import cachetools.func
        from cachetools import TTLCache, cached
        from cachetools.func import ttl_cache
        from functools import lru_cache
        from mylib import traced

        class Store:
            @cached(cache=TTLCache(maxsize=1, ttl=300))
            def _table(self, name):
                return boto3.resource("dynamodb").Table(name)

            def get(self, key):
                return self._table("t").get_item(Key=key)

        @ttl_cache(maxsize=4, ttl=60)
        def queue():
            return boto3.client("sqs")

        @cachetools.func.lru_cache(maxsize=4)
        def topic():
            return boto3.client("sns")

        @traced
        def events():
            return boto3.client("events")

        @lru_cache
        def store():
            return Store()

        def handler(event, context):
            return store().get(event["id"]), queue(), topic(), events()
        """)
    assert lines(result, "LMI103") == [26]

def test_module_initialisation_is_not_per_invocation(tmp_path):
    result = handler_project(tmp_path, """
        import boto3
        import pymysql

        def _init():
            return boto3.client("s3"), pymysql.connect(host="db")

        S3, DB = _init()

        def handler(event, context):
            return S3
        """)
    assert found(result) == []


# ----- Python globals are never flagged ----------------------------------------------------------------------


def test_python_globals_are_never_flagged(tmp_path):
    result = handler_project(tmp_path, """
        CACHE = {}
        COUNT = 0
        current_order = None

        def handler(event, context):
            global COUNT, current_order
            COUNT += 1
            current_order = event["order"]
            CACHE[event["id"]] = event
            return COUNT
        """)
    assert found(result) == []


# ----- LMI102: connections ---------------------------------------------------------------------------------


@pytest.mark.parametrize("imports, call", [
    ("import pymysql", 'pymysql.connect(host="db")'),
    ("import psycopg2 as pg", 'pg.connect("dbname=x")'),
    ("import psycopg", 'psycopg.connect("dbname=x")'),
    ("import mysql.connector", 'mysql.connector.connect(host="db")'),
    ("from sqlalchemy import create_engine", 'create_engine("postgresql://db/x")'),
    ("import redis", 'redis.Redis(host="cache")'),
    ("from redis import from_url", 'from_url("redis://cache")'),
    ("from pymongo import MongoClient", 'MongoClient("mongodb://db")'),
    # the Aurora DSQL Connector for Python wraps psycopg2 / psycopg / asyncpg (held-out miss, aurora-dsql-samples)
    ("import aurora_dsql_psycopg2 as dsql", 'dsql.connect(host="c.dsql.us-east-1.on.aws", user="admin")'),
    ("import aurora_dsql_psycopg as dsql", 'dsql.connect(host="c.dsql.us-east-1.on.aws", user="admin")'),
])
def test_connection_opened_per_invocation(tmp_path, imports, call):
    result = handler_project(tmp_path, f"""
        {imports}

        def handler(event, context):
            conn = {call}
            return conn
        """)
    assert lines(result, "LMI102") == [4]


def test_functions_a_handler_runs_through_a_module_dispatch_table_are_followed(tmp_path):
    # held-out miss (aurora-dsql-samples grid_tools): TOOLS = {"query": query, ...}; TOOLS.get(name)(event)
    result = handler_project(tmp_path, """
        import psycopg2

        def query(event):
            conn = psycopg2.connect("dbname=x")
            return conn

        def unused(event):
            return psycopg2.connect("dbname=y")

        TOOLS = {"query": query}

        def handler(event, context):
            tool = TOOLS.get(event["tool"])
            return tool(event)
        """)
    assert lines(result, "LMI102") == [4]


def test_module_level_connection_is_not_flagged(tmp_path):
    result = handler_project(tmp_path, """
        import redis
        from sqlalchemy import create_engine

        cache = redis.Redis(host="cache")
        engine = create_engine("postgresql://db/x", pool_size=1)

        def handler(event, context):
            with engine.connect() as conn:
                return cache.get(conn)
        """)
    assert found(result, "LMI102") == []


def test_a_connection_made_with_a_secret_fetched_for_this_request_is_not_flagged(tmp_path):
    # heldout2 (aws-cdk-examples secrets-manager-rotation): the rotation's test step must log in with the pending
    # secret of the version the event names, so the connection is per request by design. A secret fetched the same
    # way for every request (the environment names it) can be cached with its connection: still flagged.
    result = handler_project(tmp_path, """
        import os
        import boto3
        import redis

        sm = boto3.client("secretsmanager")

        def check(arn, token):
            response = sm.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
            pending_secret = response["SecretString"]
            server = redis.Redis(host=os.environ["HOST"], password=pending_secret, ssl=True)
            return server.ping()

        def fixed():
            response = sm.get_secret_value(SecretId=os.environ["SECRET"])
            return redis.Redis(host="cache", password=response["SecretString"])

        def handler(event, context):
            fixed()
            return check(event["SecretId"], event["ClientRequestToken"])
        """)
    assert lines(result, "LMI102") == [15]


# ----- LMI101: /tmp ----------------------------------------------------------------------------------------


def test_hard_coded_tmp_path_is_flagged(tmp_path):
    result = handler_project(tmp_path, """
        import os

        def handler(event, context):
            with open("/tmp/out.json", "w") as f:
                f.write("x")
            path = os.path.join("/tmp", "data.csv")
            other = f"/tmp/{event['name']}.csv"
        """)
    assert lines(result, "LMI101") == [4, 6, 7]
    assert all(f.severity.value == "warning" for f in found(result, "LMI101"))


def test_an_empty_file_touched_at_import_is_not_flagged(tmp_path):
    """faasbenchmark (corpus_heldout10): ``open('/tmp/x/__init__.py', 'a').close()`` at import only makes sure an
    empty file exists; every process does the same and nothing is written. Writing to it at import still counts."""
    app = """
        try:
            import unzip_requirements
            open('/tmp/reqs/google/__init__.py', 'a').close()
        except ImportError:
            pass

        def handler(event, context):
            return 1
        """
    assert found(handler_project(tmp_path, app), "LMI101") == []
    written = handler_project(tmp_path / "w", app.replace("'a').close()", "'a').write('x')"))
    assert lines(written, "LMI101") == [3]


def test_tmp_given_to_a_function_that_builds_the_path(tmp_path):
    """bucket-antivirus (corpus_heldout10): ``get_local_path(s3_object, "/tmp")`` hands /tmp to a function of the
    file that joins it with the object's key and returns the path: the /tmp name is the object key's, not unique per
    request. A builder that puts a uuid in the name is fine; /tmp given to a function that only lists it is not a
    path."""
    app = """
        import os
        import uuid

        def local_path(s3_object, prefix):
            return os.path.join(prefix, s3_object.bucket_name, s3_object.key)

        def unique_path(prefix):
            return os.path.join(prefix, str(uuid.uuid4()))

        def count(folder):
            return len(os.listdir(folder))

        def handler(event, context):
            path = local_path(event["obj"], "/tmp")
            other = unique_path("/tmp")
            n = count("/tmp")
            os.remove(other)
            return path, n
        """
    assert lines(handler_project(tmp_path, app), "LMI101") == [14]


def test_request_unique_tmp_paths_are_fine(tmp_path):
    result = handler_project(tmp_path, """
        import os
        import tempfile
        import uuid

        def handler(event, context):
            path = f"/tmp/{context.aws_request_id}.json"
            rid = context.aws_request_id
            other = "/tmp/" + rid + ".csv"
            unique = f"/tmp/{uuid.uuid4()}"
            try:
                with tempfile.NamedTemporaryFile(dir="/tmp") as handle:
                    handle.write(b"x")
                fd, name = tempfile.mkstemp(dir="/tmp", prefix="/tmp")
                os.listdir("/tmp")
            finally:
                os.remove(path)
                os.unlink(other)
                os.remove(unique)
        """)
    assert found(result, "LMI101") == []


def test_tmp_in_docstrings_comments_and_messages_is_not_a_path(tmp_path):
    result = handler_project(tmp_path, '''
        """Writes reports under /tmp/reports before upload."""
        import logging

        logger = logging.getLogger()

        def handler(event, context):
            """Reads /tmp/input.json, which the caller put there."""
            # cached in /tmp/cache.db
            logger.info("cleaning /tmp/cache before %s", "upload")
            "/tmp/x.json"
            return "done"
        ''')
    assert found(result, "LMI101") == []


def test_unique_path_never_removed_is_a_milder_finding(tmp_path):
    result = handler_project(tmp_path, """
        def handler(event, context):
            path = f"/tmp/{context.aws_request_id}.json"
            with open(path, "w") as f:
                f.write("x")

        def _for_caller(context):
            return f"/tmp/{context.aws_request_id}.json"
        """)
    [finding] = found(result, "LMI101")
    assert finding.line == 2 and finding.severity.value == "info" and "never removed" in finding.message


def test_module_level_tmp_constant_counts_for_handler_modules_only(tmp_path):
    result = handler_project(tmp_path, """
        import settings
        CACHE = "/tmp/cache.db"

        def handler(event, context):
            return CACHE, settings.X
        """, {"src/settings.py": 'X = "/tmp/settings.json"\n', "src/unused.py": 'Y = "/tmp/unused.json"\n'})
    assert sorted((f.path, f.line) for f in found(result, "LMI101")) == [("src/app.py", 2), ("src/settings.py", 1)]


# ----- LMI104: logs ----------------------------------------------------------------------------------------


def test_print_without_request_id_is_flagged_low_severity(tmp_path):
    result = handler_project(tmp_path, """
        def handler(event, context):
            print("processing", event["id"])
            print("request", context.aws_request_id)
        """)
    [finding] = found(result, "LMI104")
    assert finding.line == 2 and finding.severity.value == "info"


def test_standard_logging_is_fine_lambda_adds_the_request_id(tmp_path):
    result = handler_project(tmp_path, """
        import logging

        logger = logging.getLogger(__name__)
        logging.basicConfig(level=logging.INFO)

        def handler(event, context):
            logger.info("processing %s", event["id"])
            logging.warning("done")
        """)
    assert found(result, "LMI104") == []


def test_logging_setup_that_drops_lambdas_format_is_flagged(tmp_path):
    result = handler_project(tmp_path, """
        import logging

        logging.basicConfig(force=True, format="%(levelname)s %(message)s")
        logger = logging.getLogger(__name__)

        def handler(event, context):
            logger.info("processing %s", event["id"])
        """)
    assert lines(result, "LMI104") == [7]


def test_a_logger_class_that_reformats_lambdas_handler_is_flagged(tmp_path):
    """efs-backup (corpus_heldout3): a wrapper class, built once at import, sets a format without the request id on
    the root logger's first handler (Lambda's: ``handlers[0].setFormatter(...)``) and logs through a LoggerAdapter
    kept in ``self.log``; each of its logging calls the handler reaches loses the request id. The same wrapper that
    leaves Lambda's handler alone is fine."""
    logger_py = """
        import logging

        class Logger(object):
            def __init__(self, loglevel='warning'):
                self.config(loglevel=loglevel)

            def config(self, loglevel='warning'):
                mainlogger = logging.getLogger()
                mainlogger.setLevel(logging.getLevelName(loglevel.upper()))
                logfmt = '{"time_stamp": "%(asctime)s", "log_message": %(message)s}'
                mainlogger.handlers[0].setFormatter(logging.Formatter(logfmt))
                self.log = logging.LoggerAdapter(mainlogger, {})

            def info(self, message):
                self.log.info(message)
        """
    app = """
        from lib_logger import Logger

        logger = Logger(loglevel="info")

        def handler(event, context):
            logger.info("starting")
        """
    result = handler_project(tmp_path, app, {"src/lib_logger.py": logger_py})
    assert [(f.path, f.line) for f in found(result, "LMI104")] == [("src/lib_logger.py", 15)]
    kept = handler_project(tmp_path / "kept", app, {"src/lib_logger.py": logger_py.replace(
        "mainlogger.handlers[0].setFormatter(logging.Formatter(logfmt))", "pass")})
    assert found(kept, "LMI104") == []


def test_basicconfig_after_removing_the_root_handlers_loses_the_request_id(tmp_path):
    """auto-cleanup (corpus_heldout10): the handler removes every handler of the root logger (Lambda's, which writes
    the request id) and then calls ``basicConfig(format=...)`` without ``force=True``: with no handler left it
    installs a new one whose format lacks the request id, so every standard-library line after it loses it — the
    ``logging`` module handed to a class and kept in ``self.logging`` included; its debug lines are written only at
    the DEBUG level. Without the removal ``basicConfig`` stays a no-op (the root logger already has Lambda's handler); a format with the request id is fine."""
    app = """
        import logging

        class Worker:
            def __init__(self, log):
                self.log = log

            def run(self):
                self.log.info("working")
                self.log.debug("not written: the set-up's level is INFO")

        def handler(event, context):
            root = logging.getLogger()
            if root.handlers:
                for h in root.handlers:
                    root.removeHandler(h)
            logging.basicConfig(format="[%(levelname)s] %(message)s", level="INFO")
            Worker(logging).run()
            logging.warning("done")
        """
    result = handler_project(tmp_path, app)
    assert lines(result, "LMI104") == [8, 18]
    debug = handler_project(tmp_path / "debug", app.replace('level="INFO"', 'level="DEBUG"'))
    assert lines(debug, "LMI104") == [8, 9, 18]
    kept = handler_project(tmp_path / "kept", app.replace("root.removeHandler(h)", "pass"))
    assert found(kept, "LMI104") == []
    with_rid = handler_project(tmp_path / "rid", app.replace(
        "[%(levelname)s] %(message)s", "%(aws_request_id)s %(message)s"))
    assert found(with_rid, "LMI104") == []


def test_the_logging_module_kept_on_an_instance_is_the_standard_logger(tmp_path):
    """``self.logging = logging`` (the module handed to the constructor): its calls are standard-library log calls,
    judged like ``logging.info`` (lost here: ``force=True`` with a format without the request id). A parameter
    that callers give something else (a project object) is not a logger."""
    app = """
        import logging

        logging.basicConfig(force=True, format="%(message)s")

        class Worker:
            def __init__(self, logging, sink):
                self.logging = logging
                self.sink = sink

            def run(self):
                self.logging.error("failed")
                self.sink.info("not a logger")

        class Sink:
            def info(self, text):
                return text

        def handler(event, context):
            Worker(logging, Sink()).run()
        """
    result = handler_project(tmp_path, app)
    assert lines(result, "LMI104") == [11]


def test_powertools_logger_needs_inject_lambda_context(tmp_path):
    app = """
        from aws_lambda_powertools import Logger

        logger = Logger()

        {decorator}
        def handler(event, context):
            logger.info("processing")
        """
    bare = handler_project(tmp_path / "bare", app.format(decorator=""))
    assert lines(bare, "LMI104") == [7]
    injected = handler_project(tmp_path / "injected", app.format(decorator="@logger.inject_lambda_context"))
    assert found(injected, "LMI104") == []


def test_powertools_logger_injected_by_a_project_middleware_carries_the_request_id(tmp_path):
    """aws-serverless-airline-booking (heldout6, judged false): the handlers are wrapped by
    ``@process_booking_handler(logger=logger)``, a ``lambda_handler_decorator`` of the shared layer that calls
    ``logger.inject_lambda_context(handler)`` on the handler's Logger: every line carries the request id."""
    middleware = """
        from aws_lambda_powertools import Logger
        from aws_lambda_powertools.middleware_factory import lambda_handler_decorator

        @lambda_handler_decorator(trace_execution=True)
        def process_booking_handler(handler, event, context, logger=None):
            if logger is None:
                logger = Logger()
            handler = logger.inject_lambda_context(handler)
            logger.info("Injecting process booking state")
            return handler(event, context)
        """
    app = """
        from aws_lambda_powertools import Logger
        from process_booking import process_booking_handler

        logger = Logger()

        @process_booking_handler(logger=logger)
        def handler(event, context):
            logger.error({"operation": "input_validation", "details": event})
        """
    injected = handler_project(tmp_path / "injected", app, {"src/process_booking.py": middleware})
    # the middleware's own line runs before the wrapped handler sets the context: still without the request id
    assert [(f.path, f.line) for f in found(injected, "LMI104")] == [("src/process_booking.py", 9)]
    plain = middleware.replace("handler = logger.inject_lambda_context(handler)", "logger.info('wrapping')")
    bare = handler_project(tmp_path / "bare", app, {"src/process_booking.py": plain})
    assert [f.line for f in found(bare, "LMI104", "src/app.py")] == [8]


def test_structlog_needs_the_request_id_bound(tmp_path):
    app = """
        import structlog

        log = structlog.get_logger()

        def handler(event, context):
            {bind}
            log.info("processing")
        """
    unbound = handler_project(tmp_path / "a", app.format(bind="pass"))
    assert lines(unbound, "LMI104") == [7]
    bound = handler_project(tmp_path / "b", app.format(
        bind="structlog.contextvars.bind_contextvars(aws_request_id=context.aws_request_id)"))
    assert found(bound, "LMI104") == []


# ----- LMI301: memory --------------------------------------------------------------------------------------


def test_large_module_state_gets_a_memory_note(tmp_path):
    table = "TABLE = {\n" + "".join(f"    {i}: {i * 2},\n" for i in range(1200)) + "}\n"
    result = handler_project(tmp_path, "import joblib\n" + table + """
MODEL = joblib.load("model.joblib")
SMALL = [1, 2, 3]

def handler(event, context):
    return TABLE, MODEL
""")
    notes = found(result, "LMI301")
    assert [f.line for f in notes] == [2, 1205]
    assert all(f.severity.value == "info" for f in notes)
    assert "16" in notes[0].message


def test_unbounded_cache_on_a_function_without_parameters_is_not_a_memory_note(tmp_path):
    # a cache keyed by nothing holds one entry (one client, one role): it cannot grow (heldout7 instance-scheduler)
    result = handler_project(tmp_path, """
        import functools
        from functools import cache

        @cache
        def hub_client():
            return object()

        @functools.lru_cache(maxsize=None)
        def role():
            return object()

        @cache
        def per_name(name):
            return name

        @functools.lru_cache(maxsize=None)
        def per_key(*keys):
            return keys

        def handler(event, context):
            return hub_client(), role(), per_name("a"), per_key("b")
        """)
    assert lines(result, "LMI301") == [12, 16]


# ----- handlers and reachability ---------------------------------------------------------------------------


def test_handler_found_by_shape_without_a_template(tmp_path):
    result = project(tmp_path, {"lambda_function.py": """
        import boto3

        def lambda_handler(event, context):
            return boto3.client("s3")
        """})
    assert lines(result, "LMI103") == [4]
    assert [(h.rel, h.function, h.source) for h in result.report.handlers] == [
        ("lambda_function.py", "lambda_handler", "shape")]


def test_without_a_handler_nothing_is_per_invocation_unless_asked(tmp_path):
    files = {"lib.py": """
        import boto3

        def make():
            return boto3.client("s3")
        """}
    result = project(tmp_path, files)
    assert found(result) == []
    assert any("no Python handler found" in n for n in result.report.notices)
    everything = project(tmp_path, files, entry="all")
    assert lines(everything, "LMI103") == [4]


def test_powertools_routes_are_reached_through_the_resolver(tmp_path):
    result = handler_project(tmp_path, """
        import boto3
        from aws_lambda_powertools.event_handler import APIGatewayRestResolver

        app = APIGatewayRestResolver()

        @app.get("/orders")
        def list_orders():
            return boto3.client("dynamodb").scan(TableName="t")

        def handler(event, context):
            return app.resolve(event, context)
        """)
    assert lines(result, "LMI103") == [8]


def test_routes_on_a_resolver_imported_from_a_project_module_are_reached(tmp_path):
    """The resolver is often built in a module of its own and imported by each handler module (heldout5:
    serverless-python-demo, aws-lambda-handler-cookbook): its routes still run per request. A decorator of an
    object imported from a library (an event bus of a package not in the project) is not taken for a route."""
    result = handler_project(tmp_path, """
        import boto3
        from resolver import app
        from some_bus import bus

        @app.get("/orders")
        def list_orders():
            return boto3.client("dynamodb").scan(TableName="t")

        @bus.on("shutdown")
        def flush():
            return boto3.client("sqs")

        def handler(event, context):
            return app.resolve(event, context)
        """, {"src/resolver.py": """
        from aws_lambda_powertools.event_handler import APIGatewayRestResolver

        app = APIGatewayRestResolver()
        """})
    assert lines(result, "LMI103") == [7]


def test_chalice_lambda_functions_and_event_handlers_are_handlers(tmp_path):
    """Chalice turns each function decorated with ``@app.lambda_function()`` (or an event-source decorator such as
    ``@app.on_sqs_message``, ``@app.schedule``) into a Lambda function of its own (Chalice docs, "Lambda Functions"
    and "Event Sources"), whatever its parameters are named; corpus_heldout3 (virtual-waiting-room token
    authorizer, ``def api_gateway_authorizer(event, _)``). A method of the same name on an imported object is not
    taken for one."""
    result = project(tmp_path, {"app.py": """
        import boto3
        from chalice import Chalice
        from some_bus import bus

        app = Chalice(app_name="authorizer")

        @app.lambda_function()
        def authorizer(event, _):
            print("checking token")
            return {"ok": True}

        @app.on_sqs_message(queue="jobs")
        def on_job(event):
            return boto3.client("s3")

        @bus.lambda_function()
        def not_chalice(event, _):
            print("elsewhere")
        """})
    assert lines(result, "LMI104") == [9]
    assert lines(result, "LMI103") == [14]


def test_a_nested_function_calling_a_sibling_nested_function_is_followed(tmp_path):
    """corpus_heldout3 (aws-crr-monitor CRRHourlyMaint): the handler defines helpers inside itself and one calls
    another (``process_items`` -> ``purge_item``); the sibling is visible through the enclosing function's scope.
    A function nested in another top-level function is not."""
    result = handler_project(tmp_path, """
        import boto3

        def other():
            def make_client():
                return boto3.client("sqs")
            return make_client()

        def handler(event, context):
            def purge_item(key):
                print("purge " + key)

            def process_items(items):
                for i in items:
                    purge_item(i)
                    make_client()

            process_items(event["items"])
        """)
    assert lines(result, "LMI104") == [10]
    assert lines(result, "LMI103") == []


def test_syntax_error_is_reported_and_the_scan_goes_on(tmp_path):
    result = handler_project(tmp_path, """
        import boto3

        def handler(event, context):
            return boto3.client("s3")
        """, {"src/broken.py": "def oops(:\n    pass\n"})
    assert lines(result, "LMI103") == [4]
    [problem] = result.report.failed
    assert problem.message.startswith("could not parse src/broken.py:1")


def test_methods_called_on_a_module_level_object_of_an_imported_class_are_followed(tmp_path):
    # held-out miss (powertools-for-aws-lambda-workshop): ops = Operations() at import, ops.run(event) per request,
    # run -> self._parse -> print(...)
    result = handler_project(tmp_path, """
        from operations import Operations

        ops = Operations()

        def handler(event, context):
            return ops.run(event)
        """, extra={"src/operations.py": """
        import boto3

        class Operations:
            def __init__(self):
                self.table = boto3.resource("dynamodb").Table("t")

            def run(self, event):
                return self._parse(event)

            def _parse(self, event):
                print("parsing")
                return event

            def never(self):
                print("not called")
        """})
    assert [(f.path, f.line) for f in found(result, "LMI104")] == [("src/operations.py", 11)]
    assert found(result, "LMI103") == []   # the resource is built in __init__, once, at import


def test_a_client_of_a_session_holding_credentials_made_for_the_request_is_not_flagged(tmp_path):
    """qnabot-on-aws (heldout10, judged false): ``boto3.Session(aws_access_key_id=creds["AccessKeyId"], ...)`` with the
    signed-in user's credentials, then ``session.client("qbusiness")``: the client acts as that user, so it is per
    request by design (the same as credentials passed to the client itself). A session with fixed settings is not."""
    result = handler_project(tmp_path, """
        import boto3

        def handler(event, context):
            creds = get_user_credentials(event["token"])
            user_session = boto3.Session(aws_access_key_id=creds["AccessKeyId"],
                                         aws_secret_access_key=creds["SecretAccessKey"],
                                         aws_session_token=creds["SessionToken"])
            q = user_session.client("qbusiness")
            direct = boto3.Session(aws_access_key_id=creds["AccessKeyId"]).client("s3")
            fixed_session = boto3.Session(region_name="eu-west-1")
            fixed = fixed_session.client("sqs")
            return q, direct, fixed
        """)
    assert lines(result, "LMI103") == [11]  # only the client of the session with fixed settings


# ----- heldout12: causes of the false positives found on whole repositories ---------------------------------


def test_a_cleanup_helper_that_removes_the_request_folder_is_not_never_removed(tmp_path):
    """cloud-migration-factory-on-aws lambda_mgh.py / lambda_ssm_load_scripts.py: ``cleanup_temp(uuid)`` checks
    ``os.path.exists(tempfile.gettempdir() + "/" + uuid)`` and then removes that same path with shutil.rmtree: the
    existence check makes no file and the path is removed right there. A unique path only checked and never removed
    elsewhere is still reported."""
    result = handler_project(tmp_path, """
        import os
        import shutil
        import tempfile
        import uuid

        def cleanup_temp(export_uuid):
            if os.path.exists(tempfile.gettempdir() + "/" + export_uuid):
                shutil.rmtree(tempfile.gettempdir() + "/" + export_uuid, ignore_errors=True)

        def handler(event, context):
            cleanup_temp(str(uuid.uuid4()))
            other = f"/tmp/{uuid.uuid4()}.json"
            with open(other, "w") as f:
                f.write("x")
        """)
    assert lines(result, "LMI101") == [12]   # the unique file written and never removed; not the cleanup helper


def test_a_script_an_ssm_automation_document_runs_is_not_a_lambda_function(tmp_path):
    """automated-security-response-on-aws source/remediation_runbooks/scripts/*.py: SSM Automation runbooks run
    these with ``action: aws:executeScript`` (the build inlines them at a ``%%SCRIPT=name.py%%`` placeholder);
    their entry point is named ``lambda_handler`` but they are not Lambda functions ("aws:executeScript – Run a
    script", AWS Systems Manager User Guide: the step runs a Python or PowerShell script, Handler names the
    function). The same code that a template deploys as a Lambda function is still checked."""
    script = """
        import boto3

        def connect_to_ec2():
            return boto3.client("ec2")

        def lambda_handler(event, _):
            ec2 = connect_to_ec2()
            return ec2.describe_instances()
        """
    runbook = """
        description: Remove open rules
        schemaVersion: '0.3'
        assumeRole: '{{ AutomationAssumeRole }}'
        mainSteps:
        - name: 'RemoveRules'
          action: 'aws:executeScript'
          inputs:
            Runtime: 'python3.11'
            Handler: 'lambda_handler'
            Script: |-
              %%SCRIPT=remove_rules.py%%
        """
    result = project(tmp_path, {"runbooks/RemoveRules.yaml": runbook, "runbooks/scripts/remove_rules.py": script,
                                "functions/app.py": script})
    assert [(f.path, f.line) for f in found(result, "LMI103")] == [("functions/app.py", 7)]
    assert any("aws:executeScript" in n and "remove_rules.py" in n for n in result.report.notices)


def test_an_alternative_constructor_runs_the_classes_init(tmp_path):
    """cost optimizer (corpus_heldout5): the handler calls ``RequestEvent.from_json(event)``, a classmethod that
    returns ``cls(**d)``; ``__init__`` and the validators it calls run per request."""
    result = handler_project(tmp_path, """
        from request_event import RequestEvent

        def handler(event, context):
            return RequestEvent.from_json(event).account_id
        """, {"src/request_event.py": """
        class RequestEvent:
            def __init__(self, account_id):
                self.account_id = account_id
                self._validate()

            @classmethod
            def from_json(cls, obj):
                return cls(**obj)

            def _validate(self):
                print("validating", self.account_id)
        """})
    assert [(f.path, f.line) for f in found(result, "LMI104")] == [("src/request_event.py", 11)]
