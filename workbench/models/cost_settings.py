"""The what-if settings of the cost comparison, shared by everyone in the session.

Savings Plan and Reserved Instance rates per instance family are not in the pricing snapshot, so the team
agrees on them here (blank = the catalog's labelled assumption) and both partners see the same numbers.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from workbench.models._base import Doc, Range
from workbench.commitments import COMMITMENT_LABELS as COMMITMENT_LABELS  # the one table of commitments
from workbench.commitments import Commitment

Pct = Annotated[float | None, Range(0, 95, "%")]
# The most each commitment takes off, in percent: AWS's headline "up to" figures (Savings Plans pricing page: Compute
# Savings Plans "up to 66%" on EC2 and "up to 17%" on Lambda; EC2 Instance Savings Plans and Reserved Instances
# "up to 72%"). The engine refuses more (workbench.cost.inputs), so the form does too.
DISCOUNT_CAPS_PCT: dict[str, float] = {"lambda_compute_sp": 17, "compute_sp_1yr": 66, "compute_sp_3yr": 66,
                                       "ec2_instance_sp": 72, "reserved": 72}
LambdaSpPct = Annotated[float | None, Range(0, DISCOUNT_CAPS_PCT["lambda_compute_sp"], "%")]
ComputeSpPct = Annotated[float | None, Range(0, DISCOUNT_CAPS_PCT["compute_sp_1yr"], "%")]
InstanceSpPct = Annotated[float | None, Range(0, DISCOUNT_CAPS_PCT["ec2_instance_sp"], "%")]


class CostSettings(Doc):
    """What-if settings for the cost comparison (commitment, discount rates, free tier, packing)."""

    KIND: ClassVar[str] = "cost-settings"
    TITLE: ClassVar[str] = "the cost settings"

    lmi_commitment: Commitment | None = Field(
        title="LMI commitment", default=None,
        description="Commitment for the LMI fleet's EC2 hours in the verdict and break-even "
                    "(blank: follow the workload's existing Savings Plan)")
    lambda_compute_sp_pct: LambdaSpPct = Field(title="Lambda Compute SP", default=None,
                                               description="Compute Savings Plan discount on Lambda duration, %")
    compute_sp_1yr_pct: ComputeSpPct = Field(
        title="Compute SP 1 yr", default=None, description="Compute Savings Plan 1 yr discount on EC2, %")
    compute_sp_3yr_pct: ComputeSpPct = Field(
        title="Compute SP 3 yr", default=None, description="Compute Savings Plan 3 yr discount on EC2, %")
    ec2_instance_sp_pct: InstanceSpPct = Field(
        title="EC2 Instance SP", default=None, description="EC2 Instance Savings Plan discount on EC2, %")
    reserved_pct: InstanceSpPct = Field(
        title="Reserved Instances", default=None, description="Reserved Instances discount on EC2, %")
    free_tier: bool = Field(
        title="Lambda free tier", default=False, description="Count Lambda's monthly free tier against this function")
    self_managed_packing_pct: Annotated[float, Range(10, 100, "%")] = Field(
        title="Self-managed packing", default=60, description="How full self-managed EC2 instances are packed, %")
    instance_type: str | None = Field(title="Instance type", default=None, max_length=40,
                                      description="Pin the LMI instance type (blank: the cheapest that fits)")
    allow_estimates: bool = Field(
        title="Allow estimated prices", default=False,
        description="Let the instance search use labelled estimates where the region's price is missing")
