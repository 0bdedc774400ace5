"""The whole cutover as one Markdown document for the migration review: plan, gates with their observed values,
every decision with its author, confirmer and time, the AWS calls made and how they went, the cost after the
cutover, the decommission reminder, and the cutover's entries from the audit log. Reads the store only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from workbench.cutover.actual_cost import decommission_reminder
from workbench.clock import system_now
from workbench.cutover.calls import PlannedCall, esm_share_note
from workbench.models.cutover import CostCheck, CutoverState, ShiftMechanism

if TYPE_CHECKING:
    from workbench.store import Store


def _cell(text: object) -> str:
    return " ".join(str(text).replace("\\", "\\\\").replace("|", "\\|").split())


def _when(value: datetime | None) -> str:
    return "—" if value is None else value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _usd(value: float | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


def _plan(state: CutoverState) -> list[str]:
    started = {d.to_step: d.at for d in state.decisions
               if d.decision in ("start", "forward") and d.outcome == "applied"}
    lines = ["## Plan", "", "| Step | Traffic on LMI | Bake | Taken at | Gates |", "| --- | --- | --- | --- | --- |"]
    for i, step in enumerate(state.steps):
        gates = state.gates_for(i)
        failed = sum(1 for g in gates if g.passed is False)
        passed = sum(1 for g in gates if g.passed)
        summary = f"{passed} passed, {failed} failed" if gates else "not evaluated"
        share = f"{step.traffic_pct:g}%"
        if state.mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING and state.source:
            note = esm_share_note(state, i)
            share += f" ({_cell(note)})" if note else ""
        marker = " ← now" if i == state.current_step and state.status.value != "rolled-back" else ""
        lines.append(f"| {i + 1}{marker} | {share} | {step.bake_minutes} min | {_when(started.get(i))} | "
                     f"{summary} |")
    return lines + [""]


def _gates(state: CutoverState) -> list[str]:
    lines = ["## Gates", ""]
    if not state.gates:
        return lines + ["_No gate has been evaluated yet._", ""]
    lines += ["| Step | Gate | Measured | Fails when | Observed | Result | Evaluated | Advice |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for g in sorted(state.gates, key=lambda g: (g.step_index, g.name)):
        result = {True: "passed", False: "**failed**", None: "no data"}[g.passed]
        observed = "—" if g.observed is None else f"{g.observed:g} {g.unit}".strip()
        advice = g.advice if g.passed is False else ""
        lines.append(f"| {g.step_index + 1} | {_cell(g.name)} | {_cell(g.metric)} | {g.comparison} "
                     f"{g.threshold:g} {_cell(g.unit)} | {observed} | {result} | {_when(g.evaluated_at)} | "
                     f"{_cell(advice)} |")
    return lines + [""]


def _simulated(call) -> bool:
    """A call the demo's stand-in answered: nothing was sent to AWS (controller.apply records it so)."""
    return call.status == "done" and call.outcome.startswith("simulated")


def _outcome(decision) -> str:
    if decision.outcome == "applied" and decision.calls and all(_simulated(c) for c in decision.calls):
        return "simulated"
    return decision.outcome


def _decisions(state: CutoverState) -> list[str]:
    lines = ["## Decisions", ""]
    if not state.decisions:
        return lines + ["_No decision has been taken yet._", ""]
    lines += ["| Time | Decision | Steps | Proposed by | Confirmed by | Outcome | Reason |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for d in state.decisions:
        steps = f"{'—' if d.from_step is None else d.from_step + 1} → {'—' if d.to_step is None else d.to_step + 1}"
        reason = d.reason + (f" (FORCED: {d.force_reason})" if d.forced else "")
        lines.append(f"| {_when(d.at)} | {d.decision} | {steps} | {_cell(d.author)} | {_cell(d.confirmed_by)} | "
                     f"{_outcome(d)} | {_cell(reason)} |")
    lines += ["", "### Calls made", ""]
    any_call = False
    for d in state.decisions:
        if not d.calls:
            continue
        any_call = True
        lines.append(f"- {_when(d.at)} — {d.decision} by {d.author} (confirmed by {d.confirmed_by}): {_outcome(d)}")
        for c in d.calls:
            code = PlannedCall(c.service, c.operation, c.parameters, c.why).boto3_call
            outcome = f" → {_cell(c.outcome)}" if c.outcome else ""
            lines.append(f"  - {'simulated' if _simulated(c) else c.status}: `{code}`{outcome}")
        if d.outcome != "applied":
            lines.append(f"  - {_cell(d.message)}")
    if not any_call:
        lines.append("_No AWS calls were made (router, or nothing applied yet)._")
    return lines + [""]


def _cost(check: CostCheck | None) -> list[str]:
    lines = ["## Cost after the cutover", ""]
    if check is None:
        return lines + [("_Not checked yet: predicted against actual cost is compared after 1–2 weeks of "
                         "production data at 100% on LMI._"), ""]
    lines += [f"- Status: {check.status}" + (f" (source: {check.source})" if check.source != "none" else ""),
              f"- Predicted LMI: {_usd(check.predicted_monthly_usd)}/month"
              + (f" ({check.predicted_scenario})" if check.predicted_scenario else ""),
              f"- Predicted standard Lambda: {_usd(check.predicted_lambda_monthly_usd)}/month",
              f"- Actual: {_usd(check.actual_monthly_usd)}/month"
              + (f" ({check.difference_pct:+.0f}% against the prediction)" if check.difference_pct is not None
                 else "")]
    if check.period_start and check.period_end:
        lines.append(f"- Period: {_when(check.period_start)} to {_when(check.period_end)}")
    for label, usd in check.line_items.items():
        lines.append(f"  - {_cell(label)}: {_usd(usd)}/month")
    if check.note:
        lines.append(f"- {_cell(check.note)}")
    lines.append(f"- Checked: {_when(check.checked_at)}")
    return lines + [""]


def cutover_report_markdown(store: "Store") -> str:
    """The cutover of this session as Markdown (a short note when there is none)."""
    found = store.get(CutoverState)
    now = system_now().strftime("%Y-%m-%d %H:%M:%S UTC")
    if found is None:
        return f"# Cutover report\n\n_No cutover has been planned in this session._ (exported {now})\n"
    state = found.doc
    target = f"{state.new_function_name}" + (f":{state.new_alias}" if state.new_alias else "") + \
        (f" (version {state.new_version})" if state.new_version else "")
    old = state.old_function_name + (f":{state.old_qualifier}" if state.old_qualifier else "")
    lines = [f"# Cutover report: {old} → {target}", "",
             f"Exported {now} by {_cell(store.author)} from `{store.path}` (cutover v{found.version}).", "",
             "| | |", "| --- | --- |",
             f"| Status | {state.status.value} |",
             f"| Traffic on LMI | {state.traffic_on_lmi_pct:g}% |",
             f"| Mechanism | {state.mechanism.value} |",
             f"| Source | {_cell(state.source.description) if state.source and state.source.description else '—'} |",
             f"| Region | {state.region or (state.source.region if state.source else None) or '—'} |",
             f"| Started | {_when(state.started_at)} |",
             f"| Current step since | {_when(state.step_started_at)} |",
             f"| Last change | {_when(state.updated_at)} |", ""]
    if state.mechanism.caveat:
        lines += [f"> {state.mechanism.caveat}", ""]
    lines += _plan(state) + _gates(state) + _decisions(state)
    cost = store.get(CostCheck)
    lines += _cost(cost.doc if cost else None)
    lines += ["## Decommission", "", (cost.doc.decommission if cost and cost.doc.decommission
                                      else decommission_reminder(state)), ""]
    entries = [c for c in store.changes() if c.kind in ("cutover", "cutover-cost")]
    lines += ["## Audit log (cutover entries)", ""]
    if not entries:
        lines.append("_No entries._")
    else:
        lines += ["| Time (UTC) | Author | Entry | Summary |", "| --- | --- | --- | --- |"]
        for c in entries:
            when = datetime.fromtimestamp(c.at, UTC).strftime("%Y-%m-%d %H:%M:%S")
            entry = c.doc_id if c.op == "event" else f"{c.op} {c.kind} v{c.version}"
            lines.append(f"| {when} | {_cell(c.author)} | {_cell(entry)} | {_cell(c.summary)} |")
    return "\n".join(lines) + "\n"
