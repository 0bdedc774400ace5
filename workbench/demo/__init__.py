"""The demo session: a clearly labelled sample review, and a small sample Lambda project to scan.

``load_demo(store)`` writes the demo documents only where they are absent, so running ``--demo`` twice (or in
two processes at once) leaves one copy and never overwrites what someone has changed since.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timezone
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the documents (pydantic) are built only when the demo is written, not when it is found there
    from workbench.documents import Document

DEMO_TITLE = "DEMO — orders-api migration (sample data)"
DEMO_AUTHOR_NOTE = "loaded by lmi-workbench --demo"
# Fixed so that two fresh demo sessions hold the same documents.
DEMO_CREATED_AT = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


class _StoreLike(Protocol):
    def get(self, cls: type[Document], id: str = ...) -> Any: ...  # noqa: A002 - the store's own name
    def put(self, doc: Document, *, expected_version: int | None, summary: str = ...) -> Any: ...


def demo_documents() -> list[tuple[Document, str]]:
    """The documents the demo writes, each with the summary its feed entry gets."""
    from workbench.models import ReviewInfo, Workload

    review = ReviewInfo(
        title=DEMO_TITLE,
        description=(
            "Sample data, not a real system. orders-api is a Python 3.13 function behind API Gateway with steady "
            "traffic (about 120 million requests a month). The sample project under "
            "workbench/demo/sample_project holds its code, with deliberate concurrency problems to review."
        ),
        created_at=DEMO_CREATED_AT,
        is_demo=True,
    )
    # Spend: 120M requests × $0.20/M = $24.00; 120M × 0.35 s × 2 GB = 84M GB-s, less the 400k free tier,
    # × $0.0000166667 (us-east-1 x86 tier 1) = $1,393.34. Total ≈ $1,417.34/month.
    workload = Workload(
        function_name="orders-api",
        function_arn="arn:aws:lambda:us-east-1:123456789012:function:orders-api",
        region="us-east-1",
        environment="production",
        traffic_pattern="steady",
        requests_per_month=120_000_000,
        mean_requests_per_second=45.7,   # 120M / (730 h × 3600 s)
        peak_requests_per_second=110.0,
        baseline_concurrent_executions=16,  # ≈ 45.7 requests/s × 0.35 s
        peak_concurrent_executions=42,
        monthly_lambda_spend_usd=1417.34,
        savings_plan="none",
        runtime="python3.13",
        architecture="x86_64",
        memory_mb=2048,
        timeout_s=15,
        ephemeral_storage_mb=512,
        provisioned_concurrency=0,
        duration_avg_ms=350.0,
        duration_p99_ms=1200.0,
        cpu_profile="io-bound",
        insights_cpu_total_time_ms=40.0,
        insights_memory_utilization_pct=35.0,
        concurrency_readiness="needs-changes",
        in_vpc=True,
        private_resources=["RDS for MySQL (orders database)"],
        subnet_ids=["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
        security_group_ids=["sg-0a1b2c3d4e5f60001"],
        source="demo",
        source_detail="sample numbers shipped with the workbench",
        notes="DEMO data: plausible, not measured.",
    )
    return [(review, "demo: review header"), (workload, "demo: sample workload orders-api"),
            (demo_cutover(), "demo: cutover plan orders-api → orders-api-lmi (API Gateway canary)")]


# The demo's cutover: orders-api (standard) to an LMI copy, shifted by an API Gateway canary. The API id is made
# up (it is not a real API), and demo_cutover_session() answers its calls without sending them anywhere.
DEMO_OLD_FUNCTION = "orders-api"
DEMO_NEW_FUNCTION = "orders-api-lmi"
DEMO_REST_API_ID = "demo0rders"


def demo_cutover():
    """The demo session's cutover plan (planned: nothing has moved yet)."""
    from workbench.models.cutover import CutoverSource, CutoverState, ShiftMechanism

    return CutoverState(
        old_function_name=DEMO_OLD_FUNCTION, old_qualifier="prod", new_function_name=DEMO_NEW_FUNCTION,
        new_version="1", new_alias="live", mechanism=ShiftMechanism.API_GATEWAY_CANARY, region="us-east-1",
        source=CutoverSource(
            region="us-east-1", description="API Gateway REST API orders, stage prod (sample, not a real API)",
            rest_api_id=DEMO_REST_API_ID, stage_name="prod", stage_variable="ordersFunction",
            stage_variable_original="orders-api:prod"),
        updated_at=DEMO_CREATED_AT,
    )


class DemoCutoverSession:
    """Stands in for AWS in the demo session's cutover: each call is answered the way AWS accepts it and is sent
    nowhere (``calls`` keeps them). Only ever handed out for the demo's own cutover (``demo_cutover_session``)."""

    region = "us-east-1"
    simulated = "demo stand-in: nothing was sent to AWS"  # the cutover's audit entries carry this

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict]] = []

    def call(self, service: str, operation: str, *, region: str | None = None, **parameters) -> dict:
        self.calls.append((service, operation, parameters))
        if operation == "CreateDeployment":
            return {"id": f"demo{len(self.calls):06d}", "description": parameters.get("description", "")}
        return {}


def demo_cutover_session(store: _StoreLike) -> DemoCutoverSession | None:
    """The stand-in session when ``store`` is a demo review whose cutover is the demo's own; None otherwise (a
    real cutover in the same store is never driven by the stand-in)."""
    from workbench.models import CutoverState, ReviewInfo

    review = store.get(ReviewInfo)
    cutover = store.get(CutoverState)
    if review is None or not review.doc.is_demo or cutover is None:
        return None
    doc = cutover.doc
    if (doc.new_function_name, doc.old_function_name) != (DEMO_NEW_FUNCTION, DEMO_OLD_FUNCTION):
        return None
    if doc.source is None or doc.source.rest_api_id != DEMO_REST_API_ID:
        return None
    return DemoCutoverSession()


# (kind, id) of each document demo_documents() returns: start-up checks these rows exist without building the
# documents (and importing their models) when the demo is already loaded, as it is from the second start on.
DEMO_DOCUMENT_KEYS: tuple[tuple[str, str], ...] = (("review", "default"), ("workload", "default"),
                                                   ("cutover", "default"))


def load_demo(store: _StoreLike) -> list[Document]:
    """Write each demo document that is not in ``store`` yet; returns the ones written (empty if none)."""
    from workbench.store import StoreConflict

    exists = getattr(store, "exists", None)  # the real Store has it; a store-like without it takes the long way
    if exists is not None and all(exists(kind, doc_id) for kind, doc_id in DEMO_DOCUMENT_KEYS):
        return []
    written: list[Document] = []
    for doc, summary in demo_documents():
        if store.get(type(doc), doc.id) is not None:
            continue
        try:
            store.put(doc, expected_version=None, summary=summary)
        except StoreConflict:  # another process created it between our get and put: theirs stands
            continue
        written.append(doc)
    return written


def sample_project_path() -> Path:
    """A directory holding the sample Lambda project (SAM template, Python and Node.js handlers).

    From an installed or editable package this is the package's own directory; from a zip it is a copy in a
    temporary directory (treat it as read-only either way).
    """
    root = resources.files("workbench.demo") / "sample_project"
    if isinstance(root, Path):
        return root
    target = Path(tempfile.mkdtemp(prefix="lmi-workbench-sample-")) / "sample_project"
    _copy_tree(root, target)
    return target


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for child in source.iterdir():
        if child.is_dir():
            _copy_tree(child, target / child.name)
        else:
            with child.open("rb") as src, open(target / child.name, "wb") as dst:
                shutil.copyfileobj(src, dst)


__all__ = ["DEMO_TITLE", "DemoCutoverSession", "demo_cutover", "demo_cutover_session", "demo_documents", "load_demo",
           "sample_project_path"]
