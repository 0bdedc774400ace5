"""Pricing catalog and cost engine (pure: no Textual, no AWS calls outside ``refresh``).

The functions the cost pane and the headless ``cost`` command call:

* :func:`compare` — every scenario, the instance search, break-even, sensitivity and the verdict line;
* :func:`workbench.cost.aws_sample.calculate` — the AWS sample calculator's methodology, for cross-checking;
* :func:`workbench.cost.report.render` — table, JSON, CSV or Markdown of either;
* :func:`workbench.cost.command.run_cost` — the whole headless command, returning (text, exit code).
"""

from workbench.cost.catalog import PriceOverride, PricingCatalog, Provenance, default_catalog
from workbench.cost.compare import compare
from workbench.cost.errors import CostError, CostInputError, InstanceTooSmall, MissingPrice
from workbench.cost.inputs import CommitmentRates, CostInputs, ScheduledScaling, check_inputs
from workbench.cost.results import CostResult

__all__ = [
    "CommitmentRates", "CostError", "CostInputError", "CostInputs", "CostResult", "InstanceTooSmall", "MissingPrice",
    "PriceOverride", "PricingCatalog", "Provenance", "ScheduledScaling", "check_inputs", "compare", "default_catalog",
]
