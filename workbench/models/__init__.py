"""The shared documents (pydantic v2 models) the panes and engines exchange through the store.

``from workbench.models import Workload`` etc.; importing this package registers every document kind.
Units are in field names (``memory_mb``, ``duration_avg_ms``, ``monthly_usd``) and each field's description is
a one-line help text; ranges come from :mod:`workbench.lmi_facts`.
"""

from workbench.models._base import (
    Architecture,
    Environment,
    Range,
    UtcDateTime,
    field_help,
    field_range,
    utc_now,
)
from workbench.models.assessment import BlockerCode, Direction, FitAssessment, FitBlocker, FitSignal, Verdict
from workbench.models.cost import CostComparison, CostScenario
from workbench.models.cost_settings import COMMITMENT_LABELS, CostSettings
from workbench.models.price_list import PriceListCache
from workbench.models.aws_reports import FunctionListing, TriageReport
from workbench.models.cutover import (
    CutoverState,
    CutoverStatus,
    CutoverStep,
    GateResult,
    ShiftMechanism,
    default_gates,
    default_steps,
)
from workbench.models.deploy import DeployFormat, DeploymentPlan, DeploymentStep, DeployMode, StepStatus
from workbench.models.findings import (
    Applicability,
    Decision,
    Finding,
    FindingRuntime,
    FixProposal,
    ReviewDecision,
    Severity,
)
from workbench.models.lmi_config import LmiConfiguration, Provenance, ProvenanceSource, ScalingMode
from workbench.models.metrics import MetricPoint, MetricSeries, MetricSource
from workbench.models.workload import (
    ConcurrencyReadiness,
    CpuProfile,
    DataSource,
    ReviewInfo,
    SavingsPlan,
    TrafficPattern,
    Workload,
)

__all__ = [
    "FunctionListing", "TriageReport",
    "PriceListCache",
    "COMMITMENT_LABELS", "CostSettings",
    "Applicability", "Architecture", "BlockerCode", "ConcurrencyReadiness", "CostComparison", "CostScenario",
    "CpuProfile", "CutoverState", "CutoverStatus", "CutoverStep", "DataSource", "Decision", "DeployFormat",
    "DeployMode", "DeploymentPlan", "DeploymentStep", "Direction", "Environment", "Finding", "FindingRuntime",
    "FitAssessment", "FitBlocker", "FitSignal", "FixProposal", "GateResult", "LmiConfiguration", "MetricPoint",
    "MetricSeries", "MetricSource", "Provenance", "ProvenanceSource", "Range", "ReviewDecision", "ReviewInfo",
    "SavingsPlan", "ScalingMode", "Severity", "ShiftMechanism", "StepStatus", "TrafficPattern", "UtcDateTime",
    "Verdict", "Workload", "default_gates", "default_steps", "field_help", "field_range", "utc_now",
]
