"""Every published version the infrastructure keeps runs its own minimum execution environments: the cost engine
adds the other versions' minimums to the serving version's fleet ("$LATEST.PUBLISHED version in Lambda Managed
Instances": each published version keeps its own minimum)."""

from __future__ import annotations

import pytest

from workbench.cost.compare import compare
from workbench.cost.errors import CostInputError
from workbench.cost.inputs import CostInputs

LOW = {"requests_per_month": 1_000_000, "duration_avg_ms": 100, "memory_mb": 1024, "runtime": "nodejs",
       "min_execution_environments": 3, "lmi_memory_mb": 8192, "gib_per_vcpu": 4.0, "instance_type": "m7i.xlarge"}
# 2 vCPU per environment: one per m7i.xlarge (4 vCPU, one kept by the system), so EEs and instances move together.


def test_a_second_published_version_doubles_the_minimum_fleet():
    one = compare(CostInputs(**LOW))
    two = compare(CostInputs(**LOW, published_versions=2))
    assert (one.sizing.ees, two.sizing.ees) == (3, 6)
    assert two.sizing.instances > one.sizing.instances
    lmi = {s.key: s.monthly_usd for s in one.scenarios}["lmi_on_demand"]
    assert {s.key: s.monthly_usd for s in two.scenarios}["lmi_on_demand"] > lmi


def test_the_traffic_runs_on_one_version_the_other_keeps_its_minimum():
    busy = {**LOW, "requests_per_month": 2e10}
    one = compare(CostInputs(**busy))
    two = compare(CostInputs(**busy, published_versions=2))
    assert one.sizing.ees > 3 * 2  # the load, not the minimum, sizes the serving version
    assert two.sizing.ees == one.sizing.ees + 3


def test_published_versions_must_be_a_positive_count():
    with pytest.raises(CostInputError) as error:
        CostInputs(**LOW, published_versions=0)
    assert error.value.field == "published_versions"
