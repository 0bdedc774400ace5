"""A terminal line chart of cost against monthly volume: Lambda and LMI, today's volume and the break-even.

Drawn with plain characters so it reads the same in every theme, with no colour, and over SSH:
``·`` Lambda, ``•`` LMI, ``=`` where both lines share a cell, ``X`` the break-even, ``┆`` today's volume.
Both axes are logarithmic: costs span orders of magnitude across the volumes shown.
"""

from __future__ import annotations

import math
from bisect import bisect_left

from rich.text import Text
from textual.widget import Widget

from workbench.cost.curves import CostCurves

LAMBDA_STYLE = "bold dark_orange"
LMI_STYLE = "bold dodger_blue2"


def compact(number: float) -> str:
    for factor, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(number) >= factor:
            return f"{number / factor:.3g}{suffix}"
    return f"{number:.3g}"


def money(number: float) -> str:
    return f"${compact(number)}" if number >= 10_000 else f"${number:,.0f}"


def _interpolate(xs: list[float], ys: tuple[float, ...], x: float) -> float:
    i = bisect_left(xs, x)
    if i <= 0:
        return ys[0]
    if i >= len(xs):
        return ys[-1]
    x0, x1 = xs[i - 1], xs[i]
    t = 0.0 if x1 == x0 else (x - x0) / (x1 - x0)
    return ys[i - 1] + t * (ys[i] - ys[i - 1])


def chart_text(curves: CostCurves, width: int, height: int) -> Text:
    """The chart in ``width`` × ``height`` cells (legend and axes included)."""
    label_width = 8
    plot_w = max(10, width - label_width - 1)
    plot_h = max(3, height - 3)  # x labels, legend (2 lines)
    logs = [math.log10(v) for v in curves.volumes]
    lo, hi = logs[0], logs[-1]
    costs = [c for c in (*curves.lambda_usd, *curves.lmi_usd) if c > 0]
    top = max(costs, default=1.0) * 1.05
    bottom = max(min(costs, default=1.0) * 0.95, 0.01)
    span = math.log10(top) - math.log10(bottom) or 1.0

    def column(volume: float) -> int:
        return round((math.log10(volume) - lo) / ((hi - lo) or 1.0) * (plot_w - 1))

    def row(usd: float) -> int:
        clipped = min(max(usd, bottom), top)
        return plot_h - 1 - round((math.log10(clipped) - math.log10(bottom)) / span * (plot_h - 1))

    grid = [[(" ", "")] * plot_w for _ in range(plot_h)]
    today_col = column(curves.today)
    for r in range(plot_h):
        grid[r][today_col] = ("┆", "dim")
    for c in range(plot_w):
        x = lo + (hi - lo) * c / max(plot_w - 1, 1)
        lam = row(_interpolate(logs, curves.lambda_usd, x))
        lmi = row(_interpolate(logs, curves.lmi_usd, x))
        grid[lam][c] = ("·", LAMBDA_STYLE)
        grid[lmi][c] = ("•", LMI_STYLE) if lmi != lam else ("=", "bold")
    crossing = curves.breakeven.requests_per_month
    if crossing and curves.volumes[0] <= crossing <= curves.volumes[-1]:
        usd = curves.breakeven.lmi_usd or _interpolate(logs, curves.lmi_usd, math.log10(crossing))
        grid[row(usd)][column(crossing)] = ("X", "bold reverse")

    text = Text(no_wrap=True)
    for r in range(plot_h):
        if r in (0, plot_h - 1, plot_h // 2):
            label = money(10 ** (math.log10(bottom) + span * (plot_h - 1 - r) / (plot_h - 1)))
        else:
            label = ""
        text.append(label.rjust(label_width) + "│")
        for char, style in grid[r]:
            text.append(char, style=style)
        text.append("\n")
    axis = [" "] * plot_w
    for volume in (curves.volumes[0], curves.today, curves.volumes[-1]):
        label = compact(volume)
        start = min(max(0, column(volume) - len(label) // 2), plot_w - len(label))
        if all(ch == " " for ch in axis[start:start + len(label)]):
            axis[start:start + len(label)] = list(label)
    text.append(" " * label_width + "└" + "".join(axis) + "\n")
    text.append(" · ", style=LAMBDA_STYLE)
    text.append(curves.lambda_label)
    text.append("   • ", style=LMI_STYLE)
    text.append(curves.lmi_label)
    text.append("\n ┆ ", style="dim")
    text.append(f"today {compact(curves.today)} requests/month   ")
    if crossing:
        text.append("X", style="bold reverse")
        text.append(f" break-even {compact(crossing)} requests/month")
    else:
        text.append(curves.breakeven.note or "the lines do not cross in this range")
    return text


class CostChart(Widget):
    """The chart drawn at whatever size the widget has (it redraws itself when resized)."""

    DEFAULT_CSS = """
    CostChart { height: 1fr; min-height: 8; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.curves: CostCurves | None = None

    def show(self, curves: CostCurves | None) -> None:
        self.curves = curves
        self.refresh()

    def render(self) -> Text:
        if self.curves is None:
            return Text("No cost curves for these inputs.")
        return chart_text(self.curves, max(self.size.width, 40), max(self.size.height, 8))
