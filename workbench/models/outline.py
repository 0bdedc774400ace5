"""What the first screen shows of its documents, readable without pydantic: their kinds, the workload's fields
in order with their labels and help, and the verdict's words.

Importing pydantic and building the models costs about as much as Textual's own start, so the first screen is
drawn from the store's rows with this outline (``screens.intake``) and drawn again from the validated documents
right after it. The models take these texts from here (``Field(description=about(name))``), so the two cannot
disagree; ``workbench.models.workload`` checks at import that its fields are the outline's, in the same order.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

REVIEW_KIND = "review"
WORKLOAD_KIND = "workload"
FIT_KIND = "fit"


class FieldText(NamedTuple):
    """A field's one-line help and, where its name does not say it well, the label it is shown under."""

    description: str
    title: str | None = None


# The workload's fields (after ``id``), in the model's order: the order the Intake pane lists them in.
WORKLOAD_FIELDS: dict[str, FieldText] = {
    # identity
    "function_name": FieldText("Lambda function name (1–64 letters, digits, hyphens, underscores)"),
    "function_arn": FieldText("Function ARN, when imported from AWS"),
    "region": FieldText("AWS Region the function runs in, e.g. us-east-1"),
    "environment": FieldText("Production or non-production (decides the minimum of 3 EEs)"),
    # traffic
    "traffic_pattern": FieldText("Shape of the traffic over a day and a week"),
    "requests_per_month": FieldText("Invocations per month"),
    "mean_requests_per_second": FieldText("Average invocations per second"),
    "peak_requests_per_second": FieldText("Highest sustained invocations per second"),
    "baseline_concurrent_executions": FieldText("Typical ConcurrentExecutions (Maximum per minute, at normal load)"),
    "peak_concurrent_executions": FieldText("Highest ConcurrentExecutions seen"),
    # cost
    "monthly_lambda_spend_usd": FieldText("Current Lambda bill for this function per month, USD"),
    "savings_plan": FieldText("Existing Savings Plan commitment"),
    "savings_plan_discount_pct": FieldText(
        "Discount the Savings Plan gives on Lambda duration, % (Lambda: at most 17%)"),
    # configuration
    "runtime": FieldText("Lambda runtime identifier, e.g. python3.13, nodejs22.x, java21, dotnet8"),
    "architecture": FieldText("Instruction set: x86_64 or arm64"),
    "memory_mb": FieldText("Configured memory, MB"),
    "timeout_s": FieldText("Configured timeout, seconds"),
    "ephemeral_storage_mb": FieldText("Configured /tmp size, MB (512 is free)"),
    "tmp_use_mb_per_invocation": FieldText(
        "/tmp one invocation writes at most, MB (on LMI every concurrent invocation of an execution environment "
        "shares its /tmp; the readiness review's /tmp findings show where it is written)",
        title="/tmp use per invocation (MB)"),
    "provisioned_concurrency": FieldText("Provisioned Concurrency configured today (0 = none)"),
    # performance
    "duration_avg_ms": FieldText("Average duration per invocation, ms"),
    "duration_p99_ms": FieldText("99th-percentile duration, ms"),
    "cpu_profile": FieldText("Where the time goes: CPU, waiting on I/O, both, or memory"),
    "insights_cpu_total_time_ms": FieldText(
        "Lambda Insights cpu_total_time per invocation, ms (blank if Insights is off)"),
    "insights_memory_utilization_pct": FieldText("Lambda Insights memory_utilization, % of configured memory"),
    # readiness and network
    "concurrency_readiness": FieldText("Is the code safe to run many invocations at once?"),
    "in_vpc": FieldText("Is the function attached to a VPC today?"),
    "private_resources": FieldText("Private resources it reaches, e.g. RDS MySQL, ElastiCache"),
    "subnet_ids": FieldText("VPC subnets it uses today"),
    "security_group_ids": FieldText("Security groups it uses today"),
    # provenance
    "source": FieldText("Where these numbers came from"),
    "source_detail": FieldText("File path, account/Region or metrics window the numbers came from"),
    "notes": FieldText("Anything else worth knowing"),
}


def about(name: str) -> str:
    """``Field(description=about("memory_mb"))``: the workload field's description from the outline (a field with
    a title of its own takes it as ``title=WORKLOAD_FIELDS[name].title``)."""
    return WORKLOAD_FIELDS[name].description


class Direction(StrEnum):
    FOR_LMI = "for-lmi"
    AGAINST_LMI = "against-lmi"
    NEUTRAL = "neutral"


class Verdict(StrEnum):
    STRONG_FIT = "strong-fit"
    WORTH_EVALUATING = "worth-evaluating"
    STANDARD_LAMBDA_BETTER = "standard-lambda-better"

    @property
    def label(self) -> str:
        return {"strong-fit": "Strong fit for LMI", "worth-evaluating": "Worth evaluating",
                "standard-lambda-better": "Standard Lambda is better"}[self.value]


class BlockerCode(StrEnum):
    UNSUPPORTED_RUNTIME = "unsupported-runtime"
    UNSUPPORTED_REGION = "unsupported-region"
