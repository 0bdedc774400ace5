"""The cutover's alarm thresholds, evaluated over the monitor's series (lmi-facts.md "Step 6", "Troubleshooting").

Every status compares one observed number with one threshold, and breaches exactly when
``observed <comparison> threshold`` — the same rule as ``GateResult.breached`` (a throttle rate of exactly 1% is
fine; 1.0001% breaches). Observed values and computed thresholds are rounded to 9 decimal places first, so that
float noise (0.7 × 1.5 = 1.0499999999999998) cannot decide a boundary.

Over the evaluation window (default: the last 15 minutes before ``now``; a point counts when its period starts
in ``[now − window, now)``):

================== ===================================================================== ====================
name               observed                                                              breach when
================== ===================================================================== ====================
throttle-rate      Σ Throttles × 100 / Σ Invocations (LMI alias)                         > 1 %  (lmi_facts)
cpu-high           mean of the EE CPU period averages                                    > 80 %
cpu-low            the same, scaled to all the traffic: ÷ LMI's share of the invocations < 20 %
memory-high        highest EE memory period average (running out fails invocations)     > 90 %
concurrency-sat.   highest EE concurrency × 100 / EE concurrency limit of one period      ≥ 95 %
error-rate         LMI error % vs the standard function's error % over the same window   > baseline rule
latency-p99        mean of LMI p99 period values vs the same for the standard function   > baseline rule
================== ===================================================================== ====================

The documented numbers come from ``lmi_facts.CUTOVER_GATE_THRESHOLDS``. The two baseline rules are the
workbench's choice, not AWS figures (AWS only says to compare with the function being replaced):

* error rate: breach above ``max(ERROR_RATE_TOLERANCE × standard %, standard % + ERROR_RATE_MARGIN_PP)`` —
  half as many errors again as today, and never less than 0.1 percentage points of slack (so a standard
  function without errors does not fail the gate on the first LMI error);
* latency: breach above ``LATENCY_P99_TOLERANCE × standard p99`` (20% slower). CloudWatch cannot combine
  percentiles across periods, so the mean of the per-period p99 values on each side is an approximation; both
  sides are treated alike.

cpu-low is about cost with all the traffic on LMI (fewer, busier EEs): at a partial step (10%, 50%) the
minimum execution environments serve a share of the traffic, so their CPU is low by design and says nothing
about the final fleet. So cpu-low divides the observed CPU by LMI's share of the invocations (LMI + standard over
the window); the detail gives both numbers. Without the standard function's invocations it uses the CPU as seen.

A status has no data (``NO_DATA``) when its series have no datapoint in the window, or when its baseline is
missing; its ``detail`` says which.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from workbench.lmi_facts import (
    CPU_BOUND_CONCURRENCY_PER_VCPU,
    CUTOVER_GATE_THRESHOLDS,
    LMI_MIN_EXECUTION_ENVIRONMENTS_DEFAULT,
    LMI_SCALING_DOUBLING_WINDOW_MINUTES,
)
from workbench.models import GateResult, MetricPoint, MetricSeries

DEFAULT_WINDOW = timedelta(minutes=15)
# cpu-low judges the CPU LMI would have with all the traffic: below this share of the invocations, the observed CPU
# is scaled up by 1 / share (the workbench's rule, see _cpu).
CPU_LOW_FULL_SHARE = 0.99

# The workbench's baseline rules (see the module docstring): not AWS numbers.
ERROR_RATE_TOLERANCE = 1.5        # × the standard function's error rate
ERROR_RATE_MARGIN_PP = 0.1        # percentage points above it, at least
LATENCY_P99_TOLERANCE = 1.2       # × the standard function's p99 duration

ORDER = ("throttle-rate", "cpu-high", "cpu-low", "memory-high", "concurrency-saturated", "error-rate", "latency-p99")
TITLES = {"throttle-rate": "Throttle rate", "cpu-high": "CPU high", "cpu-low": "CPU low",
          "memory-high": "Memory high", "concurrency-saturated": "EE concurrency near limit",
          "error-rate": "Error rate vs standard", "latency-p99": "Latency p99 vs standard"}
_DOCUMENTED = {name: (metric, cmp, value, unit, advice)
               for name, metric, cmp, value, unit, advice in CUTOVER_GATE_THRESHOLDS}
_COMPARE: dict[str, Callable[[float, float], bool]] = {">": operator.gt, ">=": operator.ge, "<": operator.lt,
                                                       "<=": operator.le}
_THROTTLE_REASONS = {"throttle_concurrency": "ConcurrencyThrottles", "throttle_cpu": "CPUThrottles",
                     "throttle_memory": "MemoryThrottles", "throttle_disk": "DiskThrottles"}
# Details use the words on the monitor's screen (its charts: "EE CPU %", "p99 ms"), not CloudWatch's metric names.
_THROTTLE_WORDS = {"ConcurrencyThrottles": "concurrency throttles", "CPUThrottles": "CPU throttles",
                   "MemoryThrottles": "memory throttles", "DiskThrottles": "disk throttles"}

# The troubleshooting table, in the workbench's words, appended to the documented action.
_MORE_ADVICE = {
    "throttle-rate": f"throttles while scaling up mean traffic more than doubled within "
                     f"{LMI_SCALING_DOUBLING_WINDOW_MINUTES} minutes",
    "cpu-high": f"CPU-bound work with low throughput wants {CPU_BOUND_CONCURRENCY_PER_VCPU} concurrent invocation "
                f"per vCPU",
    "cpu-low": f"with little traffic, {LMI_MIN_EXECUTION_ENVIRONMENTS_DEFAULT} always-on execution environments may "
               f"cost more than standard Lambda",
}
_BASELINE = {
    "error-rate": ("Errors / Invocations, LMI vs standard", "%",
                   ("errors standard Lambda did not have often come from code that is not safe to run many "
                    "invocations at once: run the readiness review (pane 3 or `lmi-workbench scan`)")),
    "latency-p99": ("Duration p99, LMI vs standard", "ms",
                    "slower than standard: if CPU is high, lower PerExecutionEnvironmentMaxConcurrency or add vCPUs"),
}


class ThresholdState(StrEnum):
    OK = "ok"
    BREACH = "breach"
    NO_DATA = "no-data"


@dataclass(frozen=True)
class ThresholdStatus:
    """One threshold, evaluated: what was seen, what it is compared with, and what to do if it fails."""

    name: str        # throttle-rate, cpu-high, cpu-low, memory-high, concurrency-saturated, error-rate, latency-p99
    title: str       # "Throttle rate"
    state: ThresholdState
    observed: float | None
    threshold: float | None     # for baselines: the standard function's value × tolerance (None: no baseline)
    comparison: str             # ">", ">=", "<", "<=": breach when observed <comparison> threshold
    unit: str                   # "%", "ms"
    advice: str                 # the action from the thresholds list and the troubleshooting table
    detail: str                 # e.g. "1.4% of 12,034 invocations over the last 15 min"
    last_datapoint: datetime | None  # the newest datapoint of the series it reads (None: none at all)
    metric: str = ""            # what is measured, e.g. "Throttles / Invocations"

    @property
    def breached(self) -> bool:
        return self.state is ThresholdState.BREACH


def breaches(observed: float, comparison: str, threshold: float) -> bool:
    """``observed <comparison> threshold`` — GateResult.breached's rule."""
    return _COMPARE[comparison](observed, threshold)


def overall(statuses: Sequence[ThresholdStatus]) -> ThresholdState:
    """BREACH if any breaches, else NO_DATA if any has no data, else OK."""
    states = {s.state for s in statuses}
    if ThresholdState.BREACH in states:
        return ThresholdState.BREACH
    if ThresholdState.NO_DATA in states or not statuses:
        return ThresholdState.NO_DATA
    return ThresholdState.OK


# --- helpers ------------------------------------------------------------------------------------------------------
def _r(value: float) -> float:
    return round(value, 9)


def span(window: timedelta) -> str:
    """"15 min", "1 h", "90 min", "3 d"."""
    seconds = int(window.total_seconds())
    if seconds % 86_400 == 0:
        return f"{seconds // 86_400} d"
    if seconds % 3_600 == 0:
        return f"{seconds // 3_600} h"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _num(value: float, digits: int = 2) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def _hhmm(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%H:%M UTC")


class _Window:
    def __init__(self, series: Mapping[str, MetricSeries], now: datetime, window: timedelta) -> None:
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware (UTC); got a naive datetime")
        if window <= timedelta(0):
            raise ValueError(f"window must be positive (got {window})")
        self.series = series
        self.now = now.astimezone(timezone.utc)
        self.start = self.now - window
        self.text = f"the last {span(window)}"

    def points(self, qid: str) -> list[MetricPoint]:
        s = self.series.get(qid)
        return [p for p in s.points if self.start <= p.timestamp < self.now] if s else []

    def total(self, qid: str) -> float:
        return sum(p.value for p in self.points(qid))

    def newest(self, *qids: str) -> datetime | None:
        stamps = [p.timestamp for q in qids if q in self.series for p in self.series[q].points if p.timestamp < self.now]
        return max(stamps) if stamps else None

    def no_data(self, qid: str, what: str) -> str:
        if qid not in self.series:
            return f"{what}: not queried"
        newest = self.newest(qid)
        since = f"newest {newest:%Y-%m-%d} {_hhmm(newest)}" if newest else "none fetched"
        return f"no {what} datapoints in {self.text} ({since})"


def _documented(name: str, w: _Window, observed: float | None, detail: str, inputs: Sequence[str], *,
                metric: str | None = None) -> ThresholdStatus:
    documented, cmp, threshold, unit, advice = _DOCUMENTED[name]
    more = _MORE_ADVICE.get(name)
    return _status(name, observed, float(threshold), cmp, unit, f"{advice}; {more}" if more else advice, detail,
                   w.newest(*inputs), metric or documented)


def _status(name: str, observed: float | None, threshold: float | None, cmp: str, unit: str, advice: str,
            detail: str, last: datetime | None, metric: str) -> ThresholdStatus:
    if observed is None or threshold is None:
        state, observed = ThresholdState.NO_DATA, (None if observed is None else _r(observed))
    else:
        observed = _r(observed)
        state = ThresholdState.BREACH if breaches(observed, cmp, threshold) else ThresholdState.OK
    return ThresholdStatus(name=name, title=TITLES[name], state=state, observed=observed, threshold=threshold,
                           comparison=cmp, unit=unit, advice=advice, detail=detail, last_datapoint=last,
                           metric=metric)


# --- the thresholds ---------------------------------------------------------------------------------------------
def _throttle_rate(w: _Window) -> ThresholdStatus:
    inputs = ("lmi_invocations", "lmi_throttles", *_THROTTLE_REASONS)
    invocations, throttles = w.total("lmi_invocations"), w.total("lmi_throttles")
    if not w.points("lmi_invocations") and not w.points("lmi_throttles"):
        return _documented("throttle-rate", w, None, w.no_data("lmi_invocations", "LMI invocations"), inputs)
    if invocations <= 0 and throttles <= 0:
        return _documented("throttle-rate", w, None, f"no invocations in {w.text}", inputs)
    reasons = {metric: w.total(qid) for qid, metric in _THROTTLE_REASONS.items()}
    top = max(reasons, key=lambda k: reasons[k])
    why = (f"; mostly {_THROTTLE_WORDS.get(top, top)} ({reasons[top] * 100 / sum(reasons.values()):.0f}%)"
           if sum(reasons.values()) > 0 else "")
    if invocations <= 0:
        return _documented("throttle-rate", w, 100.0, f"{_num(throttles)} throttles and no invocations in "
                                                      f"{w.text}{why}", inputs)
    rate = throttles * 100.0 / invocations
    return _documented("throttle-rate", w, rate, f"{_num(rate)}% of {_num(invocations)} invocations over "
                                                 f"{w.text} ({_num(throttles)} throttles{why})", inputs)


def _lmi_share(w: _Window) -> float | None:
    """The share of the invocations LMI served over the window (LMI / (LMI + standard)); None without the
    standard function's invocations to compare with, or without any invocation at all."""
    if "old_invocations" not in w.series or not w.points("lmi_invocations"):
        return None
    lmi, old = w.total("lmi_invocations"), w.total("old_invocations")
    return lmi / (lmi + old) if lmi + old > 0 else None


def _cpu(w: _Window, name: str) -> ThresholdStatus:
    points = w.points("ee_cpu")
    if not points:
        return _documented(name, w, None, w.no_data("ee_cpu", "EE CPU"), ("ee_cpu",))
    mean = sum(p.value for p in points) / len(points)
    minutes = w.series["ee_cpu"].period_seconds // 60
    seen = (f"average {_num(mean)}% over {w.text} ({len(points)} datapoint{'s' if len(points) != 1 else ''} of "
            f"{minutes} min)")
    share = _lmi_share(w)
    if name != "cpu-low" or share is None or share >= CPU_LOW_FULL_SHARE:
        return _documented(name, w, mean, seen, ("ee_cpu",))
    # CPU low is a cost question for the fleet with all the traffic: at a partial step the minimum EEs serve a
    # share of it, so their CPU is low by design. Judge the CPU scaled to the whole traffic (the fleet's EEs do
    # not shrink below the minimum, so CPU grows with the share it serves).
    inputs = ("ee_cpu", "lmi_invocations", "old_invocations")
    if share <= 0:
        return _documented(name, w, None, f"{seen}; no LMI invocations: judged once LMI serves traffic", inputs)
    projected = mean / share
    return _documented(name, w, projected, f"≈{_num(projected)}% with all the traffic: {seen} while LMI served "
                                           f"{_num(share * 100, 1)}% of the invocations", inputs,
                       metric="ExecutionEnvironmentCPUUtilization ÷ LMI share of invocations")


def _memory(w: _Window) -> ThresholdStatus:
    points = w.points("ee_memory")
    if not points:
        return _documented("memory-high", w, None, w.no_data("ee_memory", "EE memory"),
                           ("ee_memory",))
    worst = max(points, key=lambda p: p.value)
    return _documented("memory-high", w, worst.value, f"highest period average {_num(worst.value)}% at "
                                                      f"{_hhmm(worst.timestamp)} over {w.text}", ("ee_memory",))


def _concurrency(w: _Window) -> ThresholdStatus:
    inputs = ("ee_concurrency", "ee_concurrency_limit")
    used = w.points("ee_concurrency")
    limits = {p.timestamp: p.value for p in w.points("ee_concurrency_limit")}
    if not used:
        return _documented("concurrency-saturated", w, None,
                           w.no_data("ee_concurrency", "EE concurrency"), inputs)
    pairs = [(p.value * 100.0 / limits[p.timestamp], p) for p in used if limits.get(p.timestamp, 0) > 0]
    if not pairs:
        return _documented("concurrency-saturated", w, None,
                           w.no_data("ee_concurrency_limit", "EE concurrency limit"), inputs)
    ratio, at = max(pairs, key=lambda pair: pair[0])
    return _documented("concurrency-saturated", w, ratio,
                       f"peak {_num(at.value)} of {_num(limits[at.timestamp])} ({_num(ratio)}%) at "
                       f"{_hhmm(at.timestamp)} over {w.text}", inputs)


def _baseline(name: str, w: _Window, observed: float | None, base: float | None, threshold: float | None,
              detail: str, inputs: Sequence[str]) -> ThresholdStatus:
    metric, unit, advice = _BASELINE[name]
    return _status(name, observed, None if threshold is None else _r(threshold), ">", unit, advice, detail,
                   w.newest(*inputs), metric)


def _error_rate(w: _Window) -> ThresholdStatus:
    inputs = ("lmi_invocations", "lmi_errors", "old_invocations", "old_errors")
    threshold = old_rate = None
    old_part = ""
    if "old_invocations" not in w.series:
        old_part = "no standard function to compare with (name it as the old function)"
    elif w.total("old_invocations") <= 0:
        old_part = f"the standard function had no invocations in {w.text}: no baseline"
    else:
        old_inv = w.total("old_invocations")
        old_rate = w.total("old_errors") * 100.0 / old_inv
        threshold = max(old_rate * ERROR_RATE_TOLERANCE, old_rate + ERROR_RATE_MARGIN_PP)
        old_part = f"standard {_num(old_rate, 3)}% of {_num(old_inv)}"
    invocations = w.total("lmi_invocations")
    if invocations <= 0:
        lmi_part = (f"no LMI invocations in {w.text}" if w.points("lmi_invocations")
                    else w.no_data("lmi_invocations", "LMI invocations"))
        return _baseline("error-rate", w, None, old_rate, threshold, f"{lmi_part}; {old_part}", inputs)
    rate = w.total("lmi_errors") * 100.0 / invocations
    rule = (f" (fails above max({ERROR_RATE_TOLERANCE:g} × standard, standard + {ERROR_RATE_MARGIN_PP:g} pp))"
            if threshold is not None else "")
    return _baseline("error-rate", w, rate if threshold is not None else None, old_rate, threshold,
                     f"LMI {_num(rate, 3)}% of {_num(invocations)} invocations; {old_part}{rule}", inputs)


def _latency(w: _Window) -> ThresholdStatus:
    inputs = ("lmi_duration_p99", "old_duration_p99")
    lmi, old = w.points("lmi_duration_p99"), w.points("old_duration_p99")
    base = sum(p.value for p in old) / len(old) if old else None
    threshold = base * LATENCY_P99_TOLERANCE if base is not None else None
    if "old_duration_p99" not in w.series:
        old_part = "no standard function to compare with (name it as the old function)"
    elif base is None:
        old_part = w.no_data("old_duration_p99", "standard p99") + ": no baseline"
    else:
        old_part = f"standard p99 {_num(base, 1)} ms (fails above {LATENCY_P99_TOLERANCE:g} × standard)"
    if not lmi:
        return _baseline("latency-p99", w, None, base, threshold,
                         f"{w.no_data('lmi_duration_p99', 'LMI p99')}; {old_part}", inputs)
    observed = sum(p.value for p in lmi) / len(lmi)
    return _baseline("latency-p99", w, observed if threshold is not None else None, base, threshold,
                     f"LMI p99 {_num(observed, 1)} ms (mean of {len(lmi)} period values); {old_part}", inputs)


def evaluate(series: Mapping[str, MetricSeries], *, now: datetime, window: timedelta = DEFAULT_WINDOW
             ) -> list[ThresholdStatus]:
    """Every threshold over the ``window`` before ``now``, in ``ORDER``; ``series`` keyed by catalogue query id."""
    w = _Window(series, now, window)
    return [_throttle_rate(w), _cpu(w, "cpu-high"), _cpu(w, "cpu-low"), _memory(w), _concurrency(w),
            _error_rate(w), _latency(w)]


def gate_results(statuses: Sequence[ThresholdStatus], step_index: int, evaluated_at: datetime) -> list[GateResult]:
    """The statuses as the cutover's GateResults for one step: passed = not breached, blank without data.

    A baseline check without a baseline has no threshold and is left out (a GateResult needs one).
    """
    return [GateResult(name=s.name, metric=s.metric or s.title, comparison=s.comparison, threshold=s.threshold,
                       unit=s.unit, observed=s.observed,
                       passed=None if s.state is ThresholdState.NO_DATA else s.state is ThresholdState.OK,
                       step_index=step_index, evaluated_at=evaluated_at, advice=s.advice[:500])
            for s in statuses if s.threshold is not None]
