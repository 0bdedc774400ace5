"""The monitor's charts: the LMI version beside the old function over the chosen time range, with the
thresholds drawn as dashed lines.

Plain characters, so a chart reads the same in every theme, with no colour, in tmux and over SSH: the LMI series
is a bar (``▁▂▃▄▅▆▇█``, eighths of a cell), the old function a ``•`` at its level, a threshold a ``╌`` line;
where a bar passes its threshold the part above is drawn in the theme's error colour.

``build_charts`` turns the monitor's series (by query id, as in ``workbench.metrics.catalog``) into chart specs:
counts are shown per minute (LMI publishes one point per 5 minutes, standard Lambda one per minute, so raw sums
would not compare), error and throttle rates as % of invocations. ``chart_text`` draws one spec in
``width`` × ``height`` cells. Both are pure; ``MetricChart`` is the widget that draws at its size and caches the
drawing until the data or its size change.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"
OLD_MARK = "•"
DASH = "╌"
LABEL_WIDTH = 6


@dataclass(frozen=True)
class Line:
    """One series, ready to draw: point start times (epoch seconds), values, and how long each point lasts."""

    times: tuple[float, ...]
    values: tuple[float, ...]
    period: float

    @property
    def latest(self) -> float | None:
        return self.values[-1] if self.values else None


@dataclass(frozen=True)
class Threshold:
    value: float
    comparison: str  # ">", ">=", "<", "<=": which side breaches
    label: str = ""

    def breached(self, observed: float) -> bool:
        return {">": observed > self.value, ">=": observed >= self.value,
                "<": observed < self.value, "<=": observed <= self.value}.get(self.comparison, False)


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    unit: str
    lmi: Line | None
    old: Line | None = None
    thresholds: tuple[Threshold, ...] = ()
    fixed_max: float | None = None
    lmi_label: str = "LMI"
    old_label: str = "std"
    note: str = ""  # shown instead of the plot when there is nothing to draw


@dataclass
class Palette:
    lmi: str = "bold dodger_blue2"
    old: str = "bold dark_orange"
    threshold: str = "yellow"
    breach: str = "bold red"
    label: str = "dim"


# ----------------------------------------------------------------------------------------------- series → charts

def _line(series, *, per_minute: bool = False) -> Line | None:
    if series is None or not series.points:
        return None
    period = float(series.period_seconds)
    scale = 60.0 / period if per_minute else 1.0
    return Line(tuple(p.timestamp.timestamp() for p in series.points),
                tuple(p.value * scale for p in series.points), period)


def _ratio(numerator, denominator, *, percent: bool = True) -> Line | None:
    """numerator / denominator per timestamp (as %), where both have a point and the denominator is positive."""
    if numerator is None or denominator is None or not denominator.points:
        return None
    below = {p.timestamp: p.value for p in denominator.points}
    times, values = [], []
    for point in numerator.points:
        total = below.get(point.timestamp)
        if total:
            times.append(point.timestamp.timestamp())
            values.append(point.value / total * (100.0 if percent else 1.0))
    if not times:
        return None
    return Line(tuple(times), tuple(values), float(numerator.period_seconds))


def _status_threshold(statuses: Iterable, *names: str) -> Threshold | None:
    for status in statuses:
        if getattr(status, "name", None) in names and getattr(status, "threshold", None) is not None:
            return Threshold(float(status.threshold), getattr(status, "comparison", ">") or ">")
    return None


def default_thresholds() -> dict[str, Threshold]:
    """The documented alarm thresholds (workbench.lmi_facts) by gate name, for charts drawn before any status."""
    from workbench.lmi_facts import CUTOVER_GATE_THRESHOLDS

    return {name: Threshold(value, cmp) for name, _metric, cmp, value, _unit, _advice in CUTOVER_GATE_THRESHOLDS}


def build_charts(series: Mapping[str, object], statuses: Sequence = ()) -> list[ChartSpec]:
    """The seven charts of the monitor from the series by query id; thresholds from the statuses when they
    carry one (the error-rate and p99 baselines come from the old function), else the documented defaults."""
    get = series.get
    defaults = default_thresholds()

    def threshold(*names: str) -> Threshold | None:
        found = _status_threshold(statuses, *names)
        if found is not None:
            return found
        return next((defaults[n] for n in names if n in defaults), None)

    charts = [
        ChartSpec("invocations", "Invocations", "/min", _line(get("lmi_invocations"), per_minute=True),
                  _line(get("old_invocations"), per_minute=True)),
        ChartSpec("errors", "Error rate", "%", _ratio(get("lmi_errors"), get("lmi_invocations")),
                  _ratio(get("old_errors"), get("old_invocations")),
                  tuple(t for t in [threshold("error-rate", "errors", "error-rate-baseline")] if t)),
        ChartSpec("p99", "p99", "ms", _line(get("lmi_duration_p99")), _line(get("old_duration_p99")),
                  tuple(t for t in [threshold("latency-p99", "p99", "duration-p99", "latency-p99-baseline")] if t)),
        ChartSpec("cpu", "EE CPU", "%", _line(get("ee_cpu")), None,
                  tuple(t for t in [threshold("cpu-high"), threshold("cpu-low")] if t), fixed_max=100.0),
        ChartSpec("memory", "EE memory", "%", _line(get("ee_memory")), None,
                  tuple(t for t in [threshold("memory-high")] if t), fixed_max=100.0),
        _concurrency_chart(get("ee_concurrency"), get("ee_concurrency_limit")),
        ChartSpec("throttles", "Throttle rate", "%", _ratio(get("lmi_throttles"), get("lmi_invocations")),
                  _ratio(get("old_throttles"), get("old_invocations")),
                  tuple(t for t in [threshold("throttle-rate")] if t)),
    ]
    return charts


def _concurrency_chart(concurrency, limit) -> ChartSpec:
    line = _line(concurrency)
    limit_line = _line(limit)
    thresholds: tuple[Threshold, ...] = ()
    if limit_line is not None and limit_line.latest:
        thresholds = (Threshold(limit_line.latest, ">=", "limit"),)
    # The standard function's ConcurrentExecutions counts whole functions, not one environment's invocations:
    # not comparable, so not drawn here.
    return ChartSpec("concurrency", "EE concurrency", "", line, None, thresholds, note="" if line else
                     "no concurrency data")


# ----------------------------------------------------------------------------------------------- drawing

def number(value: float | None, unit: str = "") -> str:
    """A short reading: 45.2%, 1.2k, 950ms, 0.03%."""
    if value is None:
        return "—"
    magnitude = abs(value)
    if magnitude >= 1e6:
        text = f"{value / 1e6:.3g}M"
    elif magnitude >= 1e4:
        text = f"{value / 1e3:.3g}k"
    elif magnitude >= 100:
        text = f"{value:.0f}"
    else:
        text = f"{value:.3g}"
    return f"{text}{unit}"


def _columns(line: Line, start: float, end: float, width: int) -> list[float | None]:
    """The highest value of ``line`` in each of ``width`` columns over [start, end): a point counts in every
    column its period overlaps (so coarse 5-minute points fill the columns they cover and a missing point
    leaves a gap). The maximum, not the mean: a spike is what the thresholds are about."""
    span = (end - start) / width
    out: list[float | None] = [None] * width
    times, values, period = line.times, line.values, line.period
    for column in range(width):
        c0 = start + column * span
        c1 = c0 + span
        lo = bisect_right(times, c0 - period)  # first point whose period ends after c0
        hi = bisect_left(times, c1)            # points starting before c1
        if lo < hi:
            out[column] = max(values[lo:hi])
    return out


def chart_text(spec: ChartSpec, start: float, end: float, width: int, height: int,
               palette: Palette | None = None) -> Text:
    """``spec`` over [start, end) (epoch seconds) in ``width`` × ``height`` cells: a heading with the latest
    readings and the legend, then the plot with its scale on the left."""
    palette = palette or Palette()
    width = max(width, 20)
    height = max(height, 2)
    text = Text(no_wrap=True, overflow="ellipsis")
    _heading(text, spec, palette)
    rows = height - 1
    plot_w = width - LABEL_WIDTH - 1
    if spec.lmi is None and spec.old is None:
        text.append("\n" + (" " * (LABEL_WIDTH + 1)) + (spec.note or "no data in this range"), style=palette.label)
        return text
    lmi = _columns(spec.lmi, start, end, plot_w) if spec.lmi else [None] * plot_w
    old = _columns(spec.old, start, end, plot_w) if spec.old else [None] * plot_w
    seen = [v for v in (*lmi, *old) if v is not None] + [t.value for t in spec.thresholds]
    top = spec.fixed_max if spec.fixed_max is not None else max(seen, default=1.0) * 1.1
    if top <= 0 or not math.isfinite(top):
        top = 1.0
    eighths = rows * 8

    def level(value: float) -> int:  # 0 … eighths
        return max(0, min(eighths, round(value / top * eighths)))

    def row_of(value: float) -> int:  # the row (0 = top) a mark at this value sits in
        return max(0, min(rows - 1, rows - 1 - int(value / top * rows - 1e-9) if value < top else 0))

    grid: list[list[tuple[str, str]]] = [[(" ", "")] * plot_w for _ in range(rows)]
    threshold_rows: dict[int, Threshold] = {}
    for t in spec.thresholds:
        if 0 <= t.value <= top:
            threshold_rows.setdefault(row_of(t.value), t)
    for r, t in threshold_rows.items():
        for c in range(plot_w):
            grid[r][c] = (DASH, palette.threshold)
    for c, value in enumerate(lmi):
        if value is None:
            continue
        filled = level(value)
        breach = any(t.breached(value) for t in spec.thresholds)
        for r in range(rows):
            part = filled - (rows - 1 - r) * 8
            if part <= 0:
                continue
            style = palette.breach if breach and _beyond(r, spec.thresholds, row_of, value) else palette.lmi
            if part >= 8 and r in threshold_rows:
                grid[r][c] = (DASH, f"{style} reverse")  # the threshold cut through the bar
            else:
                grid[r][c] = (BLOCKS[min(8, part)], style)
    for c, value in enumerate(old):
        if value is None:
            continue
        r = row_of(value) if value > 0 else rows - 1
        if grid[r][c][0] == DASH:
            continue  # the threshold line stays readable; the heading gives the old function's reading
        under_bar = grid[r][c][0] == BLOCKS[8]
        grid[r][c] = (OLD_MARK, f"{palette.lmi} reverse" if under_bar else palette.old)
    labels = {0: number(top), rows - 1: "0"} if rows > 1 else {0: number(top)}
    for r, t in threshold_rows.items():
        labels[r] = number(t.value)  # a threshold's value says more than the scale's ends
    for r in range(rows):
        text.append("\n")
        text.append(labels.get(r, "").rjust(LABEL_WIDTH)[:LABEL_WIDTH] + "│", style=palette.label)
        for char, style in grid[r]:
            text.append(char, style=style or None)
    return text


def _beyond(row: int, thresholds: Sequence[Threshold], row_of, value: float) -> bool:
    """Whether cell ``row`` of a bar of ``value`` is on the breaching side of a breached threshold."""
    for t in thresholds:
        if not t.breached(value):
            continue
        if t.comparison in (">", ">="):
            if row <= row_of(t.value):
                return True
        else:  # a low threshold: the whole (short) bar is the breach
            return True
    return False


def _heading(text: Text, spec: ChartSpec, palette: Palette) -> None:
    """'EE CPU %  █ 58  ╌ 80 / 20' or 'p99 ms  █ 1232  • 1218  ╌ 1417': the latest LMI (and old) readings and the
    thresholds, in the chart's unit."""
    text.append(spec.title, style="bold")
    if spec.unit:
        text.append(f" {spec.unit}", style=palette.label)
    text.append("  ")
    text.append("█", style=palette.lmi)
    text.append(f" {spec.lmi_label} {number(spec.lmi.latest if spec.lmi else None)}")
    if spec.old is not None or spec.key in ("invocations", "errors", "p99", "throttles"):
        text.append("  ")
        text.append(OLD_MARK, style=palette.old)
        text.append(f" {spec.old_label} {number(spec.old.latest if spec.old else None)}")
    if spec.thresholds:
        text.append("  ")
        text.append(DASH, style=palette.threshold)
        text.append(" " + " / ".join(f"{t.label + ' ' if t.label else ''}{number(t.value)}" for t in spec.thresholds))


# ----------------------------------------------------------------------------------------------- the widget

@dataclass
class _Cache:
    key: tuple = ()
    text: Text = field(default_factory=Text)


class MetricChart(Widget):
    """One chart, drawn at the widget's size; the drawing is cached until the data, range or size change."""

    DEFAULT_CSS = """
    MetricChart { height: 1fr; min-height: 3; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.spec: ChartSpec | None = None
        self.window: tuple[float, float] = (0.0, 1.0)
        self._cache = _Cache()
        self.draws = 0  # how many times the chart was actually drawn (not served from the cache)

    def show(self, spec: ChartSpec | None, start: float, end: float) -> None:
        if spec is self.spec and (start, end) == self.window:
            return
        self.spec = spec
        self.window = (start, end)
        self.refresh()

    def _palette(self) -> Palette:
        variables = getattr(self.app, "theme_variables", {}) or {}

        def colour(name: str, default: str) -> str:
            """A theme colour as Rich names it: Textual's ``ansi_bright_blue`` is Rich's ``bright_blue``."""
            from rich.color import Color, ColorParseError

            value = str(variables.get(name, default)).split()[0].removeprefix("ansi_")
            try:
                Color.parse(value)
            except ColorParseError:
                return default
            return value

        return Palette(lmi=f"bold {colour('primary', 'dodger_blue2')}",
                       old=f"bold {colour('accent', 'dark_orange')}",
                       threshold=colour("foreground", "white"),
                       breach=f"bold {colour('error', 'red')}",
                       label="dim")

    def render(self) -> Text:
        if self.spec is None:
            return Text("")
        key = (id(self.spec), self.window, self.size.width, self.size.height, self.app.theme)
        if key != self._cache.key:
            self.draws += 1
            self._cache = _Cache(key, chart_text(self.spec, *self.window, self.size.width, self.size.height,
                                                 self._palette()))
        return self._cache.text
