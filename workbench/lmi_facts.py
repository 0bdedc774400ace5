"""Domain constants for Lambda and Lambda Managed Instances (LMI), each with where it came from.

These are data, not logic: the models validate against them, the fit and cost engines read them, and the help
pane can show their sources. When AWS changes a number, change it here (and its source line) and nowhere else.
The digests these were taken from are ``/work/shared/lmi-facts.md`` and ``/work/shared/aws-facts.md``
(compiled 2026-11-27); the URLs below are the primary sources those digests name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

# --- Standard Lambda (the function being migrated) -------------------------------------------------------
# Source: AWS Lambda pricing page / function configuration docs: memory 128–10,240 MB in 1 MB steps.
LAMBDA_MEMORY_MB_MIN: Final = 128
LAMBDA_MEMORY_MB_MAX: Final = 10_240
LAMBDA_MEMORY_MB_DEFAULT: Final = 128  # API default (CreateFunction MemorySize)
# Source: Lambda docs "Configure ephemeral storage": 512–10,240 MB, 512 MB free.
LAMBDA_EPHEMERAL_MB_MIN: Final = 512
LAMBDA_EPHEMERAL_MB_MAX: Final = 10_240
# Source: Lambda quotas: function timeout 1–900 s (15 minutes) on standard Lambda; default 3 s.
LAMBDA_TIMEOUT_S_MIN: Final = 1
LAMBDA_TIMEOUT_S_MAX: Final = 900
LAMBDA_TIMEOUT_S_DEFAULT: Final = 3

# --- LMI invocation limits ---------------------------------------------------------------------------------
# Source: aws-facts.md §2 "Timeouts": synchronous 15 min; async and ESM up to 90 min (What's New 2026-09-10,
# https://aws.amazon.com/about-aws/whats-new/2026/09/aws-lambda-90-minute-function/); init up to 15 min.
LMI_SYNC_TIMEOUT_S_MAX: Final = 900
LMI_ASYNC_TIMEOUT_S_MAX: Final = 5_400
LMI_INIT_TIMEOUT_S_MAX: Final = 900

# --- LMI function size -------------------------------------------------------------------------------------
# Source: docs "Best practices for Lambda Managed Instances" (smallest function 2 GB and 1 vCPU) and
# What's New 2026-03-27 (largest 32 GB and 16 vCPU).
LMI_MEMORY_MB_MIN: Final = 2_048
LMI_MEMORY_MB_MAX: Final = 32_768
LMI_VCPU_MIN: Final = 1
LMI_VCPU_MAX: Final = 16
# Source: API LambdaManagedInstancesCapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu, double 2.0–8.0.
# Documented choices 2:1 (compute), 4:1 (general), 8:1 (memory-heavy, Python). Default 2.0: aws-cdk-lib 2.231.0
# capacity-provider.d.ts (@default 2.0).
LMI_MEMORY_GIB_PER_VCPU_MIN: Final = 2.0
LMI_MEMORY_GIB_PER_VCPU_MAX: Final = 8.0
LMI_MEMORY_GIB_PER_VCPU_DEFAULT: Final = 2.0
LMI_MEMORY_GIB_PER_VCPU_CHOICES: Final = (2.0, 4.0, 8.0)
# Source: API PerExecutionEnvironmentMaxConcurrency, integer 1–1600. Docs: "up to a maximum of 64 per vCPU".
LMI_MAX_CONCURRENCY_MIN: Final = 1
LMI_MAX_CONCURRENCY_MAX: Final = 1_600
LMI_MAX_CONCURRENCY_PER_VCPU_DOC_MAX: Final = 64

# --- LMI scaling ---------------------------------------------------------------------------------------------
# Source: docs "Scaling Lambda Managed Instances"; API FunctionScalingConfig Min/MaxExecutionEnvironments 0–15000.
# Min defaults to 3 (multi-AZ); below 3 only in non-production. Min = Max = 0 deactivates the version.
LMI_EXECUTION_ENVIRONMENTS_MIN: Final = 0
LMI_EXECUTION_ENVIRONMENTS_MAX: Final = 15_000
LMI_MIN_EXECUTION_ENVIRONMENTS_DEFAULT: Final = 3
LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION: Final = 3
# Source: docs "Capacity providers": MaxVCpuCount default 400, API range 2–15000; ScalingMode Auto by default.
LMI_MAX_VCPU_COUNT_MIN: Final = 2
LMI_MAX_VCPU_COUNT_MAX: Final = 15_000
LMI_MAX_VCPU_COUNT_DEFAULT: Final = 400
# Source: API InstanceRequirements.AllowedInstanceTypes / ExcludedInstanceTypes: 0–400 items, pattern below.
LMI_INSTANCE_TYPES_MAX: Final = 400
LMI_INSTANCE_TYPE_PATTERN: Final = r"^[a-zA-Z0-9.*\-]+$"
# Source: API CreateCapacityProvider.CapacityProviderName: 1–140, [a-zA-Z0-9-_]+ (or an ARN).
LMI_CAPACITY_PROVIDER_NAME_PATTERN: Final = r"^[a-zA-Z0-9_-]{1,140}$"
# Source: docs "Scaling": headroom absorbs traffic doubling within 5 minutes; faster growth can throttle.
LMI_SCALING_DOUBLING_WINDOW_MINUTES: Final = 5
# Source: docs "CloudWatch metrics for Lambda Managed Instances": published every 5 minutes.
LMI_METRIC_PERIOD_S: Final = 300
STANDARD_METRIC_PERIOD_S: Final = 60  # standard Lambda metrics are per minute (CloudWatch docs)


# --- Runtimes --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuntimeFamilyFacts:
    """What LMI says about one language family."""

    family: str  # "python", "nodejs", "java", "dotnet"
    display_name: str
    default_concurrency_per_vcpu: int
    isolation: str  # how invocations share an execution environment
    source: str


# Source for the first four: docs lambda-managed-instances-{python,nodejs,java,dotnet}-runtime.html
# (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-python-runtime.html and siblings).
SUPPORTED_RUNTIME_FAMILIES: Final[dict[str, RuntimeFamilyFacts]] = {
    "nodejs": RuntimeFamilyFacts(
        "nodejs", "Node.js", 64, "worker threads with async event loops; globals shared within a worker",
        "docs lambda-managed-instances-nodejs-runtime.html"),
    "java": RuntimeFamilyFacts(
        "java", "Java", 32, "OS threads; one handler instance called from many threads",
        "docs lambda-managed-instances-java-runtime.html"),
    "dotnet": RuntimeFamilyFacts(
        "dotnet", ".NET", 32, "Tasks in one process; handler object shared",
        "docs lambda-managed-instances-dotnet-runtime.html"),
    "python": RuntimeFamilyFacts(
        "python", "Python", 16, "separate processes; globals are not shared (concurrency = process count)",
        "docs lambda-managed-instances-python-runtime.html"),
    # Rust is the one language LMI runs on an OS-only runtime (provided.al2023 and later). Source: docs "Rust
    # support for Lambda Managed Instances" (lambda-managed-instances-rust.html): "the default value for Rust is
    # 8 concurrent requests per vCPU" (Tokio tasks); the handler is shared by every worker.
    "rust": RuntimeFamilyFacts(
        "rust", "Rust", 8, "Tokio tasks in one process; the handler (Clone + Send) shared by every worker",
        "docs lambda-managed-instances-rust.html"),
}
# CPU-bound work: 1 per vCPU (lmi-facts.md "Multi-concurrency default per vCPU").
CPU_BOUND_CONCURRENCY_PER_VCPU: Final = 1

# Runtime identifiers of other families (for naming them when they are not supported).
OTHER_RUNTIME_FAMILY_NAMES: Final[dict[str, str]] = {
    "ruby": "Ruby",
    "go": "Go (go1.x)",
    "provided": "OS-only runtime (provided)",
}
OS_ONLY_RUNTIME_NOTE: Final = (
    "Rust on the OS-only runtime provided.al2023 (and later) is supported on LMI; other languages on an OS-only "
    "runtime (Go, C++, custom runtimes) and provided.al2/provided are not."
)

RUNTIME_IDENTIFIER_PATTERN: Final = r"^[a-z][a-z0-9.]{0,29}$"


def runtime_family(runtime: str) -> str:
    """The family of a Lambda runtime identifier: ``python3.12`` → ``python``, ``nodejs22.x`` → ``nodejs``,
    ``dotnetcore3.1`` → ``dotnet``, ``provided.al2023`` → ``provided``; unknown prefixes are returned as is."""
    head = ""
    for ch in runtime:
        if ch.isalpha():
            head += ch
        else:
            break
    if head.startswith("dotnet"):
        return "dotnet"
    return head or runtime


def runtime_display_name(runtime: str) -> str:
    family = runtime_family(runtime)
    if family in SUPPORTED_RUNTIME_FAMILIES:
        return SUPPORTED_RUNTIME_FAMILIES[family].display_name
    return OTHER_RUNTIME_FAMILY_NAMES.get(family, runtime)


def supported_runtime_names() -> list[str]:
    """The supported runtimes with their versions (``Python 3.13+``…), for the "not supported" message."""
    return [line.display_name for line in RUNTIME_SUPPORT.lines]


def runtime_family_facts(runtime: str, *, rust: bool | None = None) -> RuntimeFamilyFacts | None:
    """The concurrency facts of a supported runtime's family; None when LMI does not run it."""
    found = runtime_support(runtime, rust=rust)
    return SUPPORTED_RUNTIME_FAMILIES.get(found.family) if found.supported else None


@dataclass(frozen=True)
class RuntimeLine:
    """One language LMI runs, from the oldest supported runtime version on ("and later")."""

    family: str            # "python", "nodejs", "java", "dotnet", "rust"
    display_name: str      # "Python 3.13+"
    minimum: str           # the oldest supported runtime identifier, the upgrade target for older ones
    minimum_version: tuple[int, ...]   # of the identifier's version: (3, 13), (22,), (21,), (8,), (2023,)


@dataclass(frozen=True)
class RuntimeSupportFacts:
    """Which runtime versions LMI supports, as data with its source and the date it was checked."""

    as_of: str
    source: str
    lines: tuple[RuntimeLine, ...]

    def line(self, family: str) -> RuntimeLine | None:
        return next((line for line in self.lines if line.family == family), None)


RUNTIME_SUPPORT: Final = RuntimeSupportFacts(
    as_of="2026-12-07",
    source="AWS Lambda Developer Guide, \"Lambda Managed Instances runtimes\" "
           "(https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-runtimes.html), checked 2026-12-07: "
           "Java 21 and later, Python 3.13 and later, Node.js 22 and later, .NET 8 and later, Rust on the OS-only "
           "runtime provided.al2023 and later",
    lines=(
        RuntimeLine("java", "Java 21+", "java21", (21,)),
        RuntimeLine("python", "Python 3.13+", "python3.13", (3, 13)),
        RuntimeLine("nodejs", "Node.js 22+", "nodejs22.x", (22,)),
        RuntimeLine("dotnet", ".NET 8+", "dotnet8", (8,)),
        RuntimeLine("rust", "Rust on provided.al2023", "provided.al2023", (2023,)),
    ),
)


@dataclass(frozen=True)
class RuntimeSupport:
    """What LMI says about one runtime identifier: supported or not, its family, and the upgrade to make."""

    runtime: str
    family: str                 # python / nodejs / java / dotnet / rust, or ruby / go / provided / the identifier
    display_name: str           # "Python 3.12"
    supported: bool
    upgrade: str | None = None  # the runtime to move to (python3.12 -> python3.13); None: supported, or no LMI path
    note: str = ""              # a condition or a caveat (Rust only on provided.al2023; no LMI path for Ruby)

    @property
    def named(self) -> str:
        """``python3.12 (Python 3.12)``; just the identifier when the display name adds nothing."""
        if not self.display_name or self.runtime in self.display_name:
            return self.display_name or self.runtime
        return f"{self.runtime} ({self.display_name})"

    @property
    def unsupported_message(self) -> str:
        """The seed scenario's sentence: "Lambda Managed Instances does not yet support <runtime>"."""
        return f"Lambda Managed Instances does not yet support {self.named}"

    @property
    def supported_list(self) -> str:
        return ", ".join(supported_runtime_names())

    @property
    def advice(self) -> str:
        """What to do about an unsupported runtime: the upgrade if there is one, else standard Lambda."""
        if self.supported:
            return ""
        if self.upgrade:
            return (f"Upgrade the function to {self.upgrade} first (a runtime upgrade: migration work to test), "
                    "or keep it on standard Lambda.")
        return "Keep this function on standard Lambda (LMI has no runtime for it)."

    def explain(self) -> str:
        """One paragraph: the message, the supported runtimes and the advice (and the note, if any)."""
        if self.supported:
            return f"{self.named} is supported on Lambda Managed Instances." + (f" {self.note}" if self.note else "")
        text = f"{self.unsupported_message}. Supported runtimes: {self.supported_list}. {self.advice}"
        return text + (f" {self.note}" if self.note else "")


def _version_of(rest: str) -> tuple[int, ...] | None:
    """``3.12`` -> (3, 12); ``22.x`` -> (22,); ``8.al2`` -> (8,); ``core3.1`` -> (3, 1); None when not numeric."""
    numbers: list[int] = []
    for part in rest.removeprefix("core").split("."):
        if part.isdigit():
            numbers.append(int(part))
        else:
            break
    return tuple(numbers) or None


def runtime_support(runtime: str, *, rust: bool | None = None) -> RuntimeSupport:
    """Is ``runtime`` (a Lambda runtime identifier) supported by LMI, and if not, what is the upgrade?

    ``rust`` says whether the code is Rust, for the OS-only runtimes: True (a Cargo.toml), False (known not to be
    Rust), None (not known: ``provided.al2023`` is then taken as Rust, with the condition in ``note``).
    Facts: ``RUNTIME_SUPPORT`` (source and date there).
    """
    runtime = runtime.strip().lower()
    family = runtime_family(runtime)
    rest = runtime[len(family):] if family != "dotnet" else runtime.removeprefix("dotnet")
    display = runtime_display_name(runtime)
    if family == "provided":
        os_version = rest.lstrip(".")
        year = int(os_version[2:]) if os_version.startswith("al") and os_version[2:].isdigit() else None
        current = year is not None and year >= 2023
        if rust is False:
            return RuntimeSupport(runtime, "provided", display, False, None,
                                  "Only Rust runs on LMI's OS-only runtime; this code is not Rust.")
        if current:
            note = "" if rust else ("Supported for Rust only: other languages on an OS-only runtime are not "
                                    "(the project has no Cargo.toml to tell).")
            return RuntimeSupport(runtime, "rust", "Rust", True, None, note)
        return RuntimeSupport(runtime, "provided", display, False, "provided.al2023",
                              "The upgrade applies to Rust code only: other languages on an OS-only runtime have "
                              "no LMI runtime.")
    line = RUNTIME_SUPPORT.line(family)
    if line is None:
        note = ("Go on go1.x has no LMI runtime." if family == "go" else
                "LMI runs Java, Python, Node.js, .NET and Rust only.")
        return RuntimeSupport(runtime, family, display, False, None, note)
    version = _version_of(rest)
    versioned = f"{line.display_name.split()[0]} {'.'.join(map(str, version))}" if version else display
    if line.family == "dotnet" and version:
        versioned = f".NET{' Core' if rest.startswith('core') else ''} {'.'.join(map(str, version))}"
    if version is not None and version >= line.minimum_version:
        return RuntimeSupport(runtime, family, versioned, True)
    return RuntimeSupport(runtime, family, versioned, False, line.minimum)


def runtime_upgrade_problem(runtime: str, chosen: str | None) -> str | None:
    """Why ``runtime`` cannot be deployed on LMI as things stand, given the upgrade the user ``chosen`` (or None):
    None when it can (a supported runtime, or an unsupported one with a valid upgrade explicitly chosen)."""
    found = runtime_support(runtime)
    if chosen is None:
        if found.supported:
            return None
        hint = (f" To move it to {found.upgrade}, choose the upgrade explicitly (--upgrade-runtime {found.upgrade})."
                if found.upgrade else "")
        return found.explain() + hint
    target = runtime_support(chosen)
    if chosen.strip().lower() == found.runtime:
        return None   # "upgrade" to the runtime it already has: nothing to do, nothing wrong
    if found.supported:
        return (f"--upgrade-runtime {chosen}: {found.named} is already supported on Lambda Managed Instances; "
                "there is nothing to upgrade")
    if not target.supported:
        return (f"--upgrade-runtime {chosen}: {target.unsupported_message} either. Supported runtimes: "
                f"{', '.join(supported_runtime_names())}")
    if target.family != found.family and not (found.family == "provided" and target.family == "rust"):
        return (f"--upgrade-runtime {chosen} is another language than {found.named}: an upgrade keeps the language "
                f"({found.upgrade or 'none exists for it'})")
    return None


# --- Regions -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionAvailability:
    """Where LMI can be used, as a rule with its source and date."""

    as_of: str
    rule: str
    source: str
    commercial_regions: tuple[str, ...]
    commercial_regions_source: str
    excluded: tuple[str, ...]
    launch_regions: tuple[str, ...]
    launch_source: str
    nearest_supported: dict[str, str] = field(default_factory=dict)
    nearest_supported_basis: str = ""

    @property
    def available(self) -> tuple[str, ...]:
        return tuple(r for r in self.commercial_regions if r not in self.excluded)

    def is_available(self, region: str) -> bool:
        return region in self.available

    def suggest(self, region: str) -> str | None:
        """The nearest region where LMI is available, for an excluded commercial region; else None."""
        return self.nearest_supported.get(region)


REGIONS: Final = RegionAvailability(
    as_of="2026-06-08",
    rule="all commercial AWS Regions except Israel (Tel Aviv), Middle East (Bahrain), Middle East (UAE) "
         "and Asia Pacific (Auckland)",
    source="https://aws.amazon.com/about-aws/whats-new/2026/06/aws-lambda-managed-instances-region-expansion/ "
           "(published 2026-06-08)",
    # The "aws" partition of botocore 1.44.8 data/endpoints.json (China, GovCloud and ISO partitions are not
    # commercial Regions). A Region launched after 2026-06-08 may not be covered by the rule: re-check it.
    commercial_regions=(
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
        "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
        "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2",
        "us-west-1", "us-west-2",
    ),
    commercial_regions_source="botocore 1.44.8 data/endpoints.json, partition 'aws'",
    excluded=("il-central-1", "me-south-1", "me-central-1", "ap-southeast-6"),
    launch_regions=("us-east-1", "us-east-2", "us-west-2", "ap-northeast-1", "eu-west-1"),
    launch_source="https://aws.amazon.com/blogs/aws/introducing-aws-lambda-managed-instances-serverless-"
                  "simplicity-with-ec2-flexibility/ (2025-11-30)",
    nearest_supported={
        "il-central-1": "eu-south-1",      # Tel Aviv → Milan
        "me-south-1": "ap-south-1",        # Bahrain → Mumbai
        "me-central-1": "ap-south-1",      # UAE → Mumbai
        "ap-southeast-6": "ap-southeast-2",  # Auckland → Sydney
    },
    nearest_supported_basis="great-circle distance between the Regions' cities (workbench judgement, not an "
                            "AWS source); data residency may rule a suggestion out",
)

REGION_PATTERN: Final = r"^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$"


# --- Memory and vCPU arithmetic ---------------------------------------------------------------------------------
def vcpus_for(memory_mb: int, memory_gib_per_vcpu: float) -> float:
    """vCPUs an execution environment gets: memory (GiB) divided by the ratio."""
    return memory_mb / 1024 / memory_gib_per_vcpu


def memory_is_aligned(memory_mb: int, memory_gib_per_vcpu: float) -> bool:
    """True when the memory is a whole number of vCPUs at the ratio (e.g. 4096 MB at 2:1 = 2 vCPU).

    The workbench reads "memory aligned to the ratio" (lmi-facts.md Step 3) as memory = whole vCPUs × ratio GiB,
    with at least the documented minimum of 1 vCPU.
    """
    step = memory_gib_per_vcpu * 1024
    vcpus = round(memory_mb / step)
    return vcpus >= LMI_VCPU_MIN and abs(memory_mb - vcpus * step) < 1.0  # within 1 MB (ratios like 3.3)


def align_memory_mb(memory_mb: float, memory_gib_per_vcpu: float) -> int:
    """The smallest aligned LMI memory size ≥ ``memory_mb``, at least 1 vCPU and at most 32768 MB.

    At any ratio from 2.0 to 8.0 one vCPU is ≥ 2048 MB and 32768 MB is ≤ 16 vCPU, so the vCPU limits follow.
    """
    step = memory_gib_per_vcpu * 1024
    most = max(LMI_VCPU_MIN, math.floor(LMI_MEMORY_MB_MAX / step + 1e-9))
    vcpus = min(most, max(LMI_VCPU_MIN, math.ceil(memory_mb / step - 1e-9)))
    return int(round(vcpus * step))


# --- Minimum library versions for multi-concurrency (lmi-facts.md Step 4) ------------------------------------
# Source: AWS LMI runtime docs, "Minimum library versions" as digested in lmi-facts.md.
MIN_LIBRARY_VERSIONS: Final[dict[str, dict[str, str]]] = {
    "python": {"aws-lambda-powertools": "3.23.0"},
    "nodejs": {
        "@aws-lambda-powertools/*": "2.29.0",
        "@aws-sdk/*": "3.933.0",
        "aws-xray-sdk-core": "3.12.0",
    },
    "java": {
        "software.amazon.lambda:powertools-*": "2.8.0",
        "software.amazon.awssdk:*": "2.34.0",
        "com.amazonaws:aws-xray-recorder-sdk-core": "2.20.0",
    },
    "dotnet": {
        "AWS.Lambda.Powertools.*": "3.1.0",
        "AWSSDK.Core": "4.0.0.32",
        "AWSXRayRecorder.Core": "2.16.0",
    },
}

# --- Rules of thumb (lmi-facts.md "Is LMI right for this workload?") ------------------------------------------
LMI_COST_COMPETITIVE_SPEND_USD_PER_MONTH: Final = 1_000.0
LMI_COST_COMPETITIVE_REQUESTS_PER_MONTH: Final = 50_000_000
SHORT_FUNCTION_DURATION_MS: Final = 100.0

# --- Seconds in a month, for requests/month ↔ requests/s ----------------------------------------------------------
# Source: pricing snapshot hours_per_month = 730 (AWS Pricing Calculator convention).
HOURS_PER_MONTH: Final = 730
SECONDS_PER_MONTH: Final = HOURS_PER_MONTH * 3600

# --- Alarm and tuning thresholds for validation and cutover (lmi-facts.md Step 6) -----------------------------
# (name, what is measured, comparison that FAILS the gate, threshold, unit, what to do)
CUTOVER_GATE_THRESHOLDS: Final = (
    ("throttle-rate", "Throttles / Invocations", ">", 1.0, "%",
     "raise MinExecutionEnvironments or lower the CPU target"),
    ("cpu-high", "ExecutionEnvironmentCPUUtilization", ">", 80.0, "%",
     "lower PerExecutionEnvironmentMaxConcurrency or add vCPUs"),
    ("cpu-low", "ExecutionEnvironmentCPUUtilization", "<", 20.0, "%", "raise PerExecutionEnvironmentMaxConcurrency"),
    ("memory-high", "ExecutionEnvironmentMemoryUtilization", ">", 90.0, "%", "more memory or less concurrency"),
    ("concurrency-saturated", "ExecutionEnvironmentConcurrency / ExecutionEnvironmentConcurrencyLimit", ">=", 95.0,
     "%", "lower concurrency or scale out"),
)
# "near its limit" is not a number in the guidance: 95% is the workbench's reading of it.
