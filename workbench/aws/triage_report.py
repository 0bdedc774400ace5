"""The triage table as plain text, JSON or CSV (what ``lmi-workbench triage --format`` prints; the pane's
export uses the same functions). Plain text has no colour or box drawing: it is read in CI logs and pipes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from workbench.aws.triage import TriageResult, TriageRow

FORMATS = ("table", "json", "csv")
CSV_FIELDS = ("rank", "region", "function_name", "runtime", "architecture", "memory_mb", "traffic_pattern",
              "requests_per_month", "mean_rps", "peak_rps", "duration_avg_ms", "cv", "peak_to_mean", "idle_share",
              "lambda_monthly_usd", "lmi_monthly_usd", "saving_usd", "saving_pct", "lmi_instance", "fit_verdict",
              "not_priced", "function_arn")


def _money(value: float | None) -> str:
    if value is None:
        return "-"
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.0f}" if abs(value) >= 100 else f"{sign}${abs(value):,.2f}"


def _volume(value: float | None) -> str:
    if value is None:
        return "-"
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= div:
            return f"{value / div:.1f}".removesuffix(".0") + suffix
    return f"{value:,.0f}"


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def _fit(row: TriageRow) -> str:
    return row.fit_verdict or "not assessed"


def _note(row: TriageRow, width: int = 48) -> str:
    text = " ".join((row.not_priced or row.runtime_note or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(result: TriageResult) -> str:
    headers = ("#", "function", "region", "traffic", "req/month", "peak/s", "avg ms", "Lambda/mo", "LMI/mo",
               "saving/mo", "fit", "note")
    lines: list[tuple[str, ...]] = [headers]
    for n, r in enumerate(result.rows, 1):
        lines.append((str(n), r.function_name, r.region, r.traffic_pattern, _volume(r.requests_per_month),
                      _num(r.peak_rps, ",.2f"), _num(r.duration_avg_ms, ",.0f"), _money(r.lambda_monthly_usd),
                      _money(r.lmi_monthly_usd), _money(r.saving_usd), _fit(r), _note(r)))
    right = {0, 4, 5, 6, 7, 8, 9}
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    out = []
    for line in lines:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(line)]
        out.append("  ".join(cells).rstrip())
    out.insert(1, "  ".join("-" * w for w in widths))
    out.append("")
    out.append(summary_line(result))
    return "\n".join(out)


def summary_line(result: TriageResult) -> str:
    seen = sum(result.functions_seen.values())
    priced = sum(1 for r in result.rows if r.saving_usd is not None)
    gain = sum(r.saving_usd for r in result.rows if r.saving_usd and r.saving_usd > 0)
    gmd = result.get_metric_data_calls
    text = (f"{len(result.rows):,} functions ({seen:,} in {', '.join(result.regions)}), {priced:,} priced; "
            f"CloudWatch {result.window.describe()}: {result.metric_queries:,} metric queries in {gmd:,} "
            f"GetMetricData call{'s' if gmd != 1 else ''}")
    if gain:
        text += f"; LMI would save {_money(gain)}/month across the functions where it is cheaper"
    return text + "."


def _json_ready(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    return value


def render_json(result: TriageResult) -> str:
    rows = []
    for n, r in enumerate(result.rows, 1):
        data = {"rank": n, **{k: _json_ready(v) for k, v in r.as_dict().items()}}
        rows.append(data)
    doc = {
        "regions": result.regions,
        "window": {"start": result.window.start.isoformat(), "end": result.window.end.isoformat(),
                   "days": result.window.days},
        "functions_seen": result.functions_seen,
        "metric_queries": result.metric_queries,
        "calls": result.calls,
        "problems": {region: p.as_dict() for region, p in result.problems.items()},
        "rows": rows,
    }
    return json.dumps(doc, indent=2, sort_keys=False)


def render_csv(result: TriageResult) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for n, r in enumerate(result.rows, 1):
        data = r.as_dict()
        data["rank"] = n
        writer.writerow({k: ("" if data.get(k) is None else _json_ready(data.get(k))) for k in CSV_FIELDS})
    return buffer.getvalue()


def render(result: TriageResult, fmt: str = "table") -> str:
    if fmt == "json":
        return render_json(result)
    if fmt == "csv":
        return render_csv(result)
    if fmt == "table":
        return render_table(result)
    raise ValueError(f"format must be one of {', '.join(FORMATS)} (got {fmt!r})")
