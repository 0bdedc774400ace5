"""The guided cutover engine (no Textual): where the old function's traffic comes from, how it can be shifted,
the exact calls of each step, the controller that proposes and applies decisions with confirmation, the
Markdown report and the after-cutover cost check.

    from workbench.cutover import CutoverController, Decision, discover_sources, mechanism_options
"""

from workbench.cutover.actual_cost import actual_vs_predicted, decommission_reminder, record_cost_check
from workbench.cutover.calls import CutoverError, PlannedCall, forward_calls, rollback_calls
from workbench.cutover.controller import CutoverController
from workbench.cutover.mechanisms import (
    InvocationSource,
    MechanismOption,
    cutover_source,
    discover_sources,
    function_is_lmi,
    invoke_permission_missing,
    mechanism_options,
)
from workbench.cutover.proposals import CutoverCallFailed, CutoverRefused, Decision, Proposal, gate_text
from workbench.cutover.report import cutover_report_markdown

__all__ = ["CutoverCallFailed", "CutoverController", "CutoverError", "CutoverRefused", "Decision",
           "InvocationSource", "MechanismOption", "PlannedCall", "Proposal", "actual_vs_predicted",
           "cutover_report_markdown", "cutover_source", "decommission_reminder", "discover_sources",
           "forward_calls", "function_is_lmi", "gate_text", "invoke_permission_missing", "mechanism_options",
           "record_cost_check", "rollback_calls"]
