"""The shared documents (pydantic v2 models) the panes and engines exchange through the store.

``from workbench.models import Workload`` etc. Each submodule is imported on first use (PEP 562): building
pydantic models costs a few milliseconds each, and start-up needs only the review header and the workload.
Units are in field names (``memory_mb``, ``duration_avg_ms``, ``monthly_usd``) and each field's description is
a one-line help text; ranges come from :mod:`workbench.lmi_facts`.
"""

from importlib import import_module
from typing import Any

_WHERE: dict[str, str] = {
    **dict.fromkeys(('Architecture', 'Environment', 'Range', 'UtcDateTime', 'field_help', 'field_range', 'utc_now'), "workbench.models._base"),
    **dict.fromkeys(('BlockerCode', 'Direction', 'FitAssessment', 'FitBlocker', 'FitSignal', 'Verdict'), "workbench.models.assessment"),
    **dict.fromkeys(('CostComparison', 'CostScenario'), "workbench.models.cost"),
    **dict.fromkeys(('COMMITMENT_LABELS', 'CostSettings'), "workbench.models.cost_settings"),
    **dict.fromkeys(('PriceListCache',), "workbench.models.price_list"),
    **dict.fromkeys(('FunctionListing', 'TriageReport'), "workbench.models.aws_reports"),
    **dict.fromkeys(('CostCheck', 'CutoverCall', 'CutoverDecision', 'CutoverSource', 'CutoverState', 'CutoverStatus', 'CutoverStep', 'GateResult', 'ShiftMechanism', 'default_gates', 'default_steps'), "workbench.models.cutover"),
    **dict.fromkeys(('DeployFormat', 'DeployMode', 'DeploymentPlan', 'DeploymentStep', 'PlanType', 'RuntimeUpgrade', 'StepKind', 'StepStatus', 'WaitSpec'), "workbench.models.deploy"),
    **dict.fromkeys(('Applicability', 'Decision', 'Finding', 'FindingRuntime', 'FixProposal', 'ReviewDecision', 'Severity'), "workbench.models.findings"),
    **dict.fromkeys(('LmiConfiguration', 'Provenance', 'ProvenanceSource', 'ScalingMode'), "workbench.models.lmi_config"),
    **dict.fromkeys(('MetricPoint', 'MetricSeries', 'MetricSource'), "workbench.models.metrics"),
    **dict.fromkeys(('CheckStatus', 'PreflightCheck', 'PreflightReport'), "workbench.models.preflight"),
    **dict.fromkeys(('ConcurrencyReadiness', 'CpuProfile', 'DataSource', 'ReviewInfo', 'SavingsPlan', 'TrafficPattern', 'Workload'), "workbench.models.workload"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'workbench.models' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def load_all() -> None:
    """Import every document module (registers every document kind, e.g. before reading a whole feed)."""
    for module in sorted(set(_WHERE.values())):
        import_module(module)
