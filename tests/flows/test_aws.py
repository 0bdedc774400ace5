"""The AWS flows against the moto server (list, import, triage) and the price refresh against botocore's Stubber
(moto has no Price List API; the GetProducts shapes are those of tests/integration/test_pricing_refresh.py)."""

from __future__ import annotations

from datetime import timedelta

from botocore.stub import Stubber

from tests.flows._stores import alice, bob, file_state, store_path  # noqa: F401 - fixtures
from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures
from tests.conftest import SUITE_NOW
from workbench.aws.session import open_session
from workbench.clock import parse_moment
from workbench.flows import aws
from workbench.flows.result import Outcome
from workbench.models import FunctionListing, TriageReport, Workload
from workbench.store import Store

REGION = "us-east-1"
END = parse_moment(SUITE_NOW).replace(minute=0, second=0, microsecond=0)
START = END - timedelta(days=14)
HOURS = 14 * 24


def test_listing_lands_in_the_store(moto, alice):
    for name in ("orders-api", "payments-api", "reports-batch"):
        moto.create_function(name)
    result = aws.list_functions(alice, open_session(moto.settings(REGION)), REGION, name_filter="api")
    assert result.outcome is Outcome.DONE and result.message.startswith("2 functions in us-east-1")
    listing = alice.get(FunctionListing).doc
    assert [f["name"] for f in listing.functions] == ["orders-api", "payments-api"] and listing.seen == 3


def test_an_empty_account_is_said(moto, alice):
    result = aws.list_functions(alice, open_session(moto.settings(REGION)), REGION)
    assert result.ok and "no Lambda functions in us-east-1" in result.message


def test_an_import_becomes_the_workload(moto, alice):
    moto.create_function("orders-api", memory_mb=1024)
    moto.put_hourly("orders-api", REGION, START, [1000.0] * HOURS, duration_ms=150, concurrency=[4.0] * HOURS)
    result = aws.import_function(alice, open_session(moto.settings(REGION)), "orders-api", region=REGION)
    assert result.ok and result.message.startswith("Imported orders-api")
    workload = alice.get(Workload).doc
    assert workload.function_name == "orders-api" and workload.requests_per_month == 1000 * 730


def test_a_function_that_does_not_exist_is_a_clear_failure_and_the_workload_stays(moto, alice):
    from workbench.flows.documents import save_document

    keep = Workload(function_name="mine", region=REGION, requests_per_month=5, memory_mb=512)
    save_document(alice, keep, expected_version=None, summary="mine")
    result = aws.import_function(alice, open_session(moto.settings(REGION)), "nope", region=REGION)
    assert result.outcome is Outcome.FAILED and result.problem is not None and "nope" in result.message
    assert alice.get(Workload).doc.function_name == "mine"


def test_a_denied_call_is_a_failure_with_the_action_named(moto, alice):
    moto.create_function("orders-api")
    moto.require_auth_after(0)  # every call from now on needs a permission nobody has
    result = aws.list_functions(alice, open_session(moto.settings(REGION)), REGION)
    assert result.outcome is Outcome.FAILED and result.severity == "error"
    assert alice.get(FunctionListing) is None


def test_triage_ranks_and_lands_in_the_store_or_only_answers(moto, alice):
    for name in ("busy", "quiet"):
        moto.create_function(name, memory_mb=2048)
    moto.put_hourly("busy", REGION, START, [400_000.0] * HOURS, duration_ms=400, concurrency=[50.0] * HOURS)
    moto.put_hourly("quiet", REGION, START, [10.0] * HOURS, duration_ms=50, concurrency=[1.0] * HOURS)
    session = open_session(moto.settings(REGION))
    answer = aws.triage(session, [REGION])  # the CLI's way: no store
    assert answer.outcome is Outcome.DONE and answer.result is not None and not answer.all_failed
    assert [r.function_name for r in answer.result.rows][0] == "busy"
    assert alice.get(TriageReport) is None
    stored = aws.triage(session, [REGION], store=alice)
    assert stored.ok and {r["function_name"] for r in alice.get(TriageReport).doc.rows} == {"busy", "quiet"}


def test_a_read_only_session_refuses_aws_work_and_leaves_the_file_unchanged(moto, alice, store_path):
    alice.close()
    before = file_state(store_path)
    session = open_session(moto.settings(REGION))
    with Store.open(store_path, author="viewer", readonly=True, session="s", announce=False) as viewer:
        assert aws.list_functions(viewer, session, REGION).outcome is Outcome.REFUSED
        assert aws.import_function(viewer, session, "x", region=REGION).outcome is Outcome.REFUSED
        assert aws.triage(session, [REGION], store=viewer).outcome is Outcome.REFUSED
        assert aws.refresh_prices(viewer, REGION, client=object()).outcome is Outcome.REFUSED
    assert file_state(store_path) == before


def test_prices_are_not_fetched_offline_or_without_a_region(alice):
    assert aws.refresh_prices(alice, REGION, offline=True).outcome is Outcome.REFUSED
    assert "no comparison yet" in aws.refresh_prices(alice, None).message


def test_refreshed_prices_land_in_the_store(alice):
    import boto3

    from tests.integration.test_pricing_refresh import stub_ec2, stub_lambda
    from workbench.models import PriceListCache

    client = boto3.session.Session().client("pricing", region_name="us-east-1", aws_access_key_id="testing",
                                            aws_secret_access_key="testing")  # Price List API: us-east-1
    with Stubber(client) as stubber:
        stub_ec2(stubber, "eu-west-1")
        stub_lambda(stubber, "eu-west-1")
        result = aws.refresh_prices(alice, "eu-west-1", client=client)
    assert result.outcome is Outcome.DONE and "eu-west-1" in result.message
    cache = alice.get(PriceListCache)
    assert cache is not None and cache.doc.regions == ["eu-west-1"]


def test_a_denied_price_refresh_is_said(alice):
    import boto3

    client = boto3.session.Session().client("pricing", region_name="us-east-1", aws_access_key_id="testing",
                                            aws_secret_access_key="testing")  # Price List API: us-east-1
    with Stubber(client) as stubber:
        stubber.add_client_error("get_products", service_error_code="AccessDeniedException",
                                 service_message="not allowed", http_status_code=400)
        result = aws.refresh_prices(alice, "eu-west-1", client=client)
    assert result.outcome is Outcome.FAILED and result.severity == "error"
