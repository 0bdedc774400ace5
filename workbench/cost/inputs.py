"""What the cost engine needs to know about one workload, validated with messages that name the field.

:class:`CostInputs` is the engine's own input. ``workbench.cost.workload`` builds it from the shared Workload
document; ``CostInputs.from_mapping`` builds it from a plain mapping (a workload file, a test). Validation
collects every problem (:func:`check_inputs`) so a form can mark each field; constructing an invalid
``CostInputs`` raises the first as :class:`CostInputError`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

from workbench.cost.errors import CostInputError
from workbench.commitments import COMMITMENTS  # the one table of commitments

HOURS_PER_MONTH = 730.0  # the snapshot's hours_per_month (AWS Pricing Calculator convention)
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600.0

# Absurdity bounds: far past any single function's real traffic, near enough to catch a typo of a few zeros.
MAX_REQUESTS_PER_MONTH = 1e12  # ≈ 380,000 requests/s sustained for a month
MAX_PEAK_RPS = 1e7
LAMBDA_MEMORY_MB = (128, 10_240)
EPHEMERAL_MB = (512, 10_240)
LAMBDA_TIMEOUT_MS = 900_000  # 15 minutes: the synchronous invocation limit, and standard Lambda's maximum
MAX_PROVISIONED_CONCURRENCY = 100_000

RUNTIME_FAMILIES = ("nodejs", "java", "dotnet", "python", "rust")
ARCHITECTURES = ("x86_64", "arm64")
_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$")

# The LMI limits below match the snapshot (lmi.capacity); they are repeated here so validation needs no I/O.
LMI_MEMORY_MB = (2048, 32_768)
LMI_RATIO = (2.0, 8.0)
PER_EE_CONCURRENCY = (1, 1600)
EXECUTION_ENVIRONMENTS = (0, 15_000)
MAX_VCPU = (2, 15_000)
MAX_CPU_SHARE = 64.0  # CPU time ÷ duration: a handler keeping 64 vCPUs busy throughout is past any EE's size


@dataclass(frozen=True)
class ScheduledScaling:
    """A predictable peak: the fleet sized for the peak during ``peak_hours_per_month``, smaller otherwise.

    Off-peak traffic defaults to the mean rate; the off-peak minimum defaults to MinExecutionEnvironments
    (set it to 0 to scale to nothing when idle; a schedule must then scale it back up).
    """

    peak_hours_per_month: float = 220.0  # 10 h a day on 22 working days
    off_peak_rps: float | None = None
    off_peak_min_execution_environments: int | None = None


@dataclass(frozen=True)
class CommitmentRates:
    """Discount rates, as fractions. None means the catalog's default (labelled as an assumption)."""

    lambda_compute_sp: float | None = None
    compute_sp_1yr: float | None = None
    compute_sp_3yr: float | None = None
    ec2_instance_sp: float | None = None
    reserved: float | None = None


@dataclass(frozen=True)
class CostInputs:
    # --- the workload today (standard Lambda) ---
    requests_per_month: float
    duration_avg_ms: float
    memory_mb: int
    architecture: str = "x86_64"
    region: str = "us-east-1"
    runtime: str = "python"
    peak_rps: float | None = None  # None: steady traffic, peak = mean
    duration_p99_ms: float | None = None
    ephemeral_storage_mb: int = 512
    free_tier: bool = False  # the account's free tier is shared by every function: off unless asked
    provisioned_concurrency: int = 0
    provisioned_hours_per_month: float = HOURS_PER_MONTH
    other_account_gb_seconds: float = 0.0  # GB-s other functions already use (tiers are per account/region/arch)
    lambda_compute_sp: bool = False  # is the Lambda spend covered by a Compute Savings Plan today?
    # --- the LMI configuration ---
    lmi_memory_mb: int | None = None  # None: from the memory-sizing guidance
    gib_per_vcpu: float = 2.0
    per_ee_concurrency: int | None = None  # None: the runtime's default per vCPU × vCPUs per environment
    min_execution_environments: int = 3
    max_execution_environments: int | None = None
    # Published versions the infrastructure keeps, each with its own MinExecutionEnvironments running; the traffic
    # runs on one ("$LATEST.PUBLISHED version in Lambda Managed Instances"). 1: the generated default.
    published_versions: int = 1
    target_utilisation: float = 0.5
    az_count: int = 3
    max_vcpu: int = 400
    instance_type: str | None = None  # None: the cheapest type that carries the load
    allowed_families: tuple[str, ...] = ()  # family names or patterns ("c7g", "m*", "r7g.2xlarge")
    excluded_instance_types: tuple[str, ...] = ()
    allow_estimates: bool = False  # let the instance search use labelled price estimates
    scheduled_scaling: ScheduledScaling | None = None
    lmi_commitment: str = "on_demand"  # the commitment the verdict and break-even use
    rates: CommitmentRates = field(default_factory=CommitmentRates)
    # --- the CPU each invocation burns (workbench.starting_config.cpu_demand) ---
    cpu_share: float | None = None  # CPU time ÷ average duration; None: not counted (slots alone size the fleet)
    cpu_basis: str = ""  # the measurement or the stated assumption behind cpu_share
    configuration_basis: str = ""  # where the LMI configuration came from (store, file, derived)
    # --- self-managed EC2 ---
    self_managed_packing: float = 0.6

    def __post_init__(self) -> None:
        problems = check_inputs(self)
        if problems:
            raise problems[0]

    # --- derived ------------------------------------------------------------------------------------------

    @property
    def mean_rps(self) -> float:
        return self.requests_per_month / SECONDS_PER_MONTH

    @property
    def effective_peak_rps(self) -> float:
        return self.mean_rps if self.peak_rps is None else max(self.peak_rps, self.mean_rps)

    @property
    def effective_lmi_memory_mb(self) -> int:
        return self.lmi_memory_mb if self.lmi_memory_mb is not None else lmi_memory_from_lambda(self.memory_mb)

    def with_changes(self, **changes: Any) -> "CostInputs":
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "CostInputs":
        """Build from a plain mapping (file, form), converting strings and naming the field on any error."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise CostInputError(unknown[0], "is not a cost input", allowed=", ".join(sorted(known)))
        values: dict[str, Any] = {}
        for name, raw in data.items():
            if raw is None:
                continue
            values[name] = _coerce(name, raw)
        for required in ("requests_per_month", "duration_avg_ms", "memory_mb"):
            if required not in values:
                raise CostInputError(required, "is required")
        return cls(**values)


def lmi_memory_from_lambda(memory_mb: int) -> int:
    """LMI memory from today's Lambda memory, after the sizing guidance (lmi-facts: memory sizing).

    128 MB–1 GB → 2048 MB; 1–2 GB → 4096 MB; 2–4 GB → 8192 MB; 4–10 GB → 16384 MB.
    """
    if memory_mb <= 1024:
        return 2048
    if memory_mb <= 2048:
        return 4096
    if memory_mb <= 4096:
        return 8192
    return 16384


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,g}"


def _number(name: str, value: Any, lo: float, hi: float, unit: str, *, low_open: bool = False,
            integer: bool = False, what: str = "") -> CostInputError | None:
    allowed = f"{'more than ' + _fmt(lo) if low_open else _fmt(lo)}–{_fmt(hi)}{(' ' + unit) if unit else ''}"
    if what:
        allowed += f", {what}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return CostInputError(name, f"{value!r} is not a number", value=value, allowed=allowed)
    if isinstance(value, float) and not math.isfinite(value):
        return CostInputError(name, f"{value!r} is not a finite number", value=value, allowed=allowed)
    if integer and not float(value).is_integer():
        return CostInputError(name, f"{value!r} is not a whole number", value=value, allowed=allowed)
    if value < lo or (low_open and value <= lo) or value > hi:
        return CostInputError(name, f"{_fmt(value)} is out of range", value=value, allowed=allowed)
    return None


def check_inputs(inp: CostInputs) -> list[CostInputError]:
    """Every problem with ``inp``, in field order; empty when the inputs can be costed."""
    out: list[CostInputError] = []

    def add(err: CostInputError | None) -> None:
        if err is not None:
            out.append(err)

    add(_number("requests_per_month", inp.requests_per_month, 0, MAX_REQUESTS_PER_MONTH, "requests/month",
                low_open=True))
    add(_number("duration_avg_ms", inp.duration_avg_ms, 0, LAMBDA_TIMEOUT_MS, "ms", low_open=True,
                what="the 15-minute invocation limit"))
    add(_number("memory_mb", inp.memory_mb, *LAMBDA_MEMORY_MB, "MB", integer=True, what="Lambda memory"))
    if inp.architecture not in ARCHITECTURES:
        add(CostInputError("architecture", f"{inp.architecture!r} is not an architecture", value=inp.architecture,
                           allowed=" or ".join(ARCHITECTURES)))
    if not isinstance(inp.region, str) or not _REGION.match(inp.region):
        add(CostInputError("region", f"{inp.region!r} is not an AWS region name", value=inp.region,
                           allowed="a region code such as us-east-1"))
    if inp.runtime not in RUNTIME_FAMILIES:
        add(CostInputError("runtime", f"Lambda Managed Instances does not yet support {inp.runtime!r}; "
                                      "standard Lambda remains the option for it",
                           value=inp.runtime, allowed=", ".join(RUNTIME_FAMILIES)))
    if inp.peak_rps is not None:
        err = _number("peak_rps", inp.peak_rps, 0, MAX_PEAK_RPS, "requests/s", low_open=True)
        if err is None and _number("requests_per_month", inp.requests_per_month, 0, MAX_REQUESTS_PER_MONTH, "",
                                   low_open=True) is None and inp.peak_rps < inp.mean_rps * (1 - 1e-9):
            err = CostInputError("peak_rps", f"{inp.peak_rps:,.4g} requests/s is below the mean rate "
                                             f"({inp.mean_rps:,.4g}/s from requests_per_month)", value=inp.peak_rps,
                                 allowed=f"at least {inp.mean_rps:,.4g} requests/s")
        add(err)
    if inp.duration_p99_ms is not None:
        err = _number("duration_p99_ms", inp.duration_p99_ms, 0, LAMBDA_TIMEOUT_MS, "ms", low_open=True,
                      what="the 15-minute invocation limit")
        if err is None and isinstance(inp.duration_avg_ms, (int, float)) and inp.duration_p99_ms < inp.duration_avg_ms:
            err = CostInputError("duration_p99_ms", f"{_fmt(inp.duration_p99_ms)} ms is below the average duration",
                                 value=inp.duration_p99_ms,
                                 allowed=f"at least duration_avg_ms ({_fmt(inp.duration_avg_ms)} ms)")
        add(err)
    add(_number("ephemeral_storage_mb", inp.ephemeral_storage_mb, *EPHEMERAL_MB, "MB", integer=True))
    add(_number("provisioned_concurrency", inp.provisioned_concurrency, 0, MAX_PROVISIONED_CONCURRENCY, "",
                integer=True))
    add(_number("provisioned_hours_per_month", inp.provisioned_hours_per_month, 0, HOURS_PER_MONTH, "h"))
    add(_number("other_account_gb_seconds", inp.other_account_gb_seconds, 0, 1e13, "GB-s"))
    if inp.lmi_memory_mb is not None:
        add(_number("lmi_memory_mb", inp.lmi_memory_mb, *LMI_MEMORY_MB, "MB", integer=True,
                    what="LMI memory 2–32 GB"))
    add(_number("gib_per_vcpu", inp.gib_per_vcpu, *LMI_RATIO, "GiB per vCPU"))
    if inp.per_ee_concurrency is not None:
        add(_number("per_ee_concurrency", inp.per_ee_concurrency, *PER_EE_CONCURRENCY, "", integer=True,
                    what="PerExecutionEnvironmentMaxConcurrency"))
    elif inp.runtime == "rust":
        add(CostInputError("per_ee_concurrency", "is required for rust: no default concurrency is published",
                           allowed="1–1,600"))
    add(_number("min_execution_environments", inp.min_execution_environments, *EXECUTION_ENVIRONMENTS, "",
                integer=True))
    if inp.max_execution_environments is not None:
        err = _number("max_execution_environments", inp.max_execution_environments, *EXECUTION_ENVIRONMENTS, "",
                      integer=True)
        if err is None and isinstance(inp.min_execution_environments, int) \
                and inp.max_execution_environments < inp.min_execution_environments:
            err = CostInputError("max_execution_environments", "is below min_execution_environments",
                                 value=inp.max_execution_environments,
                                 allowed=f"{inp.min_execution_environments}–15,000")
        add(err)
    add(_number("published_versions", inp.published_versions, 1, 100, "", integer=True,
                what="published versions kept, each with its own minimum"))
    add(_number("target_utilisation", inp.target_utilisation, 0.1, 1.0, "", what="a fraction: 0.5 = 50%"))
    add(_number("az_count", inp.az_count, 1, 6, "Availability Zones", integer=True))
    add(_number("max_vcpu", inp.max_vcpu, *MAX_VCPU, "vCPUs", integer=True, what="MaxVCpuCount"))
    if inp.instance_type is not None and (not isinstance(inp.instance_type, str)
                                          or not re.match(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$", inp.instance_type)):
        add(CostInputError("instance_type", f"{inp.instance_type!r} is not an instance type name",
                           value=inp.instance_type, allowed="a name such as c7g.xlarge"))
    for name in ("allowed_families", "excluded_instance_types"):
        value = getattr(inp, name)
        if not isinstance(value, tuple) or not all(isinstance(v, str) and v for v in value):
            add(CostInputError(name, "must be a list of names or patterns", value=value, allowed="e.g. c7g, m*"))
    if inp.lmi_commitment not in COMMITMENTS:
        add(CostInputError("lmi_commitment", f"{inp.lmi_commitment!r} is not a commitment", value=inp.lmi_commitment,
                           allowed=", ".join(COMMITMENTS)))
    rates = inp.rates
    if isinstance(rates, CommitmentRates):
        from workbench.models.cost_settings import DISCOUNT_CAPS_PCT  # the one table, shared with the form

        caps = {name: pct / 100 for name, pct in DISCOUNT_CAPS_PCT.items()}  # AWS's headline "up to" figures
        for name, cap in caps.items():
            value = getattr(rates, name)
            if value is not None:
                add(_number(f"rates.{name}", value, 0, cap, "", what=f"a fraction; AWS's maximum is {cap:.0%}"))
    else:
        add(CostInputError("rates", "must be CommitmentRates", value=rates))
    if inp.cpu_share is not None:
        add(_number("cpu_share", inp.cpu_share, 0, MAX_CPU_SHARE, "",
                    what="CPU time ÷ duration (above 1 with threads)"))
    add(_number("self_managed_packing", inp.self_managed_packing, 0.1, 1.0, "", what="a fraction: 0.6 = 60%"))
    sched = inp.scheduled_scaling
    if sched is not None:
        add(_number("scheduled_scaling.peak_hours_per_month", sched.peak_hours_per_month, 0, HOURS_PER_MONTH, "h"))
        if sched.off_peak_rps is not None:
            add(_number("scheduled_scaling.off_peak_rps", sched.off_peak_rps, 0, MAX_PEAK_RPS, "requests/s"))
        if sched.off_peak_min_execution_environments is not None:
            add(_number("scheduled_scaling.off_peak_min_execution_environments",
                        sched.off_peak_min_execution_environments, *EXECUTION_ENVIRONMENTS, "", integer=True))
    return out


_INT_FIELDS = {"memory_mb", "ephemeral_storage_mb", "provisioned_concurrency", "lmi_memory_mb", "per_ee_concurrency",
               "min_execution_environments", "max_execution_environments", "az_count", "max_vcpu",
               "published_versions"}
_FLOAT_FIELDS = {"requests_per_month", "duration_avg_ms", "peak_rps", "duration_p99_ms", "provisioned_hours_per_month",
                 "other_account_gb_seconds", "gib_per_vcpu", "target_utilisation", "self_managed_packing",
                 "cpu_share"}
_BOOL_FIELDS = {"free_tier", "lambda_compute_sp", "allow_estimates"}


def _coerce(name: str, raw: Any) -> Any:
    if name in _INT_FIELDS or name in _FLOAT_FIELDS:
        value = raw
        if isinstance(raw, str):
            text = raw.strip().replace(",", "").replace("_", "")
            try:
                value = float(text)
            except ValueError:
                raise CostInputError(name, f"{raw!r} is not a number", value=raw) from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CostInputError(name, f"{raw!r} is not a number", value=raw)
        if name in _INT_FIELDS and float(value).is_integer():
            return int(value)
        return value
    if name in _BOOL_FIELDS:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("true", "yes", "on", "1", "false", "no", "off", "0"):
            return raw.strip().lower() in ("true", "yes", "on", "1")
        raise CostInputError(name, f"{raw!r} is not true or false", value=raw)
    if name in ("allowed_families", "excluded_instance_types"):
        if isinstance(raw, str):
            return tuple(p.strip() for p in raw.split(",") if p.strip())
        if isinstance(raw, (list, tuple)):
            return tuple(str(p).strip() for p in raw)
        raise CostInputError(name, "must be a list of names or patterns", value=raw)
    if name == "rates":
        if isinstance(raw, CommitmentRates):
            return raw
        if not isinstance(raw, Mapping):
            raise CostInputError(name, "must be a table of rates", value=raw)
        known = {f.name for f in fields(CommitmentRates)}
        for key in raw:
            if key not in known:
                raise CostInputError(f"rates.{key}", "is not a commitment rate", allowed=", ".join(sorted(known)))
        return CommitmentRates(**{k: _coerce_rate(f"rates.{k}", v) for k, v in raw.items() if v is not None})
    if name == "scheduled_scaling":
        if isinstance(raw, ScheduledScaling):
            return raw
        if raw is False:
            return None
        if raw is True:
            return ScheduledScaling()
        if not isinstance(raw, Mapping):
            raise CostInputError(name, "must be a table (peak_hours_per_month, off_peak_rps, ...)", value=raw)
        known = {f.name for f in fields(ScheduledScaling)}
        for key in raw:
            if key not in known:
                raise CostInputError(f"scheduled_scaling.{key}", "is not a scheduled-scaling setting",
                                     allowed=", ".join(sorted(known)))
        # numbers; a whole off-peak minimum becomes an int, a fractional one stays for validation to name
        values: dict[str, Any] = {k: _coerce_rate(f"scheduled_scaling.{k}", v) for k, v in raw.items()
                                  if v is not None}
        if "off_peak_min_execution_environments" in values:
            v = values["off_peak_min_execution_environments"]
            values["off_peak_min_execution_environments"] = int(v) if float(v).is_integer() else v
        return ScheduledScaling(**values)
    if name == "runtime" and isinstance(raw, str):
        return runtime_family(raw)
    if isinstance(raw, str):
        return raw.strip()
    return raw


def runtime_family(runtime: str) -> str:
    """The runtime family: ``python3.12`` → ``python``, ``nodejs22.x`` → ``nodejs``, ``java21`` → ``java``.

    Anything else is returned as given (lower-cased), so validation can name it.
    """
    text = runtime.strip().lower()
    for family in RUNTIME_FAMILIES:
        if text.startswith(family):
            return family
    if text.startswith("node"):
        return "nodejs"
    if text.startswith("provided.al2023"):
        return "rust"  # LMI runs Rust on the OS-only runtime (lmi_facts.RUNTIME_SUPPORT, "Lambda Managed Instances runtimes")
    return text


def _coerce_rate(name: str, raw: Any) -> float:
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise CostInputError(name, f"{raw!r} is not a number", value=raw) from None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise CostInputError(name, f"{raw!r} is not a number", value=raw)
    return raw
