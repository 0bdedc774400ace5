"""Pricing catalog and cost engine (pure: no Textual, no AWS calls outside ``refresh``).

The functions the cost pane and the headless ``cost`` command call:

* :func:`workbench.cost.compare.compare` — every scenario, the instance search, break-even, sensitivity and the verdict line;
* :func:`workbench.cost.aws_sample.calculate` — the AWS sample calculator's methodology, for cross-checking;
* :func:`workbench.cost.report.render` — table, JSON, CSV or Markdown of either;
* :func:`workbench.cost.command.run_cost` — the whole headless command, returning (text, exit code).
"""

from importlib import import_module
from typing import Any

# Loaded on first use (PEP 562), so that importing a small module of this package (the command's option names,
# the errors) does not load the whole engine: `lmi-workbench --help` stays fast. (``compare`` is imported from
# ``workbench.cost.compare``: the submodule of that name would shadow a lazily loaded function.)
_LAZY = {
    "PriceOverride": "workbench.cost.catalog", "PricingCatalog": "workbench.cost.catalog",
    "Provenance": "workbench.cost.catalog", "default_catalog": "workbench.cost.catalog",
    "CostError": "workbench.cost.errors", "CostInputError": "workbench.cost.errors",
    "InstanceTooSmall": "workbench.cost.errors", "MissingPrice": "workbench.cost.errors",
    "CommitmentRates": "workbench.cost.inputs", "CostInputs": "workbench.cost.inputs",
    "ScheduledScaling": "workbench.cost.inputs", "check_inputs": "workbench.cost.inputs",
    "CostResult": "workbench.cost.results",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'workbench.cost' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "CommitmentRates", "CostError", "CostInputError", "CostInputs", "CostResult", "InstanceTooSmall", "MissingPrice",
    "PriceOverride", "PricingCatalog", "Provenance", "ScheduledScaling", "check_inputs", "default_catalog",
]
