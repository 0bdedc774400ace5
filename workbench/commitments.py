"""The LMI purchase commitments the cost comparison prices: one table, read by the cost settings document, the
cost engine's inputs and scenarios, and the cost pane's cycle (``c``). Add a commitment here and everywhere
follows (``Commitment`` below must list the same ids: a test checks it)."""

from __future__ import annotations

from typing import Literal

# (id, label in settings and messages, short label in the comparison's scenario names)
COMMITMENT_TABLE: tuple[tuple[str, str, str], ...] = (
    ("on_demand", "on-demand", "on-demand"),
    ("compute_sp_1yr", "Compute Savings Plan 1 yr", "Compute SP 1 yr"),
    ("compute_sp_3yr", "Compute Savings Plan 3 yr", "Compute SP 3 yr"),
    ("ec2_instance_sp", "EC2 Instance Savings Plan", "EC2 Instance SP 1 yr"),
    ("reserved", "Reserved Instances", "Reserved Instances 3 yr"),
)

Commitment = Literal["on_demand", "compute_sp_1yr", "compute_sp_3yr", "ec2_instance_sp", "reserved"]

COMMITMENTS: tuple[str, ...] = tuple(row[0] for row in COMMITMENT_TABLE)
COMMITMENT_LABELS: dict[str, str] = {row[0]: row[1] for row in COMMITMENT_TABLE}
COMMITMENT_SHORT_LABELS: dict[str, str] = {row[0]: row[2] for row in COMMITMENT_TABLE}
