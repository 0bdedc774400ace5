"""The Cost pane's instances view says which count sized the LMI fleet: concurrency slots or CPU (issue 11
item 7)."""

from __future__ import annotations

from screens.cost import CostPane
from workbench.cost.compare import compare
from workbench.cost.inputs import SECONDS_PER_MONTH, CostInputs


def _result(**changes):
    base = dict(requests_per_month=10_000 * SECONDS_PER_MONTH, duration_avg_ms=100.0, memory_mb=2048,
                runtime="nodejs", lmi_memory_mb=8192, gib_per_vcpu=4.0, per_ee_concurrency=128, max_vcpu=15_000)
    base.update(changes)
    return compare(CostInputs(**base), alternatives=0)


def test_the_instances_caption_names_the_cpu_when_it_decides():
    caption = str(CostPane._instances(_result(cpu_share=0.85)).caption)
    assert caption.startswith("850 execution environments × 128 concurrent")
    assert caption.endswith("; 16 by slots, 850 by CPU (85% of the duration): decided by CPU")


def test_the_instances_caption_is_unchanged_when_cpu_is_not_counted():
    caption = str(CostPane._instances(_result()).caption)
    assert caption.startswith("16 execution environments") and "by CPU" not in caption
