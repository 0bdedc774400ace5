"""The Monitor pane's text blocks: the threshold status lines, the freshness line, the time-range control and
the cutover strip. Pure functions of what the monitor and the cutover controller report (rich Text out), so
they are tested without an app; the pane puts them in Static widgets.

Marks, so nothing depends on colour alone: ``●`` within its threshold, ``▲`` breached, ``○`` no data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from rich.text import Text

from screens.monitor_chart import number
from workbench.cutover.steps_text import parse_steps  # noqa: F401 - re-exported for the panes and tests

GATE_NAMES = {"throttle-rate": "throttles", "memory-high": "memory", "concurrency-saturated": "concurrency",
              "error-rate": "errors", "latency-p99": "p99"}
MARKS = {"OK": ("●", "green"), "BREACH": ("▲", "bold red"), "NO_DATA": ("○", "dim")}
_STATE_WORDS = {"OK": "ok", "BREACH": "BREACH", "NO_DATA": "no data"}


def state_name(state) -> str:
    """OK, BREACH or NO_DATA for a ThresholdState (or its value, or a plain string)."""
    name = getattr(state, "name", None) or str(state)
    name = name.upper().replace("-", "_").replace(" ", "_")
    return {"NODATA": "NO_DATA", "PASS": "OK", "FAIL": "BREACH"}.get(name, name)


def ago(moment: datetime | None, now: datetime) -> str:
    """'just now', '3 min ago', '2 h 5 min ago', '3 days ago'."""
    if moment is None:
        return "never"
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min ago" if minutes else f"{hours} h ago"
    return f"{hours // 24} days ago"


def clock(moment: datetime | None) -> str:
    return moment.strftime("%H:%M UTC") if moment is not None else "—"


def duration(delta: timedelta | None) -> str:
    if delta is None:
        return "—"
    minutes = max(0, round(delta.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _observed(status) -> str:
    unit = getattr(status, "unit", "") or ""
    unit = "%" if unit in ("%", "Percent", "percent") else (" ms" if unit in ("ms", "Milliseconds") else
                                                              (f" {unit}" if unit else ""))
    observed = getattr(status, "observed", None)
    threshold = getattr(status, "threshold", None)
    comparison = getattr(status, "comparison", "") or ""
    left = "—" if observed is None else number(observed) + unit
    right = "" if threshold is None else f"{comparison} {number(threshold)}{unit}"
    return f"{left} vs {right}" if right else left


def status_lines(statuses: Sequence, width: int = 100) -> Text:
    """One line per threshold: mark, title, observed vs threshold, and the advice when it is breached (the
    detail — why there is no data, or which baseline — otherwise)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if not statuses:
        text.append("○ no thresholds evaluated yet", style="dim")
        return text
    title_w = min(26, max(len(getattr(s, "title", "") or getattr(s, "name", "")) for s in statuses))
    for i, status in enumerate(statuses):
        if i:
            text.append("\n")
        state = state_name(status.state)
        mark, style = MARKS.get(state, ("?", ""))
        text.append(f"{mark} ", style=style)
        title = (getattr(status, "title", "") or status.name)[:title_w]
        text.append(title.ljust(title_w) + "  ", style="bold" if state == "BREACH" else "")
        text.append(_observed(status).ljust(21) + " ")
        if state == "BREACH":
            text.append("→ " + (getattr(status, "advice", "") or "see the troubleshooting table"), style=style)
        elif state == "NO_DATA":
            text.append(getattr(status, "detail", "") or "no datapoint in this range", style="dim")
        else:
            text.append(_STATE_WORDS["OK"] + (f" · {status.detail}" if getattr(status, "detail", "") else ""),
                        style="dim")
    return text


def freshness_line(snapshot, now: datetime, *, source_label: str, every_seconds: float) -> Text:
    """'last datapoint 3 min ago (10:42 UTC) · fetched 10:45 UTC · <source>, refresh every 60 s', or the
    STALE warning with its reason when refreshing failed."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if snapshot is None:
        text.append(f"waiting for the first refresh · {source_label} · every {every_seconds:g} s", style="dim")
        return text
    stale_since = getattr(snapshot, "stale_since", None)
    error = getattr(snapshot, "error", None)
    if stale_since is not None or error:
        text.append(f"STALE since {clock(stale_since)}" if stale_since else "STALE", style="bold reverse red")
        text.append(" ")
        if error:
            text.append(f"{error} · ", style="red")
    last = getattr(snapshot, "last_datapoint", None)
    text.append(f"last datapoint {ago(last, now)}", style="bold" if last is None else "")
    if last is not None:
        text.append(f" ({clock(last)})", style="dim")
    fetched = getattr(snapshot, "fetched_at", None)
    text.append(f" · fetched {clock(fetched)} · {source_label} · every {every_seconds:g} s", style="dim")
    return text


def range_text(labels: Sequence[str], index: int) -> Text:
    text = Text(no_wrap=True)
    text.append("range ", style="dim")
    text.append("[ ", style="bold")
    for i, label in enumerate(labels):
        if i == index:
            text.append(f" {label} ", style="bold reverse")
        else:
            text.append(f" {label} ", style="dim")
    text.append(" ]", style="bold")
    return text


def steps_text(steps: Sequence) -> str:
    """The inverse of ``parse_steps``, for the editor's starting value."""
    return ", ".join(f"{number(s.traffic_pct)}/{s.bake_minutes}" for s in steps)


def cutover_strip(state, *, remaining: timedelta | None, gates: Sequence = (), note: str = "") -> Text:
    """Two lines: the steps with the current one highlighted, the status and bake time left; then the gates of
    the current step (or what to do next)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("Cutover ", style="bold")
    if state is None:
        text.append("not started — f proposes the first step (10% of traffic by default)", style="dim")
        if note:
            text.append("\n" + note, style="dim")
        return text
    status = getattr(state.status, "value", str(state.status))
    current = state.current_step
    rolled_back = status == "rolled-back"
    for i, step in enumerate(state.steps):
        if i:
            text.append(" → ", style="dim")
        label = f"{number(step.traffic_pct)}%"
        if current is not None and i == current and not rolled_back:
            text.append(f"▶{label}", style="bold reverse")
        elif current is not None and i < current and not rolled_back:
            text.append(f"✓{label}", style="green")
        else:
            text.append(label, style="dim")
    text.append(f"   {status}", style="bold red" if rolled_back else "bold")
    text.append(f" · {number(state.traffic_on_lmi_pct)}% on LMI")
    if status in ("baking", "shifting") and remaining is not None:
        text.append(f" · bake {duration(remaining)} left" if remaining.total_seconds() > 0 else " · bake done")
    mechanism = getattr(state.mechanism, "value", state.mechanism)
    text.append(f" · via {mechanism}", style="dim")
    text.append("\n")
    if status == "complete":
        text.append("All traffic is on LMI. Compare costs after 1–2 weeks of production data (c), then "
                    f"decommission {state.old_function_name} (standard).", style="bold")
    elif status == "planned" or status == "rolled-back":
        first = state.steps[0]
        text.append(f"f starts: {number(first.traffic_pct)}% of traffic for {first.bake_minutes} min "
                    "(the calls are shown first) · e edits the steps", style="dim")
    elif gates:
        text.append(f"Gates, step {gates[0].step_index + 1}: ", style="dim")
        for i, gate in enumerate(gates):
            if i:
                text.append("  ")
            state_key = "NO_DATA" if gate.passed is None else ("OK" if gate.passed else "BREACH")
            mark, style = MARKS[state_key]
            text.append(f"{mark} {GATE_NAMES.get(gate.name, gate.name)}", style=style)
    else:
        text.append("Gates: not evaluated yet for this step", style="dim")
    if note:
        text.append("  " + note, style="dim")
    return text


def _usd(value: float | None) -> str:
    return "—" if value is None else f"${value:,.2f}/month"


def cost_text(check) -> Text:
    """The predicted against the actual monthly cost (a CostCheck), how it was measured, and the reminder to
    decommission the old function."""
    text = Text()
    text.append("Predicted against actual cost", style="bold underline")
    text.append(f"   ({check.status}" + (f", from {check.source}" if check.source != "none" else "") + ")\n",
                style="dim")
    scenario = f" ({check.predicted_scenario})" if check.predicted_scenario else ""
    text.append(f"  predicted LMI{scenario}: ".ljust(34) + _usd(check.predicted_monthly_usd) + "\n")
    if check.predicted_lambda_monthly_usd is not None:
        text.append("  standard Lambda (predicted): ".ljust(34) + _usd(check.predicted_lambda_monthly_usd) + "\n")
    text.append("  actual LMI: ".ljust(34) + _usd(check.actual_monthly_usd), style="bold")
    if check.difference_usd is not None:
        pct = check.difference_pct
        text.append(f"   {check.difference_usd:+,.2f}" + (f" ({pct:+.0f}%)" if pct is not None else ""),
                    style="bold red" if check.difference_usd > 0 else "bold green")
    text.append("\n")
    if check.period_start and check.period_end:
        text.append(f"  measured {check.period_start:%Y-%m-%d} → {check.period_end:%Y-%m-%d}\n", style="dim")
    for name, usd in check.line_items.items():
        text.append(f"    {name}: ".ljust(34) + _usd(usd) + "\n", style="dim")
    if check.note:
        text.append("\n" + check.note + "\n")
    if check.decommission:
        text.append("\nDecommission: ", style="bold")
        text.append(check.decommission + "\n")
    return text
